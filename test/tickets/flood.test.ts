import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsError, loadSettings } from '../../src/config/settings.js';
import { deletePrefix, newPrefix, startTicketsServer, type TicketsServer } from './harness.js';

/**
 * Flood control with the default limits, on the real app and real Redis shared by two instances:
 * escalations per person and day, the same question joining its ticket, and questions per client.
 */
const prefix = newPrefix();
let a: TicketsServer;
let b: TicketsServer;

beforeAll(async () => {
  // Defaults: 10 escalations per person a day, 10 escalation requests and 60 questions a minute per
  // client. Behind one proxy hop, so that each test is a client of its own (X-Forwarded-For).
  // An empty value means the default.
  const env = { TRUST_PROXY: '1', RATE_LIMIT_ASK_PER_MINUTE: '', RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE: '', RATE_LIMIT_ESCALATIONS_PER_DAY: '' };
  a = await startTicketsServer({ prefix, env });
  b = await startTicketsServer({ prefix, env });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await deletePrefix(prefix);
});

const post = (srv: TicketsServer, path: string, body: unknown, client = '203.0.113.1') =>
  fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify(body) });

async function answerId(srv: TicketsServer, question: string, client = '203.0.113.1'): Promise<string> {
  const res = await post(srv, '/api/ask', { question }, client);
  expect(res.status).toBe(200);
  return (await res.json()).answerId as string;
}

const ticketCount = async (srv: TicketsServer): Promise<number> => (await (await srv.api('/api/tickets?limit=1000')).json()).length as number;

describe('escalation floods', () => {
  it('30 escalations in a row from one web client make at most 10 tickets; the rest get 429 with Retry-After', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await answerId(i % 2 === 0 ? a : b, `端末の暗号化について教えてください(質問${i})`));
    const statuses: number[] = [];
    for (const [i, id] of ids.entries()) {
      const res = await post(i % 2 === 0 ? a : b, '/api/escalation-requests', { answerId: id });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).error).toMatch(/もう一度お試しください/);
      } else {
        expect(res.status).toBe(202);
        await res.arrayBuffer();
      }
    }
    expect(statuses.filter((s) => s === 202).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(await ticketCount(a)).toBeLessThanOrEqual(10);
  });

  it('a chat user gets at most 10 tickets a day across instances, then a limit with the time to wait', async () => {
    const who = { platform: 'slack' as const, userId: 'U-FLOOD-1' };
    let created = 0;
    const limited: number[] = [];
    for (let i = 0; i < 30; i++) {
      const srv = i % 2 === 0 ? a : b;
      const id = await answerId(srv, `VPNの設定について(相談${i})`, '203.0.113.2');
      // The answer is remembered for the web; a chat adapter remembers it for its user the same way.
      const r = await srv.ctx.escalations.request(id, who, { idempotencyKey: `slack:${id}:${who.userId}` });
      if (r?.rateLimited !== undefined) limited.push(r.rateLimited.retryAfterSeconds);
      else if (r?.created) created++;
    }
    expect(created).toBe(10);
    expect(limited).toHaveLength(20);
    // The window is a day: the wait is hours, not seconds.
    expect(Math.min(...limited)).toBeGreaterThan(3600);
    // Someone else is not affected.
    const other = await a.ctx.escalations.request(await answerId(a, 'VPNの設定について(別の人)', '203.0.113.2'), { platform: 'slack', userId: 'U-FLOOD-2' });
    expect(other?.created).toBe(true);
  });

  it('the same question escalated again by the same person within a day joins the existing ticket', async () => {
    const who = { platform: 'teams' as const, userId: 'aad-same-question' };
    const first = await a.ctx.escalations.request(await answerId(a, 'テレワーク中の 端末紛失は どこに報告しますか?', '203.0.113.3'), who);
    const again = await b.ctx.escalations.request(await answerId(b, 'テレワーク中の端末紛失は、どこに報告しますか', '203.0.113.3'), who);
    expect(first?.created).toBe(true);
    expect(again?.created).toBe(false);
    expect(again?.ticketId).toBe(first?.ticketId);
    // Another person asking the same gets a ticket of their own.
    const someoneElse = await a.ctx.escalations.request(await answerId(a, 'テレワーク中の端末紛失はどこに報告しますか?', '203.0.113.3'), { platform: 'teams', userId: 'aad-other' });
    expect(someoneElse?.created).toBe(true);
    expect(someoneElse?.ticketId).not.toBe(first?.ticketId);
  });
});

describe('question floods', () => {
  it('one client asking more than 60 questions a minute gets 429 with Retry-After and a Japanese message; the other instance counts too', async () => {
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 70; i++) {
      const res = await post(i % 2 === 0 ? a : b, '/api/ask', { question: `テレワークの導入率は?(${i})` }, '198.51.100.7');
      statuses.push(res.status);
      if (res.status === 429 && refused === null) refused = res;
      else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBe(60);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    expect(refused).not.toBeNull();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await refused!.json();
    expect(body.error).toMatch(/短時間に多くのリクエスト/);
    expect(body.retryAfter).toBeGreaterThan(0);
    // Another client is still answered.
    expect((await post(a, '/api/ask', { question: 'テレワークの導入率は?' }, '198.51.100.8')).status).toBe(200);
  });
});

describe('rate-limit settings', () => {
  it('are validated: a bad value names the variable', () => {
    for (const name of ['RATE_LIMIT_ASK_PER_MINUTE', 'RATE_LIMIT_FEEDBACK_PER_MINUTE', 'RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE', 'RATE_LIMIT_ESCALATIONS_PER_DAY', 'TRUST_PROXY']) {
      expect(() => loadSettings({ [name]: 'many' }), name).toThrow(SettingsError);
      expect(() => loadSettings({ [name]: '-1' }), name).toThrow(new RegExp(name));
    }
    const s = loadSettings({});
    expect([s.RATE_LIMIT_ASK_PER_MINUTE, s.RATE_LIMIT_ESCALATIONS_PER_DAY, s.RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE]).toEqual([60, 10, 10]);
  });
});
