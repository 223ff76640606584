import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { TICKET_ACTION_IDS } from '../../adapters/slack/actions.js';
import { ACTION_IDS } from '../../adapters/slack/blocks.js';
import { MESSAGES } from '../../src/core/messages.js';
import { signSlackRequest } from '../support/slack-sign.js';
import { startSlackApiStub, type SlackApiStub } from '../support/slack-api-stub.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { allStrings, buttonPayload, envelope, newTs } from '../slack/harness.js';
import { PERSONAL, deletePrefix, eventually, newPrefix, sleep, startTicketsServer, type TicketsServer } from './harness.js';

const SECRET = 'tickets-slack-secret';
const OFFICE_CHANNEL = 'COFFICE1';
let stub: SlackApiStub;
let smtp: SmtpSink;
let srv: TicketsServer;
const prefix = newPrefix();

beforeAll(async () => {
  stub = await startSlackApiStub();
  smtp = await startSmtpSink();
  srv = await startTicketsServer({
    prefix,
    env: {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: stub.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'bot@example.invalid',
      TICKET_ROUTES_JSON: JSON.stringify({ security: { slackChannel: OFFICE_CHANNEL } }),
    },
    adapters: async (ctx) => [await createSlackAdapter(ctx)],
  });
});
afterAll(async () => {
  await srv?.close();
  await smtp?.close();
  await stub?.close();
  await deletePrefix(prefix);
});
beforeEach(() => stub.reset());

