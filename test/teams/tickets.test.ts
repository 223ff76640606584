import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import { TEAMS_TEXTS } from '../../adapters/teams/texts.js';
import { ticketsFor } from '../../src/tickets/registry.js';
import type { ConnectorCall, ConnectorStub } from '../support/connector-stub.js';
import { startConnectorStub } from '../support/connector-stub.js';
import { BOT_ID, BOT_NAME, type TeamsHarness, activity, cardOf, shownText, sleep, startTeamsHarness } from './harness.js';

/**
 * Tickets from Teams, as in `serve`: the real CloudAdapter and the real tickets service (memory
 * store, in-process queue), the Bot Connector replaced by the recording stub.
 */

const ADMIN = 'admin-token-0123456789';
const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
/** The security office's Teams channel (TICKET_ROUTES_JSON teamsConversation). */
const OFFICE_CHANNEL = '19:office-security@thread.tacv2';
const OFFICE_NAME = 'テスト省 セキュリティの窓口';
/** Routed to the security office; full of personal data that must never leave the bot. */
const QUESTION = '山田太郎さん(携帯 090-1234-5678、taro@example.jp)の端末の暗号化について、個別に判断してほしいです';
const PERSONAL = ['090-1234-5678', 'taro@example.jp', '山田太郎'];

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startConnectorStub();
  h = await startTeamsHarness({
    bot,
    services: true,
    env: { ADMIN_TOKEN: ADMIN, TICKET_ROUTES_JSON: JSON.stringify({ security: { teamsConversation: OFFICE_CHANNEL } }), TICKET_DELIVERY_BACKOFF_MS: '100' },
  });
  // The bot was added to the office's channel (so it can post new tickets there).
  await h.post(activity(stub, { type: 'conversationUpdate', conversationId: OFFICE_CHANNEL, conversationType: 'channel', userId: '29:office-admin', extra: { membersAdded: [{ id: BOT_ID }] } }));
  await stub.waitFor((c) => c.conversationId === OFFICE_CHANNEL);
});
afterAll(async () => {
  await h?.close();
  await stub?.close();
});
beforeEach(() => stub.reset());

const api = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<any> =>
  (await fetch(`${h.url}${path}`, { method: init.method ?? 'GET', headers: admin, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) })).json();
const ticketsOf = async (aad: string): Promise<any[]> => ((await api('/api/tickets')) as any[]).filter((t) => t.requester.userId === aad);

/** Every string anywhere in a JSON value. */
const allStrings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(allStrings) : v !== null && typeof v === 'object' ? Object.values(v).flatMap(allStrings) : [];

function expectNoPersonalData(calls: ConnectorCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) for (const pd of PERSONAL) expect(c.raw, `${c.method} ${c.path}`).not.toContain(pd);
}

interface Asked {
  conversationId: string;
  answerId: string;
  userId: string;
  aad: string;
}

/** A person asks in their personal chat; returns the answer card's answerId. */
async function ask(user: string): Promise<Asked> {
  const conversationId = `a:personal-${user}`;
  await h.post(activity(stub, { conversationId, userId: `29:${user}`, text: QUESTION }));
  const [reply] = await stub.waitFor((c) => c.conversationId === conversationId && cardOf(c.body) !== undefined);
  const actions = cardOf(reply!.body)!['actions'] as any[];
  const escalate = actions.find((a) => a.data.action === 'escalate');
  expect(escalate).toBeDefined();
  return { conversationId, answerId: escalate.data.answerId as string, userId: `29:${user}`, aad: `aad-29:${user}` };
}

/** A press of an Action.Submit button on a message (`replyToId`: the card's activity id). */
const press = (a: Asked, data: Record<string, unknown>, replyToId?: string) =>
  h.post(activity(stub, { conversationId: a.conversationId, userId: a.userId, value: data, ...(replyToId ? { extra: { replyToId } } : {}) }));

/** 「担当窓口に問い合わせる」: returns the confirm card and an id for its message (Teams sends it back as replyToId). */
async function confirm(a: Asked): Promise<{ card: Record<string, any>; messageId: string }> {
  const before = stub.calls.length;
  await press(a, { action: 'escalate', answerId: a.answerId, lang: 'ja' });
  const [c] = await stub.waitFor((x) => stub.calls.indexOf(x) >= before && x.conversationId === a.conversationId && cardOf(x.body) !== undefined);
  return { card: cardOf(c!.body)!, messageId: `1700${Math.floor(Math.random() * 1e9)}` };
}

