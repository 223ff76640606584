import { createHash } from 'node:crypto';
import { MemoryStore, type Options, type Store as RateStore, type ClientRateLimitInfo } from 'express-rate-limit';
import { RedisStore as RateRedisStore, type RedisReply } from 'rate-limit-redis';
import { RedisStore } from '../store/redis-store.js';
import type { Store } from '../store/store.js';

/**
 * Counters for rate limits: express-rate-limit's MemoryStore in one process, rate-limit-redis on
 * the deployment's Redis (shared by every instance) when the bot runs on Redis. The same counters
 * serve the HTTP middleware and the escalation limit of chat users.
 */

/** Keys are hashed: an IP address or a user id is not kept in Redis as it is. */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 22);

/**
 * rate-limit-redis loads its Lua scripts at init; when Redis is not reachable then, a later call
 * would fail for ever. This wrapper initialises again after a failure, and never lets an init
 * failure become an unhandled rejection.
 */
class ResilientStore implements RateStore {
  private options: Options | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);

  constructor(
    private readonly inner: RateStore,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.ready = this.initInner();
  }

  private initInner(): Promise<boolean> {
    return Promise.resolve(this.inner.init?.(this.options!))
      .then(() => true)
      .catch(() => false);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    if (!(await this.ready)) this.ready = this.initInner();
    if (!(await this.ready)) throw new Error('rate limit store not reachable');
    try {
      return await this.inner.increment(key);
    } catch (err) {
      this.ready = this.initInner();
      throw err;
    }
  }

  async decrement(key: string): Promise<void> {
    await this.inner.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    await this.inner.resetKey(key);
  }

  get localKeys(): boolean {
    return this.inner.localKeys ?? false;
  }
}

/** A counter store named `name` (its own key space), on Redis when `store` is the Redis store. */
export function rateLimitStore(store: Store, redisPrefix: string, name: string): RateStore {
  if (store instanceof RedisStore) {
    const client = store.client;
    const inner = new RateRedisStore({
      prefix: `${redisPrefix}rl:${name}:`,
      sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as Promise<RedisReply>,
    });
    return new ResilientStore(inner, `${redisPrefix}rl:${name}:`);
  }
  return new MemoryStore();
}

/**
 * A limit used outside the middleware (chat escalations): `limit` hits per `windowMs` per key.
 * `hit` counts one and says whether it is within the limit, and when the window ends.
 */
export class RateCounter {
  constructor(
    private readonly store: RateStore,
    readonly limit: number,
    readonly windowMs: number,
  ) {
    void Promise.resolve(store.init?.({ windowMs } as Options)).catch(() => undefined);
  }

  /** 0 means no limit. */
  get enabled(): boolean {
    return this.limit > 0;
  }

  async hit(key: string, now = Date.now()): Promise<{ ok: boolean; retryAfterSeconds: number }> {
    if (!this.enabled) return { ok: true, retryAfterSeconds: 0 };
    const info = await this.store.increment(hashKey(key));
    const reset = info.resetTime?.getTime() ?? now + this.windowMs;
    return { ok: info.totalHits <= this.limit, retryAfterSeconds: Math.max(1, Math.ceil((reset - now) / 1000)) };
  }

  /** Gives a hit back (the ticket it counted for could not be created). */
  async undo(key: string): Promise<void> {
    if (this.enabled) await this.store.decrement(hashKey(key));
  }
}
