import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { storeContract } from './store-contract.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const REDIS_URL = TEST_REDIS_URL;

/** Deletes only this run's keys (SCAN on the prefix), never the whole database. */
export async function deletePrefix(store: RedisStore, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await (store.client as import('ioredis').Redis).scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await store.client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

storeContract('RedisStore (real server)', async () => {
  const prefix = `test:${process.pid}:${randomUUID()}:`;
  const store = RedisStore.fromUrl(REDIS_URL, prefix);
  const other = RedisStore.fromUrl(REDIS_URL, prefix);
  try {
    await store.ping();
  } catch (e) {
    throw new Error(`Redis is not reachable at ${REDIS_URL} (start redis-server; .ci/run does): ${(e as Error).message}`);
  }
  return {
    store,
    other,
    cleanup: async () => {
      await deletePrefix(store, prefix);
      await other.close();
      await store.close();
    },
  };
});

describe('openStore', () => {
  it('uses the embedded store and warns when REDIS_URL is unset', async () => {
    const warnings: unknown[] = [];
    const store = await openStore({ REDIS_URL: undefined, REDIS_PREFIX: 'x:' }, { warn: (...a: unknown[]) => warnings.push(a), info: () => {} } as never);
    expect(store.kind).toBe('memory');
    expect(String((warnings[0] as unknown[])[0])).toMatch(/lost on restart/);
  });

  it('fails clearly, without hanging, when Redis is unreachable', async () => {
    const started = Date.now();
    await expect(openStore({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: 'x:' }, { warn: () => {}, info: () => {} } as never)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
