import { join } from 'node:path';
import { serialize as serializeCookie } from 'cookie';
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AdapterContext } from '../../adapters/adapter.js';
import { packageRoot } from '../knowledge/paths.js';
import { sessionOf } from '../server/admin-auth.js';
import type { Principal } from '../server/principal.js';
import { SESSION_COOKIE, SESSION_TTL_MS, sameSecret, type SessionStore } from './sessions.js';

export interface ConsoleOptions {
  sessions: SessionStore;
  /** Generated at start-up when ADMIN_TOKEN is unset, so the operator can always sign in. */
  signInToken?: string;
}

/** The one operator of a local-mode deployment: admin. */
export const LOCAL_OPERATOR: Principal = { id: 'local-operator', name: '管理者', roles: ['admin'], offices: [], via: 'session' };

const SignInBody = z.object({ token: z.string().min(1).max(500) });
const publicDir = (): string => join(packageRoot(), 'src', 'console', 'public');

/** A write from another site (its Origin differs from ours) is refused before anything happens. */
function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return req.get('sec-fetch-site') === undefined || req.get('sec-fetch-site') === 'same-origin' || req.get('sec-fetch-site') === 'none';
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

function setSessionCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.append(
    'Set-Cookie',
    serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: Math.floor(maxAgeMs / 1000) }),
  );
}

/**
 * The console: GET /admin (the app, or a redirect to its sign-in), the local sign-in with
 * ADMIN_TOKEN or the start-up token, sign-out, and the session's own facts (/admin/session).
 * Everything else it does goes through the /api routes with the session cookie and CSRF token.
 */
export function mountConsole(app: Express, ctx: AdapterContext, opts: ConsoleOptions): void {
  const dir = publicDir();
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');
  const tokens = [ctx.settings.ADMIN_TOKEN, opts.signInToken].filter((t): t is string => t !== undefined);

  app.use('/admin/assets', express.static(join(dir, 'assets'), { maxAge: '10m', index: false }));

  app.get(['/admin', '/admin/'], async (req, res) => {
    noStore(res);
    if ((await sessionOf(req, opts.sessions).catch(() => null)) === null) return void res.redirect(303, '/admin/sign-in');
    res.sendFile(join(dir, 'index.html'));
  });

  app.get('/admin/sign-in', (_req, res) => {
    noStore(res);
    res.sendFile(join(dir, 'sign-in.html'));
  });

  app.post('/admin/sign-in', express.urlencoded({ extended: false, limit: '4kb' }), express.json({ limit: '4kb' }), async (req, res) => {
    noStore(res);
    if (!sameOrigin(req)) return void res.status(403).json({ error: 'cross-site sign-in refused' });
    const body = SignInBody.safeParse(req.body);
    const ok = body.success && tokens.some((t) => sameSecret(body.data.token, t));
    if (!ok) {
      ctx.logger.warn({ ip: req.ip }, 'console sign-in refused');
      return void res.redirect(303, '/admin/sign-in?error=1');
    }
    const { id } = await opts.sessions.create(LOCAL_OPERATOR);
    setSessionCookie(req, res, id, SESSION_TTL_MS);
    ctx.logger.info({ user: LOCAL_OPERATOR.id }, 'console sign-in');
    res.redirect(303, '/admin');
  });

  app.post('/admin/sign-out', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    noStore(res);
    const found = await sessionOf(req, opts.sessions);
    const given = req.get('x-csrf-token') ?? (typeof req.body?.csrf === 'string' ? req.body.csrf : '');
    if (found !== null) {
      if (!sameSecret(given, found.session.csrf)) return void res.status(403).json({ error: 'missing or wrong CSRF token' });
      await opts.sessions.delete(found.id);
    }
    setSessionCookie(req, res, '', 0);
    res.redirect(303, '/admin/sign-in');
  });

  // The signed-in person, their CSRF token and the offices (the console reads this first).
  app.get('/admin/session', async (req, res) => {
    noStore(res);
    const found = await sessionOf(req, opts.sessions);
    if (found === null) return void res.status(401).json({ error: 'not signed in' });
    const { principal, csrf, expiresAt } = found.session;
    res.json({ user: { id: principal.id, name: principal.name, roles: principal.roles, offices: principal.offices }, csrf, expiresAt, offices: ctx.bot.offices.map((o) => ({ id: o.id, name: o.name })) });
  });
}
