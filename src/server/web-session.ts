import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Requester } from '../feedback/recorder.js';

/**
 * The web chat's asker: a random id in an HttpOnly cookie, so a person's votes count once and
 * only they can read their tickets' answers. The store keeps a digest of it (the cookie value is
 * the secret). A client without cookies (curl, scripts) is the shared "web" asker, as before.
 */
export const WEB_COOKIE = 'tw_web';
const MAX_AGE_S = 30 * 24 * 60 * 60;
const VALID = /^[\w-]{40,64}$/;

const userIdOf = (value: string): string => `web-${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;

/** The asker's own web id, or null when the request carries no (valid) web cookie. */
export function webUserId(req: Request): string | null {
  const v = parseCookies(req.get('cookie') ?? '')[WEB_COOKIE];
  return v !== undefined && VALID.test(v) ? userIdOf(v) : null;
}

/** The requester for this request; gives the browser its cookie when it has none yet. */
export function webRequester(req: Request, res: Response): Requester {
  const id = webUserId(req);
  if (id !== null) return { platform: 'web', userId: id };
  res.append('Set-Cookie', serializeCookie(WEB_COOKIE, randomBytes(32).toString('base64url'), { httpOnly: true, sameSite: 'strict', path: '/api', secure: req.secure, maxAge: MAX_AGE_S }));
  return { platform: 'web', userId: 'web' };
}
