import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Bearer-token guard for admin routes: 503 when no token is configured, 401 on a wrong one. */
export function adminAuth(token: string | undefined): RequestHandler {
  const expected = token === undefined ? null : digest(token);
  return (req, res, next) => {
    if (expected === null) return void res.status(503).json({ error: 'admin API disabled: set ADMIN_TOKEN' });
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    // Compare digests so the comparison is constant-time whatever the lengths.
    if (!timingSafeEqual(digest(given), expected)) return void res.status(401).json({ error: 'missing or wrong bearer token' });
    next();
  };
}
