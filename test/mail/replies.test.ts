import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/core/messages.js';
import { REPLY_ABOVE_MARKER } from '../../src/mail/ticket-mail.js';
import type { Ticket } from '../../src/tickets/model.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { startSlackApiStub, type SlackApiStub } from '../support/slack-api-stub.js';
import { parseMail, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { PERSONAL, eventually } from '../tickets/harness.js';
import { BOT_ADDRESS, composeReply, mailbox, startMailServer, type MailServer } from './harness.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let stub: SlackApiStub;
let srv: MailServer;
let box: Awaited<ReturnType<typeof mailbox>>;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  stub = await startSlackApiStub();
  srv = await startMailServer({ dovecot, smtpUrl: smtp.url, slackApiUrl: stub.url, prefix: null });
  box = await mailbox(dovecot);
});
afterAll(async () => {
  await box?.close();
  await srv?.close();
  await stub?.close();
  await smtp?.close();
  await dovecot?.close();
});
beforeEach(() => stub.reset());

const OFFICE = 'hr@example.invalid';
const QUESTION = '在宅勤務手当の支給について、団体としての判断を教えてください。';
const NEW_TEXT = '在宅勤務手当は、各団体の条例で定めてください。\n\n山田太郎さんからの件は、090-1234-5678 ではなく窓口にご連絡ください。';
const NEW_TEXT_REDACTED = '在宅勤務手当は、各団体の条例で定めてください。\n\n[氏名削除]さんからの件は、[電話番号削除] ではなく窓口にご連絡ください。';

const ticket = async (id: string): Promise<Ticket> => (await (await srv.api(`/api/tickets/${id}`)).json()) as Ticket;

