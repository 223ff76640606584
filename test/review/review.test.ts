import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server-harness.js';

const TOKEN = 'review-admin-token-0123456789';
let srv: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  srv = await startTestServer({ ADMIN_TOKEN: TOKEN });
});
afterAll(async () => {
  await srv?.close();
});

const post = (path: string, body: unknown) => fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const admin = (path: string) => fetch(`${srv.base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
const ask = async (question: string) => (await (await post('/api/ask', { question })).json()) as { answerId: string; outOfScope: boolean; confidence: number };

interface Group {
  question: string;
  count: number;
  kinds: Record<'outOfScope' | 'lowConfidence' | 'unhelpful' | 'escalated', number>;
  lastAt: string;
  answerIds: string[];
}

describe('GET /api/review', () => {
  it('groups what the bot could not answer, was voted unhelpful or escalated, with counts and the last date', async () => {
    const start = new Date().toISOString();
    const a1 = await ask('明日の東京の天気を教えて');
    const a2 = await ask('明日の東京の天気を教えて？');
    const a3 = await ask('明日の 東京 の天気を教えてください');
    expect([a1, a2, a3].every((a) => a.outOfScope)).toBe(true);
    // Answered, then voted unhelpful and escalated by the asker.
    const a4 = await ask('特別交付税の措置率は?');
    expect((await post('/api/feedback', { answerId: a4.answerId, vote: 'unhelpful' })).status).toBe(200);
    expect((await post('/api/escalation-requests', { answerId: a4.answerId })).status).toBe(202);
    // A good answer, voted helpful, is not in the review.
    const ok = await ask('特別交付税の措置率を教えて');
    await post('/api/feedback', { answerId: ok.answerId, vote: 'helpful' });

    const res = await admin(`/api/review?since=${encodeURIComponent(start)}`);
    expect(res.status).toBe(200);
    const groups = (await res.json()) as Group[];
    const weather = groups.find((g) => g.question.includes('天気'));
    expect(weather).toMatchObject({ count: 3, kinds: { outOfScope: 3, lowConfidence: 0, unhelpful: 0, escalated: 0 } });
    expect(weather!.answerIds.sort()).toEqual([a1.answerId, a2.answerId, a3.answerId].sort());
    expect(Date.parse(weather!.lastAt)).toBeGreaterThanOrEqual(Date.parse(start));
    const grant = groups.find((g) => g.answerIds.includes(a4.answerId));
    expect(grant).toMatchObject({ count: 1, kinds: { unhelpful: 1, escalated: 1 } });
    expect(grant!.answerIds).not.toContain(ok.answerId);
    expect(groups[0]).toBe(weather);

    // Each group opens the answers given.
    const g = await (await admin(`/api/review/group?question=${encodeURIComponent('明日の東京の天気を教えて')}&since=${encodeURIComponent(start)}`)).json();
    expect(g.count).toBe(3);
    const opened = await (await admin(`/api/review/answers/${a1.answerId}`)).json();
    expect(opened).toMatchObject({ answerId: a1.answerId, kind: 'out-of-scope', platform: 'web' });
    expect(opened.text.length).toBeGreaterThan(0);
  });

  it('a question asked twice that the bot could not answer has count 2', async () => {
    const start = new Date().toISOString();
    await ask('社員食堂の今日のメニューは何ですか');
    await ask('社員食堂の今日のメニューは何ですか');
    const groups = (await (await admin(`/api/review?since=${encodeURIComponent(start)}`)).json()) as Group[];
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ question: '社員食堂の今日のメニューは何ですか', count: 2, kinds: { outOfScope: 2 } });
  });

  it('filters by period (days are JST), limits, and refuses bad queries', async () => {
    await ask('宝くじの当選番号を教えて');
    const future = (await (await admin('/api/review?since=2999-01-01')).json()) as Group[];
    expect(future).toEqual([]);
    const past = (await (await admin('/api/review?until=2000-01-01')).json()) as Group[];
    expect(past).toEqual([]);
    expect(((await (await admin('/api/review?limit=1')).json()) as Group[]).length).toBe(1);
    expect((await admin('/api/review?since=yesterday')).status).toBe(400);
    expect((await admin('/api/review?limit=0')).status).toBe(400);
    expect((await admin('/api/review/answers/nope')).status).toBe(404);
    expect((await fetch(`${srv.base}/api/review`)).status).toBe(401);
  });
});
