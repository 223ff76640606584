import * as client from 'openid-client';
import type { Env } from '../config/settings.js';
import { parseOidcRoles, ROLE_NAME } from '../config/settings.js';
import type { Principal, Role } from '../server/principal.js';
import type { Store } from '../store/store.js';

/** A sign-in in progress: what the callback must check (kept 10 minutes, used once). */
interface Pending {
  verifier: string;
  nonce: string;
}

const PENDING_TTL_MS = 10 * 60 * 1000;
const pendingKey = (state: string): string => `{console}:oidc:${state}`;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Roles from the claim: mapped through OIDC_ROLES_JSON, or taken as they are when named like a role. */
export function rolesFromClaim(value: unknown, map: Record<string, string[]>): { roles: Role[]; offices: string[] } {
  const values = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : []).filter((v): v is string => typeof v === 'string' && v !== '');
  const names = new Set(values.flatMap((v) => map[v] ?? (ROLE_NAME.test(v) ? [v] : [])));
  const roles = new Set<Role>();
  const offices: string[] = [];
  for (const n of names) {
    if (n.startsWith('office:')) {
      roles.add('office');
      offices.push(n.slice('office:'.length));
    } else roles.add(n as Role);
  }
  return { roles: [...roles], offices };
}

/**
 * OpenID Connect sign-in for the console (Entra ID, Keycloak, any provider): authorization code
 * with PKCE, state and nonce; the person's roles come from OIDC_ROLE_CLAIM (ID token or userinfo).
 */
export class OidcSignIn {
  private config: Promise<client.Configuration> | null = null;
  private readonly roleMap: Record<string, string[]>;

  constructor(
    private readonly settings: Pick<Env, 'OIDC_ISSUER_URL' | 'OIDC_CLIENT_ID' | 'OIDC_CLIENT_SECRET' | 'OIDC_REDIRECT_URL' | 'OIDC_ROLE_CLAIM' | 'OIDC_ROLES_JSON'>,
    private readonly store: Store,
  ) {
    const parsed = settings.OIDC_ROLES_JSON === undefined ? null : parseOidcRoles(settings.OIDC_ROLES_JSON);
    this.roleMap = parsed?.ok ? parsed.map : {};
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private configuration(): Promise<client.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.settings.OIDC_ISSUER_URL!);
      // Plain http only for a provider on this machine (tests, a local Keycloak); anything else must be https.
      const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
      return client.discovery(
        issuer,
        this.settings.OIDC_CLIENT_ID!,
        this.settings.OIDC_CLIENT_SECRET,
        this.settings.OIDC_CLIENT_SECRET === undefined ? client.None() : client.ClientSecretPost(this.settings.OIDC_CLIENT_SECRET),
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    })().catch((e: unknown) => {
      this.config = null;
      throw e;
    });
    return this.config;
  }

  /** Where to send the browser to sign in. */
  async start(): Promise<URL> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    await this.store.set(pendingKey(state), JSON.stringify({ verifier, nonce } satisfies Pending), { ttlMs: PENDING_TTL_MS });
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.OIDC_REDIRECT_URL!,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** The provider sent the browser back: check everything, and say who it is. */
  async finish(callbackQuery: URLSearchParams): Promise<Principal> {
    const config = await this.configuration();
    const state = callbackQuery.get('state') ?? '';
    const raw = /^[\w-]{10,200}$/.test(state) ? await this.store.get(pendingKey(state)) : null;
    if (raw === null) throw new Error('the sign-in expired or was already used; please sign in again');
    // Used once: a replayed callback finds nothing.
    await this.store.del(pendingKey(state));
    const pending = JSON.parse(raw) as Pending;
    const current = new URL(this.settings.OIDC_REDIRECT_URL!);
    current.search = callbackQuery.toString();
    const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
    const idClaims = tokens.claims()!;
    // Providers put roles in the ID token (Entra, Keycloak mappers) or only in userinfo.
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}) as Record<string, unknown>);
    const claims: Record<string, unknown> = { ...info, ...idClaims };
    const { roles, offices } = rolesFromClaim(claims[this.settings.OIDC_ROLE_CLAIM] ?? info[this.settings.OIDC_ROLE_CLAIM], this.roleMap);
    const name = [claims['name'], claims['preferred_username'], claims['email'], idClaims.sub].find((v): v is string => typeof v === 'string' && v !== '')!;
    return { id: `oidc:${idClaims.sub}`, name, roles, offices, via: 'session' };
  }
}
