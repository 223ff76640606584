import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';
import { SECRET, envelope, newTs, startHarness, type Harness } from './harness.js';
import { signSlackRequest } from '../support/slack-sign.js';

let stub: SlackApiStub;
let bot: TeleworkBot;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startSlackApiStub();
});
afterAll(async () => {
  await stub.close();
});

const mention = (ts = newTs()) => ({ type: 'app_mention', user: 'U1', text: '<@UBOT> VPNの設定は?', ts, channel: 'C1' });
const postsIn = (threadTs: string) => stub.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === threadTs);

describe('Slack requests refused before Bolt reads them', () => {
  let h: Harness;
  beforeAll(async () => {
    stub.reset();
    h = await startHarness({ bot, stub });
  });
  afterAll(() => h.close());

  it('refuses a correctly signed request dated 10 minutes in the future or the past, and answers none of them', async () => {
    const refused: string[] = [];
    for (const offset of [600, -600, 301, -301]) {
      const e = mention();
      refused.push(e.ts);
      // Dated just before the request leaves (rounded away from now): on a slow machine a timestamp taken
      // once at the start drifts a second or more towards the window by the time the later requests go.
      const now = Date.now() / 1000;
      const res = await h.post(JSON.stringify(envelope(e)), { ts: offset > 0 ? Math.ceil(now) + offset : Math.floor(now) + offset });
      expect(res.status, `offset ${offset}`).toBe(401);
      expect((await res.json()).error).toMatch(/5 minutes/);
    }
    for (const ts of ['', 'abc', '1e10', '-5']) {
      const res = await h.post(JSON.stringify(envelope(mention())), { headers: { 'x-slack-request-timestamp': ts } });
      expect(res.status, JSON.stringify(ts)).toBe(401);
    }
    // Within the window the same kind of request is accepted and answered.
    const ok = mention();
    const accepted = await h.post(JSON.stringify(envelope(ok)), { ts: Math.floor(Date.now() / 1000) + 120 });
    expect(accepted.status).toBe(200);
    await stub.waitFor('chat.postMessage', 1, 10_000);
    expect(postsIn(ok.ts)).toHaveLength(1);
    // Refused requests were never queued: nothing was answered for them.
    for (const ts of refused) expect(postsIn(ts)).toHaveLength(0);
  });

  it('refuses an oversized body with 413, announced or streamed without a length', async () => {
    const big = JSON.stringify(envelope({ ...mention(), text: `<@UBOT> ${'あ'.repeat(200_000)}` }));
    const announced = await h.post(big);
    expect(announced.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${h.url}/slack/events`);
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...signSlackRequest(SECRET, big) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve(413) : reject(e)));
      for (let i = 0; i < big.length; i += 16_384) req.write(big.slice(i, i + 16_384));
      req.end();
    });
    expect(streamed).toBe(413);
    // A normal request on the same server is still fine.
    expect((await h.post(JSON.stringify(envelope(mention())))).status).toBe(200);
  });
});

describe('a burst of events', () => {
  it('acknowledges 200 simultaneous events (and their retries) and answers each exactly once', async () => {
    stub.reset();
    const h = await startHarness({ bot, stub });
    try {
      const events = Array.from({ length: 200 }, (_, i) => ({ id: `EvBURST${String(i).padStart(4, '0')}`, e: mention() }));
      const sends = events.map(({ id, e }) => h.event(e, { eventId: id }));
      // Slack retries some of them while the first deliveries are still in flight.
      const retries = events.slice(0, 40).map(({ id, e }) => h.event(e, { eventId: id, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }));
      const statuses = await Promise.all([...sends, ...retries].map(async (p) => (await p).status));
      expect(statuses.every((s) => s === 200)).toBe(true);
      await stub.waitFor('chat.postMessage', 200, 60_000);
    } finally {
      // stop() waits for every queued answer, so what was posted is final when it returns.
      await h.close();
    }
    const posts = stub.callsTo('chat.postMessage');
    expect(posts).toHaveLength(200);
    expect(new Set(posts.map((p) => p.body.thread_ts)).size).toBe(200);
  }, 90_000);
});
