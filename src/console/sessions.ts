import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../server/principal.js';
import type { Store } from '../store/store.js';

/** A console session: who signed in, and the token every state-changing request must carry. */
export interface Session {
  principal: Principal;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

export const SESSION_COOKIE = 'tw_console';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
/** Only a digest of the cookie value is stored: a read of the store does not yield usable cookies. */
const key = (id: string): string => `{console}:session:${sha256(id)}`;

/** Constant-time equality of two strings (through digests, so lengths do not leak either). */
export const sameSecret = (a: string, b: string): boolean => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * Sessions kept in the Store (so every instance sharing Redis knows them, and signing out ends
 * them everywhere); the cookie holds 256 random bits and nothing else.
 */
export class SessionStore {
  constructor(
    private readonly store: Store,
    private readonly ttlMs = SESSION_TTL_MS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(principal: Principal): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: Session = { principal: { ...principal, via: 'session' }, csrf: randomBytes(32).toString('base64url'), createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + this.ttlMs).toISOString() };
    await this.store.set(key(id), JSON.stringify(session), { ttlMs: this.ttlMs });
    return { id, session };
  }

  async get(id: string | undefined): Promise<Session | null> {
    if (id === undefined || !/^[\w-]{20,100}$/.test(id)) return null;
    const raw = await this.store.get(key(id));
    if (raw === null) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > this.now().toISOString() ? s : null;
  }

  async delete(id: string | undefined): Promise<void> {
    if (id !== undefined && /^[\w-]{20,100}$/.test(id)) await this.store.del(key(id));
  }
}
