import { describe, expect, it } from 'vitest';
import { PERSONAL, QUESTION_WITH_PD, eventually, storedUnder, newPrefix, useMailedTicketsServer } from './harness.js';

const prefix = newPrefix();
const live = useMailedTicketsServer(prefix);

const create = (body: unknown, headers: Record<string, string> = {}) => live.srv.api('/api/tickets', { body, headers });

describe('tickets admin API on Redis, delivered by e-mail', () => {
  it('answers 401 without the bearer token or with a wrong one', async () => {
    expect((await live.srv.api('/api/tickets', { token: null })).status).toBe(401);
    expect((await live.srv.api('/api/tickets', { token: 'wrong-token-wrong-token' })).status).toBe(401);
    expect((await live.srv.api('/api/tickets', { body: { question: 'x' }, token: null })).status).toBe(401);
    expect((await live.srv.api('/api/tickets')).status).toBe(200);
  });

  it('routes by the core decision, mails the right office with the ticket id, and moves open → notified once', async () => {
    const before = live.smtp.messages.length;
    const res = await create({ question: QUESTION_WITH_PD, requester: { platform: 'api', userId: 'ops' } });
    expect(res.status).toBe(201);
    const t = await res.json();
    expect(t.id).toMatch(/^TW-\d{4}-\d{6}$/);
    expect(t.route).toBe('security');
    expect(t.status).toBe('open');
    expect(t.history.map((e: { type: string }) => e.type)).toEqual(['created']);

    const [mail] = (await live.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['sec@example.invalid']);
    expect(mail!.from).toBe('bot@example.invalid');
    expect(mail!.subject).toContain(t.id);
    expect(mail!.text).toContain(t.id);
    expect(mail!.text).toContain(`POST /api/tickets/${t.id}/answer`);
    expect(mail!.text).toContain('暗号化');

    const done = await eventually(async () => {
      const got = await (await live.srv.api(`/api/tickets/${t.id}`)).json();
      return got.status === 'notified' ? got : undefined;
    });
    expect(done.history.map((e: { type: string }) => e.type)).toEqual(['created', 'delivered', 'notified']);
    expect(done.deliveries).toEqual({ email: 'sent' });
    for (const e of done.history) expect(Date.parse(e.at)).not.toBeNaN();
  });

  it('takes an operator override of the route, and refuses an unknown one', async () => {
    const before = live.smtp.messages.length;
    const res = await create({ question: '端末の暗号化について教えてください', route: 'hr' });
    expect(res.status).toBe(201);
    const t = await res.json();
    expect(t.route).toBe('hr');
    const [mail] = (await live.smtp.waitFor(before + 1)).slice(before);
    expect(mail!.to).toEqual(['hr@example.invalid']);
    expect(mail!.subject).toContain(t.id);

    const bad = await create({ question: '質問です', route: 'finance' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unknown route "finance"/);
  });

  it('keeps no personal data in the store, the mail, the audit log or the logs', async () => {
    const before = live.smtp.messages.length;
    const res = await create({ question: QUESTION_WITH_PD, route: 'security' });
    const t = await res.json();
    expect(t.question).toContain('[個人番号削除]');
    expect(t.question).toContain('[電話番号削除]');
    expect(t.question).toContain('[メールアドレス削除]');
    expect(t.question).toContain('[氏名削除]');
    expect(t.redacted.sort()).toEqual(['email', 'my-number', 'name', 'phone']);
    await live.smtp.waitFor(before + 1);
    await eventually(async () => (await (await live.srv.api(`/api/tickets/${t.id}`)).json()).status === 'notified');
    // The office answers with personal data too: it is redacted before it is stored or sent.
    const answered = await live.srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '山田太郎さんには 090-1234-5678 ではなく窓口 03-0000-2222 へご連絡いただくようお伝えください。' } });
    expect(answered.status).toBe(200);
    const a = await answered.json();
    expect(a.answer.text).toContain('[電話番号削除]');
    expect(a.answer.text).toContain('03-0000-2222'); // the office's published number stays

    const audit = await (await live.srv.api(`/api/tickets/audit?ticket=${t.id}`)).json();
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['ticket.created', 'ticket.delivered', 'ticket.answered', 'ticket.closed']);

    const places = {
      store: await storedUnder(prefix),
      mail: live.smtp.messages.map((m) => `${m.subject}\n${m.text}\n${m.raw}`).join('\n'),
      audit: JSON.stringify(audit),
      logs: live.srv.logs.join(''),
    };
    expect(places.store).toContain(t.id);
    expect(places.logs).toContain(t.id);
    for (const [where, text] of Object.entries(places)) {
      for (const pd of PERSONAL) expect(text.includes(pd), `${pd} found in ${where}`).toBe(false);
    }
  });

  it('is idempotent on the Idempotency-Key header: 201 then 200 with the same ticket, even when racing', async () => {
    const body = { question: '特別交付税の申請について担当者と相談したいです', requester: { platform: 'api', userId: 'ops' } };
    const first = await create(body, { 'Idempotency-Key': 'key-1' });
    const again = await create(body, { 'Idempotency-Key': 'key-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    const [a, b] = [await first.json(), await again.json()];
    expect(b.id).toBe(a.id);

    const race = await Promise.all(Array.from({ length: 8 }, () => create(body, { 'Idempotency-Key': 'key-race' })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(race.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    const other = await (await create(body, { 'Idempotency-Key': 'key-2' })).json();
    expect(other.id).not.toBe(a.id);
    expect((await create(body, { 'Idempotency-Key': 'bad key with spaces' })).status).toBe(400);
  });

  it('lists and filters by status and office', async () => {
    const hr = await (await create({ question: '規程の整備について相談したいです', route: 'hr' })).json();
    const sec = await (await create({ question: '紛失時の対応を相談したいです', route: 'security' })).json();
    await eventually(async () => {
      const all = (await (await live.srv.api('/api/tickets?status=open')).json()) as { id: string }[];
      return !all.some((t) => t.id === hr.id || t.id === sec.id);
    });
    const byOffice = async (office: string, status?: string) =>
      ((await (await live.srv.api(`/api/tickets?office=${office}${status ? `&status=${status}` : ''}`)).json()) as { id: string; route: string; status: string }[]);
    const hrList = await byOffice('hr');
    expect(hrList.map((t) => t.id)).toContain(hr.id);
    expect(hrList.map((t) => t.id)).not.toContain(sec.id);
    expect(hrList.every((t) => t.route === 'hr')).toBe(true);
    const secNotified = await byOffice('security', 'notified');
    expect(secNotified.map((t) => t.id)).toContain(sec.id);
    expect(secNotified.every((t) => t.status === 'notified' && t.route === 'security')).toBe(true);
    expect(await byOffice('security', 'closed')).not.toContainEqual(expect.objectContaining({ id: sec.id }));
    // Newest first.
    const ids = ((await (await live.srv.api('/api/tickets')).json()) as { id: string }[]).map((t) => t.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    expect((await live.srv.api('/api/tickets?status=pending')).status).toBe(400);
  });

  it('validates bodies and ids, and closes an API ticket on its answer (once)', async () => {
    expect((await create({})).status).toBe(400);
    expect((await create({ question: '   ' })).status).toBe(400);
    expect((await create({ question: 'x', requester: { platform: 'fax', userId: 'u' } })).status).toBe(400);
    expect((await live.srv.api('/api/tickets/not-an-id')).status).toBe(400);
    expect((await live.srv.api('/api/tickets/TW-2020-999999')).status).toBe(404);
    const t = await (await create({ question: '制度について相談したいです', route: 'hr' })).json();
    expect((await live.srv.api(`/api/tickets/${t.id}/answer`, { body: {} })).status).toBe(400);
    const ok = await live.srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '規程の例をお送りします。' } });
    expect(ok.status).toBe(200);
    const closed = await ok.json();
    expect(closed.status).toBe('closed');
    expect(closed.answer.text).toBe('規程の例をお送りします。');
    expect(closed.history.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['created', 'answered', 'closed']));
    const twice = await live.srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: 'もう一度' } });
    expect(twice.status).toBe(409);
  });
});
