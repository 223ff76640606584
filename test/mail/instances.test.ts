import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/tickets/model.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { startSlackApiStub, type SlackApiStub } from '../support/slack-api-stub.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { deletePrefix, eventually, newPrefix } from '../tickets/harness.js';
import { composeReply, mailbox, startMailServer, type MailServer } from './harness.js';

const OFFICE = 'hr@example.invalid';
let smtp: SmtpSink;
let stub: SlackApiStub;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  stub = await startSlackApiStub();
});
afterAll(async () => {
  await stub?.close();
  await smtp?.close();
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
  stub.reset();
});

/** A fresh mailbox and Redis prefix for one test, removed afterwards. */
async function world(): Promise<{ dovecot: Dovecot; prefix: string; box: Awaited<ReturnType<typeof mailbox>> }> {
  const dovecot = await startDovecot();
  const prefix = newPrefix();
  const box = await mailbox(dovecot);
  cleanup.push(async () => {
    await box.close();
    await dovecot.close();
    await deletePrefix(prefix);
  });
  return { dovecot, prefix, box };
}

async function instance(w: { dovecot: Dovecot; prefix: string }, mail: Parameters<typeof startMailServer>[0]['mail'] = {}): Promise<MailServer> {
  const srv = await startMailServer({ dovecot: w.dovecot, smtpUrl: smtp.url, slackApiUrl: stub.url, prefix: w.prefix, mail });
  let closed = false;
  const close = srv.close.bind(srv);
  srv.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanup.push(() => srv.close());
  return srv;
}

const getTicket = async (srv: MailServer, id: string): Promise<Ticket> => (await (await srv.api(`/api/tickets/${id}`)).json()) as Ticket;

