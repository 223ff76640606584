import type { Logger } from 'pino';
import type { Env } from '../config/settings.js';
import { MemoryStore } from './memory-store.js';
import { describeRedisTarget, parseRedisUrl } from './redis-url.js';
import type { Durability } from './redis-store.js';
import type { Store } from './store.js';

/** REDIS_WAIT_REPLICAS, or its default: Sentinel deployments have replicas to wait for, others may not. */
export function redisDurability(settings: Pick<Env, 'REDIS_URL'> & Partial<Pick<Env, 'REDIS_WAIT_REPLICAS' | 'REDIS_WAIT_TIMEOUT_MS'>>): Durability {
  const sentinel = settings.REDIS_URL !== undefined && parseRedisUrl(settings.REDIS_URL).kind === 'sentinel';
  return { replicas: settings.REDIS_WAIT_REPLICAS ?? (sentinel ? 1 : 0), timeoutMs: settings.REDIS_WAIT_TIMEOUT_MS ?? 1000 };
}

/**
 * The store the settings ask for: Redis when REDIS_URL is set (and reachable), otherwise the
 * embedded in-memory store with a warning that nothing survives a restart.
 */
export async function openStore(settings: Pick<Env, 'REDIS_URL' | 'REDIS_PREFIX'> & Partial<Pick<Env, 'REDIS_WAIT_REPLICAS' | 'REDIS_WAIT_TIMEOUT_MS'>>, logger: Pick<Logger, 'warn' | 'info'>): Promise<Store> {
  if (settings.REDIS_URL === undefined) {
    logger.warn('REDIS_URL is not set: using the embedded in-memory store; feedback, dedupe, tickets and reminders are lost on restart');
    return new MemoryStore();
  }
  // Loaded on demand so that the embedded default never loads ioredis.
  const { RedisStore } = await import('./redis-store.js');
  const durability = redisDurability(settings);
  const store = RedisStore.fromUrl(settings.REDIS_URL, settings.REDIS_PREFIX, durability);
  try {
    await store.ping();
  } catch (e) {
    store.client.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis: ${(e as Error).message}`);
  }
  logger.info({ prefix: settings.REDIS_PREFIX, target: describeRedisTarget(parseRedisUrl(settings.REDIS_URL)), waitReplicas: durability.replicas }, 'connected to Redis');
  return store;
}
