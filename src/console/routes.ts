import { join } from 'node:path';
import { serialize as serializeCookie } from 'cookie';
import express, { type Express, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { AdapterContext } from '../../adapters/adapter.js';
import { packageRoot } from '../knowledge/paths.js';
import { sessionOf } from '../server/admin-auth.js';
import type { Principal } from '../server/principal.js';
import type { OidcSignIn } from './oidc.js';
import { SESSION_COOKIE, SESSION_TTL_MS, sameSecret, type SessionStore } from './sessions.js';

export interface ConsoleOptions {
  sessions: SessionStore;
  /** Generated at start-up when ADMIN_TOKEN is unset, so the operator can always sign in. */
  signInToken?: string;
  /** OpenID Connect sign-in, when OIDC_ISSUER_URL is set. */
  oidc?: OidcSignIn;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A tiny page without scripts (the CSP allows none inline). */
const page = (title: string, body: string, refresh?: string): string =>
  `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh ? `<meta http-equiv="refresh" content="0;url=${refresh}">` : ''}<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/admin/assets/console.css"></head><body><main class="narrow"><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

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

  // Guessing the token: 10 failed tries per address in 15 minutes, then 429 (successful sign-ins do not count).
  const signInLimit = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.getHeader('location') === '/admin',
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => void res.status(429).json({ error: 'too many failed sign-ins; try again later' }),
  });
  app.post('/admin/sign-in', signInLimit, express.urlencoded({ extended: false, limit: '4kb' }), express.json({ limit: '4kb' }), async (req, res) => {
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

  // What the sign-in page offers.
  app.get('/admin/sign-in/options', (_req, res) => {
    noStore(res);
    res.json({ local: tokens.length > 0, oidc: opts.oidc !== undefined });
  });

  app.get('/admin/oidc/start', async (_req, res) => {
    noStore(res);
    if (opts.oidc === undefined) return void res.status(404).json({ error: 'OpenID Connect sign-in is not configured (OIDC_ISSUER_URL)' });
    try {
      res.redirect(303, (await opts.oidc.start()).href);
    } catch (e) {
      ctx.logger.error({ err: e }, 'OIDC: the provider could not be reached');
      res.status(502).type('html').send(page('サインインできません', '<p>認証サーバーに接続できませんでした。時間をおいて再度お試しください。</p><p><a href="/admin/sign-in">サインイン画面へ戻る</a></p>'));
    }
  });

  app.get('/admin/oidc/callback', async (req, res) => {
    noStore(res);
    if (opts.oidc === undefined) return void res.status(404).json({ error: 'OpenID Connect sign-in is not configured' });
    let principal: Principal;
    try {
      principal = await opts.oidc.finish(new URLSearchParams(req.url.split('?')[1] ?? ''));
    } catch (e) {
      ctx.logger.warn({ err: e }, 'OIDC sign-in failed');
      return void res.status(400).type('html').send(page('サインインできませんでした', `<p>${escapeHtml((e as Error).message)}</p><p><a href="/admin/sign-in">サインイン画面へ戻る</a></p>`));
    }
    const known = new Set(ctx.bot.offices.map((o) => o.id));
    principal = { ...principal, offices: principal.offices.filter((o) => known.has(o)) };
    if (principal.offices.length === 0) principal = { ...principal, roles: principal.roles.filter((r) => r !== 'office') };
    if (principal.roles.length === 0) {
      ctx.logger.warn({ user: principal.id }, 'OIDC sign-in without any console role');
      return void res.status(403).type('html').send(page('権限がありません', `<p>${escapeHtml(principal.name)} さんには管理コンソールの役割が割り当てられていません。管理者にお問い合わせください。</p>`));
    }
    const { id } = await opts.sessions.create(principal);
    setSessionCookie(req, res, id, SESSION_TTL_MS);
    ctx.logger.info({ user: principal.id, roles: principal.roles, offices: principal.offices }, 'console sign-in (OIDC)');
    // A same-site step before /admin: a SameSite=Strict cookie is not sent on a redirect chain the provider's site started.
    res.type('html').send(page('サインインしました', '<p><a href="/admin">管理コンソールへ進む</a></p>', '/admin'));
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
