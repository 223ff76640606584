import { type KeyObject, createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { DEFAULT_RETRY, LineWorksHttpError, type RetryPolicy, errorDetail, fetchWithRetry } from './http.js';

export interface TokenOptions {
  clientId: string;
  clientSecret: string;
  serviceAccount: string;
  privateKey: KeyObject;
  authUrl: string;
  /** Refresh this long before the token expires, so no send races the expiry. */
  refreshMarginMs?: number;
  retry?: RetryPolicy;
  now?: () => number;
}

/** The token endpoint's answer; expires_in comes as a string of seconds (a number is accepted too). */
const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]),
});

/** The JWT's own lifetime: LINE WORKS accepts at most 60 minutes. */
const ASSERTION_LIFETIME_S = 10 * 60;
const DEFAULT_MARGIN_MS = 5 * 60_000;

/**
 * Parses the app's private key (PKCS#8 as the Developer Console issues it, or PKCS#1). Literal
 * "\n" sequences are turned into line breaks, so the PEM fits in one environment variable.
 */
export function parsePrivateKey(pem: string): KeyObject {
  const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
  const key = createPrivateKey({ key: text.trim(), format: 'pem' });
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`is a ${key.asymmetricKeyType ?? 'unknown'} key; an RSA private key is needed (RS256)`);
  return key;
}

/**
 * Access tokens of the OAuth 2.0 service-account flow: a JWT (iss = client id, sub = service
 * account) signed RS256 with the app's key, exchanged at the token endpoint for a `bot` token.
 * The token is cached and refreshed before it expires; concurrent callers share one refresh.
 */
export class AccessTokenProvider {
  private cached: { token: string; refreshAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  /** How many tokens were fetched (exposed for tests and logs). */
  fetched = 0;

  constructor(private readonly o: TokenOptions) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  async get(): Promise<string> {
    const c = this.cached;
    if (c !== null && this.now() < c.refreshAt) return c.token;
    // Single flight: whoever comes while a refresh runs waits for the same one.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Drops a token the API refused (401), so the next get() fetches a new one; a newer token stays. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = null;
  }

  private async refresh(): Promise<string> {
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.o.clientId)
      .setSubject(this.o.serviceAccount)
      .setIssuedAt()
      .setExpirationTime(`${ASSERTION_LIFETIME_S}s`)
      .sign(this.o.privateKey);
    const body = new URLSearchParams({
      assertion,
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
      scope: 'bot',
    }).toString();
    const res = await fetchWithRetry(this.o.authUrl, () => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }), this.o.retry ?? DEFAULT_RETRY);
    if (!res.ok) throw new LineWorksHttpError(res.status, this.o.authUrl, await errorDetail(res));
    const parsed = TokenResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new Error('the LINE WORKS token endpoint answered without access_token/expires_in');
    const expiresInMs = Number(parsed.data.expires_in) * 1000;
    // Refreshed a margin before expiry (at half-life for short-lived tokens).
    const margin = Math.min(this.o.refreshMarginMs ?? DEFAULT_MARGIN_MS, expiresInMs / 2);
    this.cached = { token: parsed.data.access_token, refreshAt: this.now() + expiresInMs - margin };
    this.fetched += 1;
    return parsed.data.access_token;
  }
}
