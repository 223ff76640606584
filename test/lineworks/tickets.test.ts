import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { decodePostback } from '../../adapters/lineworks/postback.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { LineWorksApiStub, LineWorksCall } from '../support/lineworks-api-stub.js';
import { BOT_NAME, type LineWorksHarness, messageActionEvent, postbackEvent, startLineWorksHarness, startStub, textEvent } from './harness.js';

/**
 * Tickets from LINE WORKS as in `serve`: the real tickets service (memory store, in-process queue),
 * the confirm step, the office's room (TICKET_ROUTES_JSON lineworksChannel), the office's answer
 * back to the asker, and 「問い合わせ状況」.
 */

const ADMIN = 'admin-token-0123456789';
const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const OFFICE_ROOM = 'office-security-room';
/** Routed to the security office; full of personal data that must never leave the bot. */
const QUESTION = '山田太郎さん(携帯 090-1234-5678、taro@example.jp)の端末の暗号化について、個別に判断してほしいです';
const PERSONAL = ['090-1234-5678', 'taro@example.jp', '山田太郎'];

let bot: TeleworkBot;
let stub: LineWorksApiStub;
let h: LineWorksHarness;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startStub();
  h = await startLineWorksHarness({
    bot,
    stub,
    services: true,
    env: { ADMIN_TOKEN: ADMIN, TICKET_ROUTES_JSON: JSON.stringify({ security: { lineworksChannel: OFFICE_ROOM } }), TICKET_DELIVERY_BACKOFF_MS: '100' },
  });
});
afterAll(async () => {
  await h?.close();
  await stub?.close();
});
beforeEach(() => stub.reset());

const toUser = (userId: string) => (c: LineWorksCall) => c.to !== undefined && 'userId' in c.to && c.to.userId === userId;
const toRoom = (channelId: string) => (c: LineWorksCall) => c.to !== undefined && 'channelId' in c.to && c.to.channelId === channelId;
const api = async (path: string): Promise<any> => (await fetch(`${h.url}${path}`, { headers: admin })).json();
const ticketsOf = async (userId: string): Promise<any[]> => ((await api('/api/tickets')) as any[]).filter((t) => t.requester.platform === 'lineworks' && t.requester.userId === userId);

function expectNoPersonalData(calls: LineWorksCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) for (const pd of PERSONAL) expect(c.raw, c.path).not.toContain(pd);
}

/** The person asks in their 1:1 chat; returns the quick reply data of 「担当窓口に問い合わせる」. */
async function ask(userId: string): Promise<string> {
  await h.deliver(textEvent({ userId, text: QUESTION }));
  const [answer] = stub.messages(toUser(userId));
  const items = answer!.body['content'].quickReply.items as Array<{ action: { label: string; data: string } }>;
  const escalate = items.find((i) => i.action.label === '担当窓口に問い合わせる');
  expect(escalate).toBeDefined();
  return escalate!.action.data;
}

/** 「担当窓口に問い合わせる」: returns the confirm step's button template. */
async function escalate(userId: string, data: string): Promise<any> {
  stub.reset();
  await h.deliver(postbackEvent({ userId, data }));
  const sent = stub.messages(toUser(userId));
  const confirm = sent.map((m) => m.body['content']).find((c) => c.type === 'button_template');
  expect(confirm, JSON.stringify(sent.map((m) => m.body))).toBeDefined();
  return confirm;
}

const press = (userId: string, action: { label: string; postback: string }) => h.deliver(messageActionEvent({ userId, label: action.label, postback: action.postback }));

