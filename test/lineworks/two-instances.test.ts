import { afterAll, beforeAll, expect, test } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { LineWorksApiStub } from '../support/lineworks-api-stub.js';
import { REDIS_URL, redisNamespace } from '../reminders/harness.js';
import { type LineWorksHarness, startLineWorksHarness, startStub, textEvent } from './harness.js';

/** A callback redelivered to another instance (both on one Redis) is answered once. */

let stub: LineWorksApiStub;
let a: LineWorksHarness;
let b: LineWorksHarness;
const ns = redisNamespace();
const stores = [RedisStore.fromUrl(REDIS_URL, ns.prefix), RedisStore.fromUrl(REDIS_URL, ns.prefix)] as const;

beforeAll(async () => {
  const bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startStub();
  a = await startLineWorksHarness({ bot, stub, store: stores[0], env: ns.env });
  b = await startLineWorksHarness({ bot, stub, store: stores[1], env: ns.env });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  for (const s of stores) await s.close();
  await stub?.close();
  await ns.cleanup();
});

test('the same signed callback posted to two instances at once gets one answer', async () => {
  for (let i = 0; i < 5; i++) {
    const body = JSON.stringify(textEvent({ userId: `R${i}`, text: '特別交付税の措置率は?' }));
    const [ra, rb] = await Promise.all([a.post(body), b.post(body)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
  }
  await Promise.all([a.adapter.idle(), b.adapter.idle()]);
  const to = stub.messages().map((m) => m.path);
  expect(to).toHaveLength(5);
  expect(new Set(to).size).toBe(5);
});