/** A Slack-thread ticket for hr and its mail's Message-ID and subject, once the office got it. */
async function ticketWithMail(srv: MailServer, thread: string): Promise<{ id: string; messageId: string; subject: string }> {
  const res = await srv.api('/api/tickets', { question: '在宅勤務の時間管理について、団体としての判断を教えてください。', route: 'hr', requester: { platform: 'slack', userId: 'U1', channelId: 'C1', threadId: thread } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const m = await eventually(async () => smtp.messages.find((x) => x.subject.includes(id)), 10_000, `the mail of ${id}`);
  return { id, messageId: m.messageId, subject: m.subject };
}

const reply = (t: { messageId: string; subject: string }, text: string): Promise<Buffer> =>
  composeReply({ from: OFFICE, subject: `Re: ${t.subject}`, inReplyTo: t.messageId, text: `${text}\n\n> 引用された元のメール\n` });

const postsTo = (thread: string) => stub.callsTo('chat.postMessage').filter((c) => c.body['thread_ts'] === thread);

describe('office replies, several instances and restarts (Redis)', () => {
  it('two instances polling one mailbox apply each reply once', async () => {
    const w = await world();
    const a = await instance(w);
    const b = await instance(w);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await ticketWithMail(i % 2 === 0 ? a : b, `1700000001.00000${i}`));
    for (const [i, t] of tickets.entries()) await w.box.deliver(await reply(t, `回答その${i}です。`));
    // Every reply applied and put away: nothing is left for either instance to do.
    await eventually(async () => (await w.box.count('INBOX')) === 0 && (await w.box.count('Done')) === 6, 20_000, 'all replies in Done, each once');
    for (const [i, t] of tickets.entries()) {
      const posts = postsTo(`1700000001.00000${i}`);
      expect(posts.map((p) => String(p.body['text']).split('\n').at(-1))).toEqual([`回答その${i}です。`]);
      const tk = await eventually(async () => {
        const x = await getTicket(a, t.id);
        return x.status === 'closed' ? x : undefined;
      });
      expect(tk.history.filter((h) => h.type === 'answered')).toHaveLength(1);
    }
  });

  it('a restart between fetching a reply and applying it still applies it, once', async () => {
    const w = await world();
    let fetched!: () => void;
    const wasFetched = new Promise<void>((r) => (fetched = r));
    // This instance "dies" right after fetching: the hook never returns.
    const a = await instance(w, { lockTtlMs: 1500, hooks: { afterFetch: () => (fetched(), new Promise<void>(() => {})) } });
    const t = await ticketWithMail(a, '1700000002.000001');
    await w.box.deliver(await reply(t, '再起動をまたいだ回答です。'));
    await wasFetched;
    await a.close();
    expect((await getTicket(await instance(w, { lockTtlMs: 1500 }), t.id)).status).not.toBe('closed');
    // The new instance (started just above) takes the message over once the dead one's lock expires.
    await eventually(async () => (await w.box.count('INBOX')) === 0 && (await w.box.count('Done')) === 1, 20_000, 'the reply applied after the restart');
    expect(postsTo('1700000002.000001').map((p) => String(p.body['text']).split('\n').at(-1))).toEqual(['再起動をまたいだ回答です。']);
  });

  it('a restart after applying a reply but before recording it does not send it twice', async () => {
    const w = await world();
    let applied!: () => void;
    const wasApplied = new Promise<void>((r) => (applied = r));
    const a = await instance(w, { lockTtlMs: 1500, hooks: { afterApply: () => (applied(), new Promise<void>(() => {})) } });
    const t = await ticketWithMail(a, '1700000003.000001');
    await w.box.deliver(await reply(t, '一度だけ届く回答です。'));
    await wasApplied;
    await a.close();
    expect(postsTo('1700000003.000001')).toHaveLength(1);
    const b = await instance(w, { lockTtlMs: 1500 });
    await eventually(async () => (await w.box.count('INBOX')) === 0 && (await w.box.count('Done')) === 1, 20_000, 'the reply put away after the restart');
    expect(postsTo('1700000003.000001')).toHaveLength(1);
    const tk = await getTicket(b, t.id);
    expect(tk.status).toBe('closed');
    expect(tk.history.filter((h) => h.type === 'answered')).toHaveLength(1);
    expect(tk.followUps ?? []).toEqual([]);
  });

  it('without a done folder replies stay, marked read, and are applied once; with IMAP_HELD_FOLDER held ones move there', async () => {
    const w = await world();
    const keep = await startMailServer({ dovecot: w.dovecot, smtpUrl: smtp.url, slackApiUrl: stub.url, prefix: w.prefix, env: { IMAP_DONE_FOLDER: '', IMAP_HELD_FOLDER: 'Held' } });
    cleanup.push(() => keep.close());
    const t = await ticketWithMail(keep, '1700000006.000001');
    await w.box.deliver(await composeReply({ from: 'someone@stranger.example', subject: `Re: ${t.subject}`, inReplyTo: t.messageId, text: '代わりに回答します。' }));
    await w.box.deliver(await reply(t, '最初の回答です。'));
    await eventually(async () => (await w.box.count('Held')) === 1 && (await w.box.seen('INBOX')) === 1, 15_000, 'held moved, the answer marked read');
    // A later reply is a follow-up; by the time it arrives the first has been passed over by later polls, not applied again.
    await w.box.deliver(await reply(t, '追加の回答です。'));
    await eventually(async () => (await w.box.seen('INBOX')) === 2, 15_000, 'the follow-up marked read');
    await eventually(async () => postsTo('1700000006.000001').length === 2, 10_000, 'two posts');
    expect(postsTo('1700000006.000001').map((p) => String(p.body['text']).split('\n').at(-1))).toEqual(['最初の回答です。', '追加の回答です。']);
    expect(await w.box.count('INBOX')).toBe(2);
    const held = (await (await keep.api('/api/mail/held')).json()) as { held: Array<{ folder: string; uid: number | null; ticketId: string }> };
    expect(held.held.filter((h) => h.ticketId === t.id).map((h) => [h.folder, h.uid])).toEqual([['Held', null]]);
  });

  it('new mail is noticed through IDLE, without waiting for the next poll', async () => {
    const w = await world();
    // An hour between polls: only IDLE can bring the reply in while the test waits.
    const srv = await instance(w, { pollMs: 3_600_000 });
    const t = await ticketWithMail(srv, '1700000005.000001');
    await w.box.deliver(await reply(t, 'IDLEで届いた回答です。'));
    await eventually(async () => postsTo('1700000005.000001').length === 1, 15_000, 'the reply applied through IDLE');
    expect(String(postsTo('1700000005.000001')[0]!.body['text']).split('\n').at(-1)).toBe('IDLEで届いた回答です。');
  });

  it('the IMAP server going away and coming back: the poller reconnects and goes on', async () => {
    const w = await world();
    const srv = await instance(w);
    const t = await ticketWithMail(srv, '1700000004.000001');
    await eventually(async () => srv.logs.join('').includes('reading office replies by e-mail'), 10_000, 'the poller started');
    await w.box.close();
    await w.dovecot.stop();
    await eventually(async () => srv.logs.join('').includes('IMAP failed; retrying'), 10_000, 'the poller noticed the outage');
    // Still serving while the mail server is away.
    expect((await fetch(`${srv.base}/healthz`)).status).toBe(200);
    await w.dovecot.start();
    const box = await mailbox(w.dovecot);
    cleanup.push(() => box.close());
    await box.deliver(await reply(t, '復旧後の回答です。'));
    await eventually(async () => (await box.count('INBOX')) === 0, 20_000, 'the reply applied after the IMAP server came back');
    expect(postsTo('1700000004.000001').map((p) => String(p.body['text']).split('\n').at(-1))).toEqual(['復旧後の回答です。']);
    // Logged when the pass that applied the reply has finished, a moment after the message left INBOX.
    await eventually(async () => srv.logs.join('').includes('mail reply poller: connected again'), 10_000, 'the reconnection logged');
  });
});
