import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';
import { envelope, newTs, startHarness } from './harness.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const REDIS_URL = TEST_REDIS_URL;

let bot: TeleworkBot;
let stub: SlackApiStub;
beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startSlackApiStub();
});
afterAll(async () => {
  await stub.close();
});

/**
 * Two express apps with their own adapter, one store: the same event delivered to both is answered once.
 * "Nothing more arrives" is checked after both instances have stopped, and stop() waits for every
 * event each one accepted: a late duplicate would be among the calls counted, whatever its delay.
 */
async function deliverToBoth(store: Store): Promise<void> {
  stub.reset();
  const ev = { type: 'app_mention', user: 'U1', text: '<@UBOT> 特別交付税の措置率は?', ts: newTs(), channel: 'C1' };
  const first = [await startHarness({ bot, stub, store }), await startHarness({ bot, stub, store })] as const;
  try {
    const body = JSON.stringify(envelope(ev, `EvTWO${randomUUID().slice(0, 8)}`));
    const [ra, rb] = await Promise.all([first[0].post(body), first[1].post(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
  } finally {
    await Promise.all(first.map((h) => h.close()));
  }
  expect(stub.callsTo('chat.postMessage')).toHaveLength(1);

  // A follow-up in that thread is seen by two other instances through the store alone (shared thread state), answered once.
  const second = [await startHarness({ bot, stub, store }), await startHarness({ bot, stub, store })] as const;
  try {
    await Promise.all(
      second.map((h) =>
        h.event({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U2', text: '特別交付税の措置率は?', ts: '1800000000.000001', thread_ts: ev.ts }, { eventId: 'EvFOLLOW' }),
      ),
    );
  } finally {
    await Promise.all(second.map((h) => h.close()));
  }
  expect(stub.callsTo('chat.postMessage')).toHaveLength(2);
}

test('two instances sharing one in-memory store answer an event once', async () => {
  await deliverToBoth(new MemoryStore());
});

test('two instances sharing one Redis store answer an event once', async () => {
  const prefix = `test:slack:${randomUUID()}:`;
  const store = RedisStore.fromUrl(REDIS_URL, prefix);
  const admin = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
  try {
    await deliverToBoth(store);
    // The state really went through Redis under this run's prefix.
    const keys = await admin.keys(`${prefix}*`);
    expect(keys.some((k) => k.includes('slack:event:'))).toBe(true);
  } finally {
    // Delete only this run's keys.
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await store.close();
    admin.disconnect();
  }
});
