import { describe, expect, it } from 'vitest';
import { eventually, newPrefix, useMailedTicketsServer } from './harness.js';

const prefix = newPrefix();
const live = useMailedTicketsServer(prefix);

const json = async (r: Response) => ({ status: r.status, body: await r.json() });
const ids = (ts: Array<{ id: string }>) => ts.map((t) => t.id);

describe('POST /api/tickets/:id/transfer', () => {
  it('hands a ticket to the other office: it is delivered there, listed there, and its history says so', async () => {
    const before = live.smtp.messages.length;
    const created = await json(await live.srv.api('/api/tickets', { body: { question: 'テレワーク手当の支給基準について教えてください', route: 'hr' } }));
    expect(created.status).toBe(201);
    const t = created.body;
    await live.smtp.waitFor(before + 1);
    await eventually(async () => (await json(await live.srv.api(`/api/tickets/${t.id}`))).body.status === 'notified', 10_000, 'notified');

    const note = '端末の話なので回送します。山田太郎さん(090-1234-5678)からの補足あり。';
    const moved = await json(await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'security', note } }));
    expect(moved.status).toBe(200);
    expect(moved.body.route).toBe('security');
    expect(moved.body.status).toBe('open');
    const ev = moved.body.history.find((e: { type: string }) => e.type === 'transferred');
    expect(ev).toMatchObject({ type: 'transferred', from: 'hr', to: 'security' });
    expect(ev.note).toContain('回送します');
    expect(ev.note).not.toContain('090-1234-5678');
    expect(ev.note).not.toContain('090-1234-5678');

    // The new office is told through the ordinary delivery jobs (e-mail here), with the note.
    const mails = (await live.smtp.waitFor(before + 2)).slice(before + 1);
    expect(mails[0]!.to).toEqual(['sec@example.invalid']);
    expect(mails[0]!.subject).toContain(t.id);
    expect(mails[0]!.text).toContain('回送します');
    expect(mails[0]!.text).not.toContain('090-1234-5678');
    const done = await eventually(async () => {
      const got = (await json(await live.srv.api(`/api/tickets/${t.id}`))).body;
      return got.status === 'notified' ? got : undefined;
    }, 10_000, 'notified by the new office');
    expect(done.history.map((e: { type: string }) => e.type)).toEqual(['created', 'delivered', 'notified', 'transferred', 'delivered', 'notified']);

    expect(ids((await json(await live.srv.api('/api/tickets?office=security'))).body)).toContain(t.id);
    expect(ids((await json(await live.srv.api('/api/tickets?office=hr'))).body)).not.toContain(t.id);
    const audit = (await json(await live.srv.api(`/api/tickets/audit?ticket=${t.id}&action=ticket.transferred`))).body;
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0].details).toMatchObject({ from: 'hr', to: 'security' });
  });

  it('refuses an unknown office (400), the office it already has (400), a closed ticket (409), no token (401)', async () => {
    const t = (await json(await live.srv.api('/api/tickets', { body: { question: 'VPNの設定について教えてください', route: 'security' } }))).body;
    const unknown = await json(await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'finance', note: 'x' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/finance/);
    expect((await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'security' } })).status).toBe(400);
    expect((await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { note: 'no office' } })).status).toBe(400);
    expect((await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'hr' }, token: null })).status).toBe(401);
    expect((await live.srv.api('/api/tickets/TW-2026-999999/transfer', { body: { office: 'hr' } })).status).toBe(404);

    // An API asker has no thread: the answer closes the ticket at once.
    expect((await live.srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '回答です' } })).status).toBe(200);
    const closed = await json(await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'hr', note: '遅すぎ' } }));
    expect(closed.status).toBe(409);
    expect((await json(await live.srv.api(`/api/tickets/${t.id}`))).body.route).toBe('security');
  });

  it('POST /api/tickets/:id/close closes a ticket without an answer (note redacted); then it can neither move nor close again', async () => {
    const t = (await json(await live.srv.api('/api/tickets', { body: { question: '重複した問い合わせです', route: 'hr' } }))).body;
    const closed = await json(await live.srv.api(`/api/tickets/${t.id}/close`, { body: { note: '重複のため。電話 090-1234-5678 の件' } }));
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const ev = closed.body.history.at(-1);
    expect(ev.type).toBe('closed');
    expect(ev.note).toContain('重複のため');
    expect(ev.note).not.toContain('090-1234-5678');
    expect((await live.srv.api(`/api/tickets/${t.id}/close`, { body: {} })).status).toBe(409);
    expect((await live.srv.api(`/api/tickets/${t.id}/transfer`, { body: { office: 'security' } })).status).toBe(409);
  });
});
