import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationIdempotencyKey } from '../../src/tickets/escalations.js';
import { TicketError } from '../../src/tickets/errors.js';
import { TicketRepository } from '../../src/tickets/repository.js';
import { deletePrefix, newPrefix, startTicketsServer, type TicketsServer } from './harness.js';

let srv: TicketsServer;
const prefix = newPrefix();

beforeAll(async () => {
  srv = await startTicketsServer({ prefix });
});
afterAll(async () => {
  await srv?.close();
  await deletePrefix(prefix);
});

/** A web answer to escalate (POST /api/ask remembers it for the web requester). */
async function answerId(): Promise<string> {
  const res = await fetch(`${srv.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: '端末の暗号化について教えてください' }) });
  const body = await res.json();
  expect(res.status).toBe(200);
  return body.answerId as string;
}
/** The unauthenticated web escalation, as the web chat (or anyone) sends it. */
const escalate = (id: string, key?: string) =>
  fetch(`${srv.base}/api/escalation-requests`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key !== undefined ? { 'Idempotency-Key': key } : {}) }, body: JSON.stringify({ answerId: id }) });
const admin = (key: string) => srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' }, headers: { 'Idempotency-Key': key } });

describe('escalation idempotency keys', () => {
  it('a web Idempotency-Key can never reach an admin API ticket', async () => {
    const adminTicket = await (await admin('shared-1')).json();
    // The admin's key is stored as api:shared-1; the web sends exactly that.
    const web = await escalate(await answerId(), 'api:shared-1');
    expect(web.status).toBe(202);
    const webTicket = (await web.json()).ticketId as string;
    expect(webTicket).toMatch(/^TW-/);
    expect(webTicket).not.toBe(adminTicket.id);
    // Nor can a web caller take an admin key first: the admin still gets a new ticket of its own.
    const taken = await (await escalate(await answerId(), 'api:shared-2')).json();
    const second = await admin('shared-2');
    expect(second.status).toBe(201);
    expect((await second.json()).id).not.toBe(taken.ticketId);
  });

  it('keeps the web escalation idempotent on its key, and refuses a malformed key with 400', async () => {
    const id = await answerId();
    const first = await (await escalate(id, 'web-key-1')).json();
    const again = await (await escalate(id, 'web-key-1')).json();
    expect(again.ticketId).toBe(first.ticketId);
    // Another key for the same question from the same client joins the ticket already made (#9).
    const other = await (await escalate(id, 'web-key-2')).json();
    expect(other.ticketId).toBe(first.ticketId);
    for (const bad of ['bad key with spaces', 'x'.repeat(201), 'clé', '']) {
      const res = await escalate(id, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect((await res.json()).error).toMatch(/Idempotency-Key/);
    }
    // Without a key: one ticket per answer for the web.
    const plain = await (await escalate(id)).json();
    expect((await (await escalate(id)).json()).ticketId).toBe(plain.ticketId);
  });

  it('keeps Slack and Teams presses idempotent, under their unchanged stored keys', async () => {
    const repo = new TicketRepository(srv.store);
    const id = await answerId();
    // Slack passes no key (slack:<answerId>:<userId>); Teams builds teams:<answerId>:<userId> itself.
    const slackWho = { platform: 'slack' as const, userId: 'U123', channelId: 'C1' };
    const s1 = await srv.ctx.escalations.request(id, slackWho);
    const s2 = await srv.ctx.escalations.request(id, slackWho);
    expect([s1?.created, s2?.created]).toEqual([true, false]);
    expect(s2?.ticketId).toBe(s1?.ticketId);
    expect(await repo.idFor(`slack:${id}:U123`)).toBe(s1?.ticketId);

    const teamsWho = { platform: 'teams' as const, userId: '00000000-0000-0000-0000-0000000000aa' };
    const teamsKey = `teams:${id}:${teamsWho.userId}`;
    const t1 = await srv.ctx.escalations.request(id, teamsWho, { idempotencyKey: teamsKey });
    const t2 = await srv.ctx.escalations.request(id, teamsWho, { idempotencyKey: teamsKey });
    expect([t1?.created, t2?.created]).toEqual([true, false]);
    expect(t2?.ticketId).toBe(t1?.ticketId);
    expect(t1?.ticketId).not.toBe(s1?.ticketId);
    expect(await repo.idFor(teamsKey)).toBe(t1?.ticketId);
  });

  it('puts every escalation key in its platform namespace, never api:', () => {
    expect(escalationIdempotencyKey('A1', { platform: 'web', userId: 'web' }, 'api:K')).toBe('web:api:K');
    expect(escalationIdempotencyKey('A1', { platform: 'web', userId: 'web' }, 'K')).toBe('web:K');
    expect(escalationIdempotencyKey('A1', { platform: 'web', userId: 'web' }, undefined)).toBe('web:A1:web');
    expect(escalationIdempotencyKey('A1', { platform: 'slack', userId: 'U1' }, undefined)).toBe('slack:A1:U1');
    expect(escalationIdempotencyKey('A1', { platform: 'teams', userId: 'u' }, 'teams:A1:u')).toBe('teams:A1:u');
    expect(escalationIdempotencyKey('A1', { platform: 'teams', userId: 'u' }, 'slack:A1:u')).toBe('teams:slack:A1:u');
    for (const key of [undefined, 'K', 'api:K']) expect(escalationIdempotencyKey('A1', { platform: 'api', userId: 'ops' }, key)).not.toMatch(/^api:/);
    expect(() => escalationIdempotencyKey('A1', { platform: 'web', userId: 'web' }, 'a b')).toThrow(TicketError);
  });
});