/** A ticket from a Slack thread, and the mail its office got. */
async function slackTicket(threadTs: string): Promise<{ id: string; mail: ReturnType<typeof parseMail> & { subject: string; messageId: string } }> {
  const res = await srv.api('/api/tickets', { question: QUESTION, route: 'hr', requester: { platform: 'slack', userId: 'U1', channelId: 'C1', threadId: threadTs } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const mails = await smtp.waitFor(smtp.messages.filter((m) => !m.subject.includes(id)).length + 1);
  const m = mails.find((x) => x.subject.includes(id))!;
  return { id, mail: { ...parseMail(m.raw), subject: m.subject, messageId: m.messageId } };
}

/** A reply quoted the way Gmail in Japanese quotes, with a signature. */
const quotedReply = (text: string, original: string): string =>
  `${text}\n\n-- \n総務省 公務員課 鈴木一郎\n電話 03-0000-0000\n\n2026年11月28日(土) 10:00 テレワーク相談ボット <${BOT_ADDRESS}>:\n\n${original
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')}\n`;

describe('office replies by e-mail', () => {
  it('the ticket mail asks for a Reply and threads: Message-ID, Reply-To, the id in the subject', async () => {
    const { id, mail } = await slackTicket('1700000000.000100');
    expect(mail.subject).toBe(`[${id}] テレワーク相談ボットからのお問い合わせ`);
    expect(mail.messageId).toBe(`<${id}.email@telework-bot.invalid>`);
    expect(mail.headers.get('reply-to')).toContain(BOT_ADDRESS);
    expect(mail.text.split('\n')[0]).toBe(REPLY_ABOVE_MARKER);
    expect(mail.text).toContain('このメールに「返信」して、回答をお書きください。');
    expect(mail.text).toContain(QUESTION);
    expect(mail.text).toContain('■ ボットの回答(質問者に表示した内容)');
  });

  it('a Reply from the office answers the Slack thread with exactly its new text and closes the ticket; a second Reply is a follow-up', async () => {
    const { id, mail } = await slackTicket('1700000000.000200');
    await box.deliver(await composeReply({ from: `公務員課 <${OFFICE}>`, subject: `Re: ${mail.subject}`, inReplyTo: mail.messageId, text: quotedReply(NEW_TEXT, mail.text) }));
    const [post] = await stub.waitFor('chat.postMessage', 1, 10_000);
    expect(post!.body['channel']).toBe('C1');
    expect(post!.body['thread_ts']).toBe('1700000000.000200');
    expect(post!.body['text']).toBe(MESSAGES.tickets.answer.ja(id, 'テスト省 人事の窓口', NEW_TEXT_REDACTED));
    const t = await eventually(async () => {
      const x = await ticket(id);
      return x.status === 'closed' ? x : undefined;
    });
    expect(t.answer?.text).toBe(NEW_TEXT_REDACTED);
    expect(t.history.map((h) => h.type)).toEqual(expect.arrayContaining(['answered', 'answer-delivered', 'closed']));
    for (const pd of PERSONAL) expect(JSON.stringify(t)).not.toContain(pd);

    // A second reply (Outlook style, subject only) adds to the history and reaches the thread as a follow-up,
    // also when Slack refuses the first try (the retried job sends it).
    stub.failNext('chat.postMessage', 'internal_error');
    const more = '追記です。支給額の上限は定めていません。';
    await box.deliver(
      await composeReply({
        from: OFFICE,
        subject: `RE: [${id}] テレワーク相談ボットからのお問い合わせ`,
        text: `${more}\n\n-----Original Message-----\nFrom: テレワーク相談ボット\nSent: Saturday, November 28, 2026 10:00 AM\n\n${mail.text}`,
      }),
    );
    const after = await eventually(async () => {
      const x = await ticket(id);
      return x.followUps?.[0]?.state === 'sent' ? x : undefined;
    });
    const posts = stub.callsTo('chat.postMessage');
    expect(posts.map((p) => p.response['ok'])).toEqual([true, false, true]);
    expect(posts[2]!.body['thread_ts']).toBe('1700000000.000200');
    expect(posts[2]!.body['text']).toBe(MESSAGES.tickets.followUp.ja(id, 'テスト省 人事の窓口', more));
    expect(after.status).toBe('closed');
    expect(after.history.map((h) => h.type)).toEqual(expect.arrayContaining(['follow-up', 'follow-up-delivered']));
    await eventually(async () => (await box.count('INBOX')) === 0, 10_000, 'both replies moved out of INBOX');
    expect(await box.count('Done')).toBeGreaterThanOrEqual(2);
  });

  it('a web asker: the ticket mail shows what the bot answered; an HTML-only Reply answers and closes the ticket', async () => {
    const ask = (await (await fetch(`${srv.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'テレワーク手当の金額を個別に判断してほしいです' }) })).json()) as {
      answerId: string;
      answer: string;
    };
    const esc = await fetch(`${srv.base}/api/escalation-requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId: ask.answerId }) });
    expect(esc.status).toBe(202);
    const { ticketId } = (await esc.json()) as { ticketId: string };
    const office = ((await ticket(ticketId)).route === 'hr' ? OFFICE : 'sec@example.invalid') as string;
    const m = await eventually(async () => smtp.messages.find((x) => x.subject.includes(ticketId)), 10_000, 'the ticket mail');
    const mail = parseMail(m.raw);
    expect(mail.text).toContain(ask.answer.split('\n')[0]!);

    const html = `<div dir="ltr"><p>在宅勤務手当は、各団体の条例で定めてください。</p><p>以上、よろしくお願いいたします。</p></div><div class="gmail_quote"><div dir="ltr">2026年11月28日 テレワーク相談ボット &lt;${BOT_ADDRESS}&gt;:</div><blockquote>${mail.text.replace(/\n/g, '<br>')}</blockquote></div>`;
    await box.deliver(await composeReply({ from: office, subject: `Re: ${m.subject}`, inReplyTo: m.messageId, html }));
    const t = await eventually(async () => {
      const x = await ticket(ticketId);
      return x.status === 'closed' ? x : undefined;
    });
    expect(t.answer?.text).toBe('在宅勤務手当は、各団体の条例で定めてください。\n\n以上、よろしくお願いいたします。');
    expect(stub.callsTo('chat.postMessage')).toEqual([]);
  });

  it("a stranger's reply, or the other office's, is held for review and changes nothing; an auto-reply is ignored", async () => {
    const { id, mail } = await slackTicket('1700000000.000300');
    const doneBefore = await box.count('Done');
    await box.deliver(await composeReply({ from: 'someone@stranger.example', subject: `Re: ${mail.subject}`, inReplyTo: mail.messageId, text: quotedReply('代わりに回答します。', mail.text) }));
    await box.deliver(await composeReply({ from: 'sec@example.invalid', subject: `Re: ${mail.subject}`, inReplyTo: mail.messageId, text: '別の窓口からの回答です。' }));
    await box.deliver(
      await composeReply({ from: OFFICE, subject: '自動応答: 不在のお知らせ', inReplyTo: mail.messageId, text: '12月1日まで不在にしております。', headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' } }),
    );
    const held = await eventually(async () => {
      const r = await srv.api('/api/mail/held');
      expect(r.status).toBe(200);
      const body = (await r.json()) as { held: Array<{ ticketId: string; reason: string; fromDomain: string; excerpt: string; folder: string }> };
      const mine = body.held.filter((h) => h.ticketId === id);
      return mine.length === 2 ? mine : undefined;
    });
    expect(held.map((h) => [h.reason, h.fromDomain]).sort()).toEqual([
      ['unknown-sender', 'example.invalid'],
      ['unknown-sender', 'stranger.example'],
    ]);
    expect(held.find((h) => h.fromDomain === 'stranger.example')!.excerpt).toBe('代わりに回答します。');
    // The auto-reply was read and put away without effect.
    await eventually(async () => (await box.count('Done')) === doneBefore + 1, 10_000, 'the auto-reply moved to Done');
    // Held mail stays in the folder, flagged for a person.
    await eventually(async () => (await box.flagged('INBOX')) === 2, 10_000, 'both held replies flagged');
    expect(await box.count('INBOX')).toBe(2);
    const t = await ticket(id);
    expect(t.status).toBe('notified');
    expect(t.answer).toBeUndefined();
    expect(stub.callsTo('chat.postMessage')).toEqual([]);
    expect(srv.logs.join('')).toContain('office reply held for review');
    expect(srv.logs.join('')).not.toContain('someone@stranger.example');

    // Without the admin token the list is refused.
    expect((await fetch(`${srv.base}/api/mail/held`)).status).toBe(401);
  });
});