/** The bot's plain-text replies in a conversation, in order. */
const textsIn = (conversationId: string): string[] =>
  stub.calls.filter((c) => c.conversationId === conversationId && typeof c.body['text'] === 'string').map((c) => c.body['text'] as string);

describe('tickets from Teams', () => {
  test('「担当窓口に問い合わせる」 shows exactly what will be sent (redacted question, office) with 送信する / やめる; nothing is created before', async () => {
    const a = await ask('asker-1');
    const { card } = await confirm(a);
    const shown = allStrings(card['body']).join('\n');
    expect(shown).toContain(MESSAGES.tickets.confirm.ja(OFFICE_NAME));
    expect(shown).toContain('[氏名削除]');
    expect(shown).toContain('[電話番号削除]');
    expect(shown).toContain('端末の暗号化について');
    // The question is shown as it will be sent: exactly the preview of the tickets service.
    const preview = await ticketsFor(h.ctx.store)!.escalations.preview(a.answerId);
    const runs = (card['body'][1]['items'] as any[]).map((b) => (b.inlines as any[]).map((r) => r.text).join('')).join('\n');
    expect(runs).toBe(preview!.question);
    expect((card['actions'] as any[]).map((x) => [x.type, x.title, x.data])).toEqual([
      ['Action.Submit', '送信する', { action: 'ticket-send', answerId: a.answerId, lang: 'ja' }],
      ['Action.Submit', 'やめる', { action: 'ticket-cancel', answerId: a.answerId, lang: 'ja' }],
    ]);
    await sleep(300);
    expect(await ticketsOf(a.aad)).toHaveLength(0);
    expect(stub.calls.filter((c) => c.conversationId === OFFICE_CHANNEL)).toHaveLength(0);
    expectNoPersonalData(stub.calls);
  });

  test('送信する creates one ticket, even when pressed twice, replies with its id and replaces the confirm card', async () => {
    const a = await ask('asker-2');
    const { messageId } = await confirm(a);
    await press(a, { action: 'ticket-send', answerId: a.answerId, lang: 'ja' }, messageId);
    await stub.waitFor((c) => c.conversationId === a.conversationId && typeof c.body['text'] === 'string' && c.body['text'].includes('受け付けました'));
    const [t] = await ticketsOf(a.aad);
    expect(t).toBeDefined();
    expect(textsIn(a.conversationId)).toContain(MESSAGES.tickets.created.ja(t.id, 'セキュリティの窓口'));
    expect(t.requester).toEqual({ platform: 'teams', userId: a.aad, channelId: a.conversationId });
    expect(t.route).toBe('security');
    expect(t.answerId).toBe(a.answerId);
    for (const pd of PERSONAL) expect(t.question).not.toContain(pd);

    // The confirm card is replaced (PUT …/activities/<its id>) by one without buttons.
    const put = await stub.waitFor((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${encodeURIComponent(messageId)}`));
    const replaced = cardOf(put[0]!.body)!;
    expect(replaced['actions']).toBeUndefined();
    expect(allStrings(replaced['body']).join('\n')).toContain(t.id);

    // The office gets it in its channel, proactively.
    const office = await stub.waitFor((c) => c.route === 'send' && c.conversationId === OFFICE_CHANNEL);
    expect(office[0]!.body['text']).toContain(t.id);

    // A second press (double click, or the card before it was replaced): no second ticket.
    await press(a, { action: 'ticket-send', answerId: a.answerId, lang: 'ja' }, messageId);
    await stub.waitFor((c) => c.conversationId === a.conversationId && c.body['text'] === MESSAGES.tickets.alreadyCreated.ja(t.id));
    expect(await ticketsOf(a.aad)).toHaveLength(1);
    await sleep(300);
    expect(stub.calls.filter((c) => c.route === 'send' && c.conversationId === OFFICE_CHANNEL)).toHaveLength(1);
    expectNoPersonalData(stub.calls);
  });

  test('やめる sends nothing and says so', async () => {
    const a = await ask('asker-3');
    const { messageId } = await confirm(a);
    await press(a, { action: 'ticket-cancel', answerId: a.answerId, lang: 'ja' }, messageId);
    await stub.waitFor((c) => c.conversationId === a.conversationId && c.body['text'] === MESSAGES.tickets.cancelled.ja);
    await sleep(300);
    expect(await ticketsOf(a.aad)).toHaveLength(0);
    expect(stub.calls.filter((c) => c.conversationId === OFFICE_CHANNEL)).toHaveLength(0);
    expect((await h.ctx.feedback.listEscalationRequests()).filter((r) => r.answerId === a.answerId)).toHaveLength(0);
    expectNoPersonalData(stub.calls);
  });

  test("「問い合わせ状況」 lists the asker's tickets (personal chat and @mention in a channel); others have none", async () => {
    const a = await ask('asker-4');
    await press(a, { action: 'ticket-send', answerId: a.answerId, lang: 'ja' });
    const [t] = await (async () => {
      for (let i = 0; i < 50; i++) {
        const got = await ticketsOf(a.aad);
        if (got.length > 0) return got;
        await sleep(50);
      }
      return [];
    })();
    expect(t).toBeDefined();
    stub.reset();

    await h.post(activity(stub, { conversationId: a.conversationId, userId: a.userId, text: '問い合わせ状況' }));
    const [personal] = await stub.waitFor((c) => c.conversationId === a.conversationId);
    expect(personal!.body['text']).toContain(MESSAGES.tickets.statusHeader.ja);
    expect(personal!.body['text']).toContain(t.id);
    expect(cardOf(personal!.body)).toBeUndefined();

    const channel = '19:general@thread.tacv2;messageid=1700000000999';
    await h.post(activity(stub, { conversationId: channel, conversationType: 'channel', userId: a.userId, text: `<at>${BOT_NAME}</at> 問い合わせ状況`, mentionBot: true }));
    const [inChannel] = await stub.waitFor((c) => c.conversationId === channel);
    expect(inChannel!.body['text']).toContain(t.id);

    await h.post(activity(stub, { conversationId: 'a:personal-nobody', userId: '29:nobody', text: '問い合わせ状況' }));
    const [none] = await stub.waitFor((c) => c.conversationId === 'a:personal-nobody');
    expect(none!.body['text']).toBe(MESSAGES.tickets.statusNone.ja);
  });

  test("the office answers in its channel: the answer reaches the asker's conversation proactively and the ticket closes; elsewhere the command is refused", async () => {
    const a = await ask('asker-5');
    await press(a, { action: 'ticket-send', answerId: a.answerId, lang: 'ja' });
    await stub.waitFor((c) => c.route === 'send' && c.conversationId === OFFICE_CHANNEL);
    const [t] = await ticketsOf(a.aad);
    expect(t.status).toBe('notified');
    stub.reset();

    // From the asker's own chat, and from another channel: refused, the ticket stays open.
    await h.post(activity(stub, { conversationId: a.conversationId, userId: a.userId, text: `answer ${t.id} 勝手な回答` }));
    const other = '19:other@thread.tacv2;messageid=1700000000777';
    await h.post(activity(stub, { conversationId: other, conversationType: 'channel', userId: '29:someone', text: `<at>${BOT_NAME}</at> answer ${t.id} 勝手な回答`, mentionBot: true }));
    const [r1] = await stub.waitFor((c) => c.conversationId === a.conversationId);
    const [r2] = await stub.waitFor((c) => c.conversationId === other);
    expect(r1!.body['text']).toBe(TEAMS_TEXTS.ticketAnswerNotAllowed.ja(t.id));
    expect(r2!.body['text']).toBe(TEAMS_TEXTS.ticketAnswerNotAllowed.ja(t.id));
    expect((await api(`/api/tickets/${t.id}`)).status).toBe('notified');
    expect(stub.calls.filter((c) => c.route === 'send')).toHaveLength(0);
    stub.reset();

    // From a thread of the office's channel (a reply to the ticket post), with two paragraphs.
    const officeThread = `${OFFICE_CHANNEL};messageid=1700000000555`;
    const text = `<p><at>${BOT_NAME}</at> answer ${t.id} 端末の暗号化は必須です。</p><p>手順書は窓口 03-0000-2222 までどうぞ。担当の山田太郎さんの 090-1234-5678 は使わないでください。</p>`;
    await h.post(activity(stub, { conversationId: officeThread, conversationType: 'channel', userId: '29:office-1', text, mentionBot: true, extra: { textFormat: 'xml' } }));
    const [ack] = await stub.waitFor((c) => c.conversationId === officeThread);
    expect(ack!.body['text']).toBe(TEAMS_TEXTS.ticketAnswerSent.ja(t.id));

    const [delivered] = await stub.waitFor((c) => c.route === 'send' && c.conversationId === a.conversationId);
    expect(delivered!.method).toBe('POST');
    expect(delivered!.path).toBe(`/v3/conversations/${encodeURIComponent(a.conversationId)}/activities`);
    const sent = shownText(delivered!.body);
    expect(sent).toContain(t.id);
    expect(sent).toContain('端末の暗号化は必須です。\n手順書は窓口 03-0000-2222 までどうぞ。');
    expectNoPersonalData(stub.calls);

    const closed = await api(`/api/tickets/${t.id}`);
    expect(closed.status).toBe('closed');
    expect(closed.answer.by).toBe('teams:aad-29:office-1');

    // A closed ticket cannot be answered again.
    await h.post(activity(stub, { conversationId: officeThread, conversationType: 'channel', userId: '29:office-1', text: `<at>${BOT_NAME}</at> answer ${t.id} もう一度`, mentionBot: true }));
    const acks = await stub.waitFor((c) => c.conversationId === officeThread, 2);
    expect(acks[1]!.body['text']).toContain('回答を送れませんでした');
  });

  test('Universal Actions (invoke adaptiveCard/action): the confirm card is posted, 送信する answers the presser with the ticket id, once', async () => {
    const a = await ask('asker-6');
    const invoke = (data: unknown) =>
      h.post(activity(stub, { type: 'invoke', name: 'adaptiveCard/action', conversationId: a.conversationId, userId: a.userId, value: { action: { type: 'Action.Execute', verb: 'x', data }, trigger: 'manual' } }));
    const res = await invoke({ action: 'escalate', answerId: a.answerId, lang: 'ja' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: string }).value).toBe(MESSAGES.tickets.confirm.ja(OFFICE_NAME));
    const [card] = await stub.waitFor((c) => c.conversationId === a.conversationId && (cardOf(c.body)?.['actions'] as any[] | undefined)?.[0]?.data?.action === 'ticket-send');
    expect(allStrings(cardOf(card!.body)!['body']).join('\n')).toContain('[電話番号削除]');
    expect(await ticketsOf(a.aad)).toHaveLength(0);

    const sent = (await (await invoke({ action: 'ticket-send', answerId: a.answerId, lang: 'ja' })).json()) as { value: string };
    const [t] = await ticketsOf(a.aad);
    expect(sent.value).toBe(MESSAGES.tickets.created.ja(t.id, 'セキュリティの窓口'));
    const again = (await (await invoke({ action: 'ticket-send', answerId: a.answerId, lang: 'ja' })).json()) as { value: string };
    expect(again.value).toBe(MESSAGES.tickets.alreadyCreated.ja(t.id));
    expect(await ticketsOf(a.aad)).toHaveLength(1);
    expectNoPersonalData(stub.calls);
  });

  test('a malformed answer command gets the usage; an English question that starts with "answer" is answered', async () => {
    await h.post(activity(stub, { conversationId: OFFICE_CHANNEL, conversationType: 'channel', userId: '29:office-1', text: `<at>${BOT_NAME}</at> answer TW-2026-000001`, mentionBot: true }));
    const [usage] = await stub.waitFor((c) => c.conversationId === OFFICE_CHANNEL);
    expect(usage!.body['text']).toBe(TEAMS_TEXTS.ticketAnswerUsage.ja);
    stub.reset();
    await h.post(activity(stub, { conversationId: 'a:personal-q', userId: '29:q', text: 'answer me: is the special allocation tax rate 0.5?' }));
    const [reply] = await stub.waitFor((c) => c.conversationId === 'a:personal-q');
    expect(cardOf(reply!.body)).toBeDefined();
  });
});
