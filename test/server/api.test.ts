import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server-harness.js';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer({ ADMIN_TOKEN: 'admin-token-0123456789' });
});
afterAll(() => srv.close());

const ask = (body: unknown, raw?: string) =>
  fetch(`${srv.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });

describe('HTTP API', () => {
  it('is healthy once ready', async () => {
    const res = await fetch(`${srv.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: { tickets: 'ok', reminders: 'ok' } });
  });

  it('answers a question with the contract Answer and citations', async () => {
    const res = await ask({ question: '特別交付税の措置率は?' });
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a.answer).toContain('0.5');
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.route).toBe('hr');
    expect(a.outOfScope).toBe(false);
    expect(typeof a.answerId).toBe('string');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses bad bodies with 400 and a clear error', async () => {
    const bad = await ask(undefined, '{not json');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/JSON/);
    const missing = await ask({ q: 'x' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/question/);
    const long = await ask({ question: 'あ'.repeat(2001) });
    expect(long.status).toBe(400);
    expect((await long.json()).error).toMatch(/2,000/);
    const huge = await ask({ question: 'あ'.repeat(100_000) });
    expect(huge.status).toBe(413);
  });

  it('never echoes broadcast mentions', async () => {
    const res = await ask({ question: '<!channel> 特別交付税の措置率は?' });
    const text = await res.text();
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('0.5');
  });

  it('records feedback and escalation requests', async () => {
    const a = await (await ask({ question: '特別交付税の措置率は?' })).json();
    const post = (path: string, body: unknown) =>
      fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const vote = await post('/api/feedback', { answerId: a.answerId, vote: 'helpful' });
    expect(vote.status).toBe(200);
    expect((await post('/api/feedback', { answerId: a.answerId, vote: 'helpful' }).then((r) => r.json())).recorded).toBe(false);
    expect((await srv.feedback.listVotes()).map((v) => v.vote)).toEqual(['helpful']);
    expect((await post('/api/feedback', { answerId: 'nope', vote: 'helpful' })).status).toBe(404);
    expect((await post('/api/feedback', { answerId: a.answerId, vote: 'maybe' })).status).toBe(400);
    const esc = await post('/api/escalation-requests', { answerId: a.answerId });
    expect(esc.status).toBe(202);
    expect((await esc.json()).message).toContain('受け付けました');
    expect((await srv.feedback.listEscalationRequests())[0]?.route).toBe('hr');
  });

  it('writes receipts in the language of the question', async () => {
    const a = await (await ask({ question: 'My supervisor refuses to let me telework. What can I do?' })).json();
    expect(a.escalate).toBe(true);
    // English framing throughout: no Japanese framing text (quoted sources may be Japanese).
    expect(a.answer).not.toMatch(/ご提案します|お問い合わせ|資料だけでは/);
    const post = (path: string, body: unknown) =>
      fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await (await post('/api/feedback', { answerId: a.answerId, vote: 'helpful' })).json()).message).toBe('Thank you for your feedback.');
    const esc = await (await post('/api/escalation-requests', { answerId: a.answerId })).json();
    expect(esc.message).toMatch(/^Your request has been recorded/);
  });

  it('guards admin routes with the bearer token', async () => {
    expect((await fetch(`${srv.base}/api/tickets`)).status).toBe(401);
    expect((await fetch(`${srv.base}/api/tickets`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${srv.base}/api/tickets`, { headers: { authorization: 'Bearer admin-token-0123456789' } })).status).toBe(200);
    const off = await startTestServer();
    try {
      expect((await fetch(`${off.base}/api/reminders`)).status).toBe(503);
    } finally {
      await off.close();
    }
  });

  it('refuses a reminder to a platform whose adapter does not run (400), and takes one whose adapter does', async () => {
    const body = (platform: string) => JSON.stringify({ text: '勤怠入力の締め日です', target: { platform, channelId: 'C0123ABCD' }, cron: '0 9 * * 1' });
    const headers = { authorization: 'Bearer admin-token-0123456789', 'content-type': 'application/json' };
    const slack = await fetch(`${srv.base}/api/reminders`, { method: 'POST', headers, body: body('slack') });
    expect(slack.status).toBe(400);
    expect(await slack.json()).toMatchObject({ error: expect.stringMatching(/target\.platform: no slack adapter/) });
    expect(await fetch(`${srv.base}/api/reminders`, { headers }).then((r) => r.json())).toEqual([]);
    const teams = await startTestServer({ ADMIN_TOKEN: 'admin-token-0123456789', TEAMS_ENABLED: '1' });
    try {
      expect((await fetch(`${teams.base}/api/reminders`, { method: 'POST', headers, body: body('teams') })).status).toBe(201);
    } finally {
      await teams.close();
    }
  });

  it('audits every answer given, redacted, behind the admin token', async () => {
    const res = await ask({ question: '山田太郎さん(090-1234-5678)からです。特別交付税の措置率は?' });
    const { answerId } = await res.json();
    expect((await fetch(`${srv.base}/api/audit?type=answer`)).status).toBe(401);
    const audit = await fetch(`${srv.base}/api/audit?type=answer&id=${answerId}`, { headers: { authorization: 'Bearer admin-token-0123456789' } });
    expect(audit.status).toBe(200);
    const { entries } = await audit.json();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'answer.given', subject: { type: 'answer', id: answerId }, details: { route: 'hr' } });
    expect(JSON.stringify(entries)).not.toMatch(/090-1234-5678|山田/);
    // Times with an offset are compared in UTC: a minute ago written in JST still finds the entry.
    const jst = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    const minuteAgo = jst(new Date(Date.now() - 60_000));
    const auth = { headers: { authorization: 'Bearer admin-token-0123456789' } };
    const since = await (await fetch(`${srv.base}/api/audit?type=answer&id=${answerId}&since=${encodeURIComponent(minuteAgo)}`, auth)).json();
    expect(since.entries).toHaveLength(1);
    const until = await (await fetch(`${srv.base}/api/audit?type=answer&id=${answerId}&until=${encodeURIComponent(minuteAgo)}`, auth)).json();
    expect(until.entries).toHaveLength(0);
    const bad = await fetch(`${srv.base}/api/audit?since=yesterday`, { headers: { authorization: 'Bearer admin-token-0123456789' } });
    expect(bad.status).toBe(400);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await fetch(`${srv.base}/api/nothing`);
    expect(res.status).toBe(404);
  });
});

describe('with a store that cannot serve', () => {
  it('still answers (the answer record is dropped and counted), while /healthz, feedback and tickets say 503 with the reason', async () => {
    const down = await startTestServer({ ADMIN_TOKEN: 'admin-token-0123456789' });
    try {
      await down.store.close();
      const res = await fetch(`${down.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '特別交付税の措置率は?' }) });
      expect(res.status).toBe(200);
      const a = await res.json();
      expect(a.answer).toContain('0.5');
      expect(down.feedback.droppedWrites).toBe(1);

      const health = await fetch(`${down.base}/healthz`);
      expect(health.status).toBe(503);
      const h = await health.json();
      expect(h).toMatchObject({ ok: false, store: { tickets: 'the store is closed', reminders: 'the store is closed' } });
      expect(h.error).toMatch(/^the store cannot serve .*tickets/);

      const vote = await fetch(`${down.base}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId: a.answerId, vote: 'helpful' }) });
      expect(vote.status).toBe(503);
      expect((await vote.json()).error).toMatch(/store.*the store is closed/);
      const ticket = await fetch(`${down.base}/api/tickets`, {
        method: 'POST',
        headers: { authorization: 'Bearer admin-token-0123456789', 'content-type': 'application/json' },
        body: JSON.stringify({ question: '在宅勤務の申請方法は?', route: 'hr', requester: { platform: 'api', userId: 'u' } }),
      });
      expect(ticket.status).toBe(503);
    } finally {
      await down.close();
    }
  });
});