describe('the escalation confirm step', () => {
  test('the escalation postback shows what will be sent; 送信する creates one ticket, delivered to the office room', async () => {
    const data = await ask('U1');
    const confirm = await escalate('U1', data);
    expect(confirm.contentText).toContain(MESSAGES.tickets.confirm.ja('テスト省 セキュリティの窓口'));
    expect(confirm.contentText).toContain('端末の暗号化');
    expectNoPersonalData(stub.messages());
    expect(confirm.actions.map((a: any) => [a.type, a.label])).toEqual([
      ['message', '送信する'],
      ['message', 'やめる'],
    ]);
    expect(decodePostback(confirm.actions[0].postback)?.action).toBe('ticket-send');
    // Nothing is sent before 送信する.
    expect(await ticketsOf('U1')).toEqual([]);

    stub.reset();
    await press('U1', confirm.actions[0]);
    const [created] = stub.messages(toUser('U1'));
    const id = /TW-\d{4}-\d{6}/.exec(created!.body['content'].text)?.[0];
    expect(id, created!.body['content'].text).toBeDefined();
    const tickets = await ticketsOf('U1');
    expect(tickets.map((t) => [t.id, t.route])).toEqual([[id, 'security']]);
    // The office's room gets the (redacted) ticket with how to answer from LINE WORKS.
    const [notice] = await stub.waitForMessages(toRoom(OFFICE_ROOM));
    expect(notice!.body['content'].text).toContain(id);
    expect(notice!.body['content'].text).toContain(`answer ${id}`);
    expectNoPersonalData(stub.messages());

    // Pressed again: the same ticket, no second one.
    stub.reset();
    await press('U1', confirm.actions[0]);
    expect(stub.messages(toUser('U1')).map((m) => m.body['content'].text)).toEqual([MESSAGES.tickets.alreadyCreated.ja(id!)]);
    expect(await ticketsOf('U1')).toHaveLength(1);
  });

  test('やめる sends nothing', async () => {
    const confirm = await escalate('U5', await ask('U5'));
    stub.reset();
    await press('U5', confirm.actions[1]);
    expect(stub.messages().map((m) => m.body['content'].text)).toEqual([MESSAGES.tickets.cancelled.ja]);
    expect(await ticketsOf('U5')).toEqual([]);
  });
});

describe('after the ticket', () => {
  test('「問い合わせ状況」 lists the asker’s tickets; the office answers from its room and the answer reaches the asker', async () => {
    const confirm = await escalate('U2', await ask('U2'));
    await press('U2', confirm.actions[0]);
    const [ticket] = await ticketsOf('U2');
    expect(ticket).toBeDefined();

    stub.reset();
    await h.deliver(textEvent({ userId: 'U2', text: '問い合わせ状況' }));
    const [status] = stub.messages(toUser('U2'));
    expect(status!.body['content'].text).toContain(ticket.id);
    expect(status!.body['content'].text).toContain(MESSAGES.tickets.statusHeader.ja);
    // Asked in a room, the list still goes only to the asker.
    stub.reset();
    await h.deliver(textEvent({ userId: 'U2', channelId: 'team-room', text: `@${BOT_NAME} 問い合わせ状況` }));
    expect(stub.messages(toRoom('team-room'))).toEqual([]);
    expect(stub.messages(toUser('U2'))[0]!.body['content'].text).toContain(ticket.id);

    // Another room may not answer (and is not told whether the ticket exists).
    stub.reset();
    await h.deliver(textEvent({ userId: 'O9', channelId: 'some-other-room', text: `@${BOT_NAME} answer ${ticket.id} 勝手な回答` }));
    expect(stub.messages(toRoom('some-other-room'))[0]!.body['content'].text).toContain('回答できません');
    expect(stub.messages(toUser('U2'))).toEqual([]);

    stub.reset();
    await h.deliver(textEvent({ userId: 'O1', channelId: OFFICE_ROOM, text: `@${BOT_NAME} answer ${ticket.id} 端末の暗号化は必須です。\n詳しくは規程をご確認ください。` }));
    expect(stub.messages(toRoom(OFFICE_ROOM))[0]!.body['content'].text).toContain(`${ticket.id} の回答を質問者に送りました`);
    const [answer] = await stub.waitForMessages(toUser('U2'));
    expect(answer!.body['content'].text).toContain('端末の暗号化は必須です。\n詳しくは規程をご確認ください。');
    expect(answer!.body['content'].text).toContain(ticket.id);
    const after = await api(`/api/tickets/${ticket.id}`);
    expect(after.status).toBe('closed');
  });
});
