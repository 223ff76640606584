import { createHash, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler } from 'express';
import { SESSION_COOKIE, sameSecret, type Session, type SessionStore } from '../console/sessions.js';
import { ADMIN_PRINCIPAL, hasRole, type Role } from './principal.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AdminAuthOptions {
  /** Console sessions: a signed-in person may use the route too, with a CSRF token on every write. */
  sessions?: SessionStore;
  /** Roles (besides admin) a session needs for this route; none = admin only. */
  roles?: Role[];
}

/** The console session named by the request's cookie, if any and still valid. */
export async function sessionOf(req: Request, sessions: SessionStore): Promise<{ id: string; session: Session } | null> {
  const id = parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
  if (id === undefined) return null;
  const session = await sessions.get(id);
  return session === null ? null : { id, session };
}

/**
 * Guard for admin routes. `Authorization: Bearer $ADMIN_TOKEN` is the admin (401 on a wrong
 * token, 503 when none is configured); without the header, a console session with the right role
 * (403 otherwise, and 403 for a write without its CSRF token). The caller is put on res.locals.principal.
 */
export function adminAuth(token: string | undefined, opts: AdminAuthOptions = {}): RequestHandler {
  const expected = token === undefined ? null : digest(token);
  const disabled = 'admin API disabled: set ADMIN_TOKEN, or sign in to the console at /admin';
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header !== undefined) {
      if (expected === null) return void res.status(503).json({ error: disabled });
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      // Compare digests so the comparison is constant-time whatever the lengths.
      if (!timingSafeEqual(digest(given), expected)) return void res.status(401).json({ error: 'missing or wrong bearer token' });
      res.locals['principal'] = ADMIN_PRINCIPAL;
      return next();
    }
    if (opts.sessions !== undefined) {
      let found: Awaited<ReturnType<typeof sessionOf>>;
      try {
        found = await sessionOf(req, opts.sessions);
      } catch (e) {
        return void res.status(503).json({ error: `sessions cannot be read from the store: ${(e as Error).message}` });
      }
      if (found !== null) {
        const { session } = found;
        // SameSite=Strict keeps the cookie off cross-site requests; the token also stops same-site forgeries.
        if (!SAFE_METHODS.has(req.method) && !sameSecret(req.get('x-csrf-token') ?? '', session.csrf)) return void res.status(403).json({ error: 'missing or wrong CSRF token (X-CSRF-Token)' });
        if (!hasRole(session.principal, ...(opts.roles ?? []))) return void res.status(403).json({ error: `this needs the ${['admin', ...(opts.roles ?? [])].join(' or ')} role` });
        res.locals['principal'] = session.principal;
        return next();
      }
    }
    // The contract: without ADMIN_TOKEN the admin API (for bearer callers) answers 503.
    if (expected === null) return void res.status(503).json({ error: disabled });
    res.status(401).json({ error: 'missing or wrong bearer token' });
  };
}