const signed = (body: string, contentType: string) =>
  fetch(`${srv.base}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signSlackRequest(SECRET, body) }, body });
const event = (e: Record<string, unknown>) => signed(JSON.stringify(envelope(e)), 'application/json');
const action = (payload: Record<string, unknown>) => signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
const command = (fields: Record<string, string>) =>
  signed(new URLSearchParams({ token: 'x', team_id: 'T1', team_domain: 'stub', api_app_id: 'A1', trigger_id: 't', user_name: 'u', channel_name: 'c', command: '/telework', ...fields }).toString(), 'application/x-www-form-urlencoded');
const text = (body: Record<string, any>): string => allStrings(body['blocks'] ?? []).join('\n') + String(body['text'] ?? '');

const QUESTION = '<@UBOT> 山田太郎さん(携帯 090-1234-5678、taro@example.jp)の端末の暗号化について、個別に判断してほしいです';

/** A question answered in a channel thread; returns the escalate button's answer id and the thread. */
async function answered(user = 'U1'): Promise<{ answerId: string; messageTs: string; threadTs: string }> {
  const ts = newTs();
  await event({ type: 'app_mention', user, text: QUESTION, ts, channel: 'C1', event_ts: '1' });
  const [post] = await stub.waitFor('chat.postMessage');
  const buttons = (post!.body['blocks'] as any[]).find((b) => b.type === 'actions').elements as any[];
  const escalate = buttons.find((b) => b.action_id === ACTION_IDS.escalate);
  stub.reset();
  return { answerId: escalate.value as string, messageTs: post!.response['ts'] as string, threadTs: ts };
}

describe('tickets from Slack', () => {
  it('shows exactly what will be sent first, creates the ticket on 送信する (once), and posts its id in the thread', async () => {
    const { answerId, messageTs, threadTs } = await answered('U1');
    await action(buttonPayload({ actionId: ACTION_IDS.escalate, answerId, user: 'U1', messageTs, threadTs, responseUrl: stub.responseUrl('c1') }));
    const [confirm] = await stub.waitFor('chat.postEphemeral');
    expect(confirm!.body['user']).toBe('U1');
    expect(confirm!.body['thread_ts']).toBe(threadTs);
    const shown = text(confirm!.body);
    expect(shown).toContain('テスト省 セキュリティの窓口');
    expect(shown).toContain('[氏名削除]');
    expect(shown).toContain('[電話番号削除]');
    expect(shown).toContain('端末の暗号化');
    for (const pd of PERSONAL) expect(shown).not.toContain(pd);
    const buttons = (confirm!.body['blocks'] as any[]).find((b) => b.type === 'actions').elements as any[];
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      [TICKET_ACTION_IDS.send, '送信する', `${answerId}|${threadTs}`],
      [TICKET_ACTION_IDS.cancel, 'やめる', `${answerId}|${threadTs}`],
    ]);
    // Nothing is created or sent before 送信する.
    await sleep(300);
    expect((await (await srv.api('/api/tickets?office=security')).json())).toHaveLength(0);
    expect(smtp.messages).toHaveLength(0);

    const send = buttonPayload({ actionId: TICKET_ACTION_IDS.send, answerId: `${answerId}|${threadTs}`, user: 'U1', channel: 'C1', responseUrl: stub.responseUrl('s1'), ephemeral: true });
    await action(send);
    // The office's channel post may come first: the thread notice is the one in C1.
    const notice = await eventually(async () => stub.callsTo('chat.postMessage').find((c) => c.body['channel'] === 'C1'));
    const tickets = (await (await srv.api('/api/tickets?office=security')).json());
    expect(tickets).toHaveLength(1);
    const t = tickets[0];
    expect(notice.body['thread_ts']).toBe(threadTs);
    expect(notice.body['text']).toContain(t.id);
    expect(t.requester).toEqual({ platform: 'slack', userId: 'U1', channelId: 'C1', threadId: threadTs });
    expect(t.answerId).toBe(answerId);
    for (const pd of PERSONAL) expect(t.question).not.toContain(pd);
    const [replaced] = await stub.waitFor('response_url');
    expect(replaced!.body['replace_original']).toBe(true);

    // The office gets it by e-mail and in its Slack channel.
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['sec@example.invalid']);
    expect(mail!.subject).toContain(t.id);
    const office = await eventually(async () => stub.callsTo('chat.postMessage').find((c) => c.body['channel'] === OFFICE_CHANNEL));
    expect(office.body['text']).toContain(t.id);
    const notified = await eventually(async () => {
      const got = await (await srv.api(`/api/tickets/${t.id}`)).json();
      return got.deliveries.email === 'sent' && got.deliveries.slack === 'sent' ? got : undefined;
    });
    expect(notified.status).toBe('notified');

    // A second 送信する (double click, retry) makes no second ticket and no second thread notice.
    stub.reset();
    await action(send);
    const [again] = await stub.waitFor('response_url');
    expect(again!.body['text']).toBe(MESSAGES.tickets.alreadyCreated.ja(t.id));
    expect((await (await srv.api('/api/tickets?office=security')).json())).toHaveLength(1);
    expect(stub.callsTo('chat.postMessage').filter((c) => c.body['channel'] === 'C1')).toHaveLength(0);
  });

  it('やめる sends nothing', async () => {
    const { answerId, messageTs, threadTs } = await answered('U2');
    await action(buttonPayload({ actionId: ACTION_IDS.escalate, answerId, user: 'U2', messageTs, threadTs, responseUrl: stub.responseUrl('c2') }));
    await stub.waitFor('chat.postEphemeral');
    await action(buttonPayload({ actionId: TICKET_ACTION_IDS.cancel, answerId: `${answerId}|${threadTs}`, user: 'U2', responseUrl: stub.responseUrl('x2'), ephemeral: true }));
    const [done] = await stub.waitFor('response_url');
    expect(done!.body['text']).toBe(MESSAGES.tickets.cancelled.ja);
    await sleep(300);
    expect((await (await srv.api('/api/tickets')).json()).filter((x: any) => x.requester.userId === 'U2')).toHaveLength(0);
  });

  it("the office's answer reaches the asker's thread and closes the ticket; 「問い合わせ状況」 lists the asker's tickets", async () => {
    const { answerId, threadTs } = await answered('U3');
    await action(buttonPayload({ actionId: TICKET_ACTION_IDS.send, answerId: `${answerId}|${threadTs}`, user: 'U3', channel: 'C1', responseUrl: stub.responseUrl('s3'), ephemeral: true }));
    await stub.waitFor('chat.postMessage');
    const t = (await (await srv.api('/api/tickets')).json()).find((x: any) => x.requester.userId === 'U3');
    stub.reset();

    const res = await srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '端末の暗号化は必須です。詳細は窓口 03-0000-2222 までどうぞ。担当の山田太郎さんの 090-1234-5678 は使わないでください。' } });
    expect(res.status).toBe(200);
    const closed = await res.json();
    expect(closed.status).toBe('closed');
    expect(closed.history.map((e: any) => e.type)).toEqual(expect.arrayContaining(['answered', 'answer-delivered', 'closed']));
    const posts = stub.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body['channel']).toBe('C1');
    expect(posts[0]!.body['thread_ts']).toBe(threadTs);
    const sent = text(posts[0]!.body);
    expect(sent).toContain(t.id);
    expect(sent).toContain('端末の暗号化は必須です');
    expect(sent).toContain('03-0000-2222');
    for (const pd of PERSONAL) expect(sent).not.toContain(pd);

    stub.reset();
    await event({ type: 'app_mention', user: 'U3', text: '<@UBOT> 問い合わせ状況', ts: newTs(), channel: 'C1', event_ts: '1' });
    const [status] = await stub.waitFor('chat.postMessage');
    expect(text(status!.body)).toContain(t.id);
    expect(text(status!.body)).toContain('完了');
    stub.reset();
    await command({ text: '問い合わせ状況', user_id: 'U9', channel_id: 'C1', response_url: stub.responseUrl('st') });
    const [none] = await stub.waitFor('response_url');
    expect(none!.body['text']).toBe(MESSAGES.tickets.statusNone.ja);
  });

  it('the office can answer with /telework answer in its own channel, and only there', async () => {
    const { answerId, threadTs } = await answered('U4');
    await action(buttonPayload({ actionId: TICKET_ACTION_IDS.send, answerId: `${answerId}|${threadTs}`, user: 'U4', channel: 'C1', responseUrl: stub.responseUrl('s4'), ephemeral: true }));
    await stub.waitFor('chat.postMessage');
    const t = (await (await srv.api('/api/tickets')).json()).find((x: any) => x.requester.userId === 'U4');
    stub.reset();

    await command({ text: `answer ${t.id} 勝手な回答`, user_id: 'U4', channel_id: 'C1', response_url: stub.responseUrl('a1') });
    const [refused] = await stub.waitFor('response_url');
    expect(refused!.body['text']).toContain('このチャンネルから回答できません');
    expect((await (await srv.api(`/api/tickets/${t.id}`)).json()).status).not.toBe('closed');

    stub.reset();
    await command({ text: `answer ${t.id} 暗号化の手順書をご確認ください。`, user_id: 'UOFFICE', channel_id: OFFICE_CHANNEL, response_url: stub.responseUrl('a2') });
    const [ok] = await stub.waitFor('response_url');
    expect(ok!.body['text']).toContain('回答を質問者に送りました');
    const post = (await stub.waitFor('chat.postMessage')).find((c) => c.body['channel'] === 'C1');
    expect(post!.body['thread_ts']).toBe(threadTs);
    expect(text(post!.body)).toContain('暗号化の手順書をご確認ください');
    const done = await (await srv.api(`/api/tickets/${t.id}`)).json();
    expect(done.status).toBe('closed');
    expect(done.answer.by).toBe('slack:UOFFICE');
  });

  it('an answer that Slack refuses at first is retried as a job until it reaches the thread', async () => {
    const { answerId, threadTs } = await answered('U5');
    await action(buttonPayload({ actionId: TICKET_ACTION_IDS.send, answerId: `${answerId}|${threadTs}`, user: 'U5', channel: 'C1', responseUrl: stub.responseUrl('s5'), ephemeral: true }));
    await stub.waitFor('chat.postMessage');
    const t = (await (await srv.api('/api/tickets')).json()).find((x: any) => x.requester.userId === 'U5');
    await eventually(async () => (await (await srv.api(`/api/tickets/${t.id}`)).json()).status === 'notified');
    stub.reset();
    stub.failNext('chat.postMessage', 'ratelimited');
    stub.failNext('chat.postMessage', 'ratelimited');
    const res = await (await srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '設定手順をお送りします。' } })).json();
    expect(res.status).toBe('answered'); // not delivered yet: a job retries it
    const closed = await eventually(async () => {
      const got = await (await srv.api(`/api/tickets/${t.id}`)).json();
      return got.status === 'closed' ? got : undefined;
    });
    const toThread = stub.callsTo('chat.postMessage').filter((c) => c.body['channel'] === 'C1' && c.body['thread_ts'] === threadTs && c.response['ok'] === true);
    expect(toThread).toHaveLength(1);
    expect(text(toThread[0]!.body)).toContain('設定手順をお送りします。');
    expect(closed.history.filter((e: any) => e.type === 'answer-delivered')).toHaveLength(1);
  });

  it('an escalation from a private (slash command) answer stays private: confirm and notice ephemeral, the answer by DM', async () => {
    await command({ text: '端末の暗号化について個別に判断してほしいです', user_id: 'U6', channel_id: 'C7', response_url: stub.responseUrl('q6') });
    const [answer] = await stub.waitFor('response_url');
    const escalate = (answer!.body['blocks'] as any[]).find((b) => b.type === 'actions').elements.find((b: any) => b.action_id === ACTION_IDS.escalate);
    stub.reset();
    await action(buttonPayload({ actionId: ACTION_IDS.escalate, answerId: escalate.value, user: 'U6', channel: 'C7', responseUrl: stub.responseUrl('e6'), ephemeral: true }));
    const [confirm] = await stub.waitFor('response_url');
    const value = (confirm!.body['blocks'] as any[]).find((b) => b.type === 'actions').elements[0].value as string;
    expect(value).toBe(`${escalate.value}|-`);
    stub.reset();
    await action(buttonPayload({ actionId: TICKET_ACTION_IDS.send, answerId: value, user: 'U6', channel: 'C7', responseUrl: stub.responseUrl('s6'), ephemeral: true }));
    const [notice] = await stub.waitFor('response_url');
    const t = (await (await srv.api('/api/tickets')).json()).find((x: any) => x.requester.userId === 'U6');
    expect(notice!.body['text']).toContain(t.id);
    expect(t.requester).toEqual({ platform: 'slack', userId: 'U6' });
    await sleep(200);
    expect(stub.callsTo('chat.postMessage').filter((c) => c.body['channel'] === 'C7')).toHaveLength(0);

    stub.reset();
    stub.answers.set('conversations.open', { ok: true, channel: { id: 'DU6' } });
    try {
      const closed = await (await srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '個別にご連絡します。' } })).json();
      expect(closed.status).toBe('closed');
      expect(stub.callsTo('conversations.open')[0]!.body['users']).toBe('U6');
      const dm = stub.callsTo('chat.postMessage');
      expect(dm).toHaveLength(1);
      expect(dm[0]!.body['channel']).toBe('DU6');
      expect(text(dm[0]!.body)).toContain('個別にご連絡します。');
    } finally {
      stub.answers.delete('conversations.open');
    }
  });

  it('left no personal data in the logs or the audit log of all the flows above', async () => {
    const audit = JSON.stringify(await (await srv.api('/api/tickets/audit')).json());
    expect(audit).toContain('ticket.created');
    const logs = srv.logs.join('');
    expect(logs).toContain('ticket created');
    for (const pd of PERSONAL) {
      expect(logs.includes(pd), `${pd} in the logs`).toBe(false);
      expect(audit.includes(pd), `${pd} in the audit log`).toBe(false);
    }
  });
});
