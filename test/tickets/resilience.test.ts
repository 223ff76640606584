import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { deletePrefix, eventually, keysUnder, newPrefix, sleep, startTicketsServer, type TicketsServer } from './harness.js';

const MAIL = { MAIL_FROM: 'bot@example.invalid' };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function server(prefix: string, env: Record<string, string>, redisUrl?: string, sweepMs?: number): Promise<TicketsServer> {
  const s = await startTicketsServer({ prefix, env, ...(redisUrl ? { redisUrl } : {}), ...(sweepMs ? { service: { sweepMs } } : {}) });
  cleanups.push(() => s.close());
  return s;
}
async function sink(started = true, delayMs?: number): Promise<SmtpSink> {
  const s = await startSmtpSink({ started, ...(delayMs ? { delayMs } : {}) });
  cleanups.push(() => s.close());
  return s;
}
function ownPrefix(): string {
  const p = newPrefix();
  cleanups.unshift(() => deletePrefix(p)); // runs last, after the servers closed
  return p;
}
const ticketOf = async (s: TicketsServer, id: string) => (await s.api(`/api/tickets/${id}`)).json();
const failedAttempts = (s: TicketsServer) => s.logs.filter((l) => l.includes('ticket job failed')).length;

describe('ticket delivery survives failures', () => {
  it('SMTP down for a while, then back: delivered exactly once', async () => {
    const smtp = await sink(false);
    const srv = await server(ownPrefix(), { ...MAIL, SMTP_URL: smtp.url });
    const t = await (await srv.api('/api/tickets', { body: { question: '紛失時の連絡先を相談したいです', route: 'security' } })).json();
    await eventually(async () => failedAttempts(srv) >= 2, 10_000, 'two failed attempts');
    expect((await ticketOf(srv, t.id)).status).toBe('open');
    await smtp.start();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toContain(t.id);
    expect(mail!.to).toEqual(['sec@example.invalid']);
    await eventually(async () => (await ticketOf(srv, t.id)).status === 'notified');
    await sleep(1500); // retries and sweeps keep running: still one mail
    expect(smtp.messages.filter((m) => m.subject.includes(t.id))).toHaveLength(1);
    const types = (await ticketOf(srv, t.id)).history.map((e: { type: string }) => e.type);
    expect(types.filter((x: string) => x === 'delivered')).toHaveLength(1);
    expect(types.filter((x: string) => x === 'notified')).toHaveLength(1);
  });

  it('a delivery that keeps failing stays visible (open, delivery-failed), is logged, and can be sent again', async () => {
    const smtp = await sink(false);
    const srv = await server(ownPrefix(), { ...MAIL, SMTP_URL: smtp.url, TICKET_DELIVERY_ATTEMPTS: '3', TICKET_DELIVERY_BACKOFF_MS: '50' });
    const t = await (await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' } })).json();
    const failed = await eventually(async () => {
      const got = await ticketOf(srv, t.id);
      return got.deliveries.email === 'failed' ? got : undefined;
    });
    expect(failed.status).toBe('open');
    const event = failed.history.find((e: { type: string }) => e.type === 'delivery-failed');
    expect(event).toMatchObject({ channel: 'email' });
    expect(event.detail).toMatch(/^3 attempt\(s\)/);
    expect(srv.logs.some((l) => l.includes('"level":50') && l.includes(t.id) && l.includes('failed for good'))).toBe(true);
    expect((await (await srv.api('/api/tickets?status=open')).json()).map((x: { id: string }) => x.id)).toContain(t.id);

    await smtp.start();
    const again = await srv.api(`/api/tickets/${t.id}/redeliver`, { method: 'POST' });
    expect(again.status).toBe(200);
    await smtp.waitFor(1);
    const done = await eventually(async () => {
      const got = await ticketOf(srv, t.id);
      return got.status === 'notified' ? got : undefined;
    });
    expect(done.history.map((e: { type: string }) => e.type)).toEqual(['created', 'delivery-failed', 'delivery-requeued', 'delivered', 'notified']);
  });

  it('a restart loses nothing: a ticket created before it is delivered and answered after it', async () => {
    const prefix = ownPrefix();
    const smtp = await sink(false);
    const a = await startTicketsServer({ prefix, env: { ...MAIL, SMTP_URL: smtp.url } });
    const t = await (await a.api('/api/tickets', { body: { question: '制度について相談したいです', route: 'hr', requester: { platform: 'web', userId: 'w1' } } })).json();
    await eventually(async () => failedAttempts(a) >= 1, 10_000, 'a failed attempt');
    await a.close();

    await smtp.start();
    const b = await server(prefix, { ...MAIL, SMTP_URL: smtp.url });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toContain(t.id);
    const notified = await eventually(async () => {
      const got = await ticketOf(b, t.id);
      return got.status === 'notified' ? got : undefined;
    });
    expect(notified.question).toBe(t.question);
    expect(notified.requester).toEqual({ platform: 'web', userId: 'w1' });

    // And a second restart between notification and answer.
    await b.close();
    cleanups.splice(cleanups.length - 1, 1);
    const c = await server(prefix, { ...MAIL, SMTP_URL: smtp.url });
    const answered = await (await c.api(`/api/tickets/${t.id}/answer`, { body: { answer: '規程例をご確認ください。' } })).json();
    expect(answered.status).toBe('closed');
    expect(answered.history.map((e: { type: string }) => e.type)).toEqual(['created', 'delivered', 'notified', 'answered', 'closed']);
    expect((await (await c.api(`/api/tickets?status=closed`)).json()).map((x: { id: string }) => x.id)).toContain(t.id);
    expect(smtp.messages).toHaveLength(1);
  });

  it('Redis unreachable for a few seconds: a clear 503, nothing half-written, and fine again after', async () => {
    const prefix = ownPrefix();
    const proxy: TcpProxy = await startTcpProxy(6379);
    cleanups.push(() => proxy.close());
    const smtp = await sink();
    const srv = await server(prefix, { ...MAIL, SMTP_URL: smtp.url }, proxy.url);
    const ok = await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' } });
    expect(ok.status).toBe(201);
    await smtp.waitFor(1);
    // Wait for the delivery to be recorded: a cut between SMTP acceptance and that record would resend (at-least-once).
    const first = await ok.json();
    await eventually(async () => (await ticketOf(srv, first.id)).status === 'notified');
    const keysBefore = (await keysUnder(prefix)).filter((k) => k.includes('{tickets}')).sort();

    await proxy.cut();
    const started = Date.now();
    const res = await srv.api('/api/tickets', { body: { question: '暗号化について相談したいです', route: 'security' }, headers: { 'Idempotency-Key': 'during-outage' } });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/unreachable: the request was not carried out/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await srv.api('/api/tickets')).status).toBe(503);
    await sleep(2000);
    // Nothing of the failed request reached Redis: no new ticket key, index member or idempotency key.
    const keysDuring = (await keysUnder(prefix)).filter((k) => k.includes('{tickets}')).sort();
    expect(keysDuring).toEqual(keysBefore);

    await proxy.restore();
    const after = await eventually(async () => {
      const r = await srv.api('/api/tickets', { body: { question: '暗号化について相談したいです', route: 'security' }, headers: { 'Idempotency-Key': 'during-outage' } });
      return r.status === 201 ? r : undefined;
    }, 15_000, 'the store to come back');
    const t = await after.json();
    await smtp.waitFor(2);
    expect(smtp.messages[1]!.subject).toContain(t.id);
    const list = (await (await srv.api('/api/tickets')).json()) as { id: string }[];
    expect(list).toHaveLength(2);
  });

  it('two instances on one Redis: one delivery per ticket', async () => {
    const prefix = ownPrefix();
    // A slow SMTP server and sweeps every 50 ms on both instances: many chances to send twice.
    const smtp = await sink(true, 400);
    const env = { ...MAIL, SMTP_URL: smtp.url, TICKET_DELIVERY_BACKOFF_MS: '50' };
    const [a, b] = [await server(prefix, env, undefined, 50), await server(prefix, env, undefined, 50)];
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = i % 2 === 0 ? a : b;
      const r = await s.api('/api/tickets', { body: { question: `規程について相談したいです(${i})`, route: i % 3 === 0 ? 'security' : 'hr' } });
      ids.push((await r.json()).id);
    }
    await smtp.waitFor(10);
    await eventually(async () => {
      const open = (await (await a.api('/api/tickets?status=open')).json());
      return open.length === 0;
    });
    await sleep(1500); // both instances keep sweeping: nothing more may go out
    expect(smtp.messages).toHaveLength(10);
    for (const id of ids) expect(smtp.messages.filter((m) => m.subject.includes(id))).toHaveLength(1);
    for (const id of ids) {
      const t = await ticketOf(b, id);
      expect(t.history.filter((e: { type: string }) => e.type === 'notified')).toHaveLength(1);
    }
    // Between them the two instances delivered each ticket once (whichever worker took the job).
    const delivered = [...a.logs, ...b.logs].filter((l) => l.includes('"msg":"ticket delivered"'));
    expect(delivered).toHaveLength(10);
  });
});
