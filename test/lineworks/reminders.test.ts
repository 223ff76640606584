import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { LineWorksApiStub, LineWorksCall } from '../support/lineworks-api-stub.js';
import { ADMIN, REDIS_URL, auth, inMs, redisNamespace, until } from '../reminders/harness.js';
import { BOT_NAME, type LineWorksHarness, startLineWorksHarness, startStub, textEvent } from './harness.js';

/** HR reminders to LINE WORKS: delivered through the adapter's messenger, and `remind` from LINE WORKS. */

let bot: TeleworkBot;
let stub: LineWorksApiStub;
const open: Array<{ close(): Promise<void> }> = [];
const namespaces: Array<{ cleanup(): Promise<void> }> = [];

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startStub();
});
afterAll(async () => {
  await stub?.close();
});
afterEach(async () => {
  for (const o of open.splice(0)) await o.close().catch(() => {});
  for (const n of namespaces.splice(0)) await n.cleanup();
  stub.reset();
});

const toRoom = (channelId: string) => (c: LineWorksCall) => c.to !== undefined && 'channelId' in c.to && c.to.channelId === channelId;
const toUser = (userId: string) => (c: LineWorksCall) => c.to !== undefined && 'userId' in c.to && c.to.userId === userId;

async function instance(env: Record<string, string>, store?: RedisStore): Promise<LineWorksHarness> {
  const h = await startLineWorksHarness({ bot, stub, services: true, env: { ADMIN_TOKEN: ADMIN, REMINDER_RETRY_BACKOFF_MS: '100', ...env }, ...(store ? { store } : {}) });
  open.push(h);
  if (store) open.push({ close: () => store.close() });
  return h;
}

const create = async (h: LineWorksHarness, body: Record<string, unknown>): Promise<any> => {
  const res = await fetch(`${h.url}/api/reminders`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const detail = async (h: LineWorksHarness, id: string): Promise<any> => (await fetch(`${h.url}/api/reminders/${id}`, { headers: auth })).json();

describe('reminders to LINE WORKS', () => {
  test('a reminder to a LINE WORKS room is delivered once, with two instances on Redis', async () => {
    const ns = redisNamespace();
    namespaces.push(ns);
    const a = await instance(ns.env, RedisStore.fromUrl(REDIS_URL, ns.prefix));
    const b = await instance(ns.env, RedisStore.fromUrl(REDIS_URL, ns.prefix));
    const r = await create(a, { text: '{date}({weekday})は勤怠入力の締め日です', target: { platform: 'lineworks', channelId: 'hr-room' }, at: inMs(1500) });
    await stub.waitForMessages(toRoom('hr-room'), 1, 10_000);
    // Done means the one run is over on whichever instance ran it: nothing more can come.
    await until(async () => (await detail(b, r.id)).status === 'done');
    const sent = stub.messages(toRoom('hr-room'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body['content'].text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]曜日\)は勤怠入力の締め日です$/);
    expect((await detail(a, r.id)).deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered']);
  });

  test('a reminder to people goes to each one’s 1:1 chat with the bot', async () => {
    const h = await instance({});
    const r = await create(h, { text: '提出期限です', target: { platform: 'lineworks', userIds: ['W1', 'W2'] }, at: inMs(800) });
    await until(async () => (await detail(h, r.id)).status === 'done');
    expect(stub.messages(toUser('W1')).map((m) => m.body['content'].text)).toEqual(['提出期限です']);
    expect(stub.messages(toUser('W2')).map((m) => m.body['content'].text)).toEqual(['提出期限です']);
  });
});

describe('`remind` from LINE WORKS', () => {
  test('HR (HR_LINEWORKS_USER_IDS) manages reminders from a room; anyone else is refused', async () => {
    const h = await instance({ HR_LINEWORKS_USER_IDS: 'hr-user-1, hr-user-2' });
    await h.deliver(textEvent({ userId: 'hr-user-1', channelId: 'hr-room', text: `@${BOT_NAME} remind add at 2030-12-02 09:00 here 勤怠入力の締め日です` }));
    const [created] = stub.messages(toRoom('hr-room'));
    const id = /rem_[a-z0-9]{12}/.exec(created!.body['content'].text)?.[0];
    expect(id, created!.body['content'].text).toBeDefined();
    const d = await detail(h, id!);
    expect(d.target).toEqual({ platform: 'lineworks', channelId: 'hr-room' });
    expect(d.createdBy).toEqual({ platform: 'lineworks', userId: 'hr-user-1' });

    stub.reset();
    await h.deliver(textEvent({ userId: 'someone-else', text: `remind delete ${id}` }));
    expect(stub.messages(toUser('someone-else')).map((m) => m.body['content'].text)).toEqual([REMIND_TEXTS.refused.ja]);
    expect((await detail(h, id!)).status).toBe('active');

    stub.reset();
    await h.deliver(textEvent({ userId: 'hr-user-2', text: 'remind list' }));
    expect(stub.messages(toUser('hr-user-2'))[0]!.body['content'].text).toContain(id);
  });
});
