import type { Logger } from 'pino';
import type { Env } from '../config/settings.js';
import { MemoryStore } from './memory-store.js';
import type { Store } from './store.js';

/**
 * The store the settings ask for: Redis when REDIS_URL is set (and reachable), otherwise the
 * embedded in-memory store with a warning that nothing survives a restart.
 */
export async function openStore(settings: Pick<Env, 'REDIS_URL' | 'REDIS_PREFIX'>, logger: Pick<Logger, 'warn' | 'info'>): Promise<Store> {
  if (settings.REDIS_URL === undefined) {
    logger.warn('REDIS_URL is not set: using the embedded in-memory store; feedback, dedupe, tickets and reminders are lost on restart');
    return new MemoryStore();
  }
  // Loaded on demand so that the embedded default never loads ioredis.
  const { RedisStore } = await import('./redis-store.js');
  const store = RedisStore.fromUrl(settings.REDIS_URL, settings.REDIS_PREFIX);
  try {
    await store.ping();
  } catch (e) {
    store.client.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis: ${(e as Error).message}`);
  }
  logger.info({ prefix: settings.REDIS_PREFIX }, 'connected to Redis');
  return store;
}
