import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServe, type RunningServer } from '../../src/server/serve.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/** Two instances of the real server on one Redis: an FAQ change made on one answers on the other. */
const ADMIN = 'faq-two-instances-admin-token-0123';
const PREFIX = `test:faq10:${randomUUID().slice(0, 8)}:`;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  // Asking until the change arrives is many questions from one client: the ask rate limit (tested elsewhere) is off.
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: PREFIX, ADMIN_TOKEN: ADMIN, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_ASK_PER_MINUTE: '0' };
  a = await runServe(env);
  b = await runServe(env);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  const r = new Redis(TEST_REDIS_URL);
  try {
    const keys = await r.keys(`${PREFIX}*`);
    if (keys.length > 0) await r.del(...keys);
  } finally {
    await r.quit();
  }
});

const call = (srv: RunningServer, method: string, path: string, body?: unknown) =>
  fetch(new URL(path, srv.url), { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const ask = async (srv: RunningServer, question: string) =>
  (await (await fetch(new URL('/api/ask', srv.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as {
    answer: string;
    citations: Array<{ documentId: string; section: string | null }>;
  };

describe('FAQ entries on two instances sharing Redis', () => {
  it('an entry posted to one instance is used by /api/ask on the other within 5 s, with its answer and a citation of its source', async () => {
    const { documents } = (await (await call(a, 'GET', '/api/knowledge/sections')).json()) as { documents: Array<{ documentId: string; sections: string[] }> };
    const doc = documents.find((d) => d.sections.length > 0)!;
    const question = '庁舎の駐輪場はテレワークの日も使えますか?';
    const answer = '駐輪場の利用は各庁舎の管理規程によります。総務担当にご確認ください。';
    expect((await ask(b, question)).answer).not.toContain('管理規程');

    const res = await call(a, 'POST', '/api/faq', { questions: [question], answer, source: { documentId: doc.documentId, section: doc.sections[0] }, route: 'hr' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    await expect.poll(async () => (await ask(b, question)).answer, { timeout: 5000, interval: 200 }).toContain(answer);
    expect((await ask(b, question)).citations[0]).toMatchObject({ documentId: doc.documentId, section: doc.sections[0] });
    expect(((await (await call(b, 'GET', '/api/faq')).json()) as Array<{ id: string; origin: string }>).find((e) => e.id === id)).toMatchObject({ origin: 'stored' });

    // Deleted on the other instance: gone on the first too.
    expect((await call(b, 'DELETE', `/api/faq/${id}`)).status).toBe(200);
    await expect.poll(async () => (await ask(a, question)).answer, { timeout: 5000, interval: 200 }).not.toContain(answer);
  });

  it('a shipped entry overridden on one instance answers with the new text on the other, and hiding it takes it away', async () => {
    const shipped = ((await (await call(a, 'GET', '/api/faq')).json()) as Array<{ id: string; origin: string; questions: string[]; answer: { ja: string }; source: unknown; route: string }>).find(
      (e) => e.origin === 'shipped',
    )!;
    const override = { questions: shipped.questions, answer: `${shipped.answer.ja}(コンソールで更新)`, source: shipped.source, route: shipped.route };
    const put = await call(a, 'PUT', `/api/faq/${shipped.id}`, override);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ origin: 'stored', overridesShipped: true });
    await expect.poll(async () => (await ask(b, shipped.questions[0]!)).answer, { timeout: 5000, interval: 200 }).toContain('(コンソールで更新)');

    expect(await (await call(b, 'DELETE', `/api/faq/${shipped.id}`)).json()).toMatchObject({ deleted: true, hiddenShipped: true });
    await expect.poll(async () => (await ask(a, shipped.questions[0]!)).answer, { timeout: 5000, interval: 200 }).not.toContain('(コンソールで更新)');
    expect(((await (await call(a, 'GET', '/api/faq')).json()) as Array<{ id: string; hidden?: boolean }>).find((e) => e.id === shipped.id)).toMatchObject({ hidden: true });
    expect((await call(a, 'GET', '/api/faq/export')).status).toBe(200);
  });
});
