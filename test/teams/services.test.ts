import { afterEach, describe, expect, test } from 'vitest';
import type { TeleworkBot } from '../../src/core/bot.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import type { ConnectorStub } from '../support/connector-stub.js';
import { BOT_NAME, QUESTION, type TeamsHarness, activity, cardOf, startTeamsHarness, useBotAndStub } from './harness.js';

const ADMIN = 'admin-token-0123456789';
const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness;

useBotAndStub((b, s) => {
  bot = b;
  stub = s;
});
afterEach(async () => {
  await h.close();
  stub.reset();
});

describe('Teams with the tickets and reminders services running (as in serve)', () => {
  test('escalation from a channel becomes a ticket, and the office answer arrives in the same thread', async () => {
    h = await startTeamsHarness({ bot, services: true, env: { ADMIN_TOKEN: ADMIN } });
    const ask = activity(stub, { conversationType: 'channel', text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true });
    const conversationId = (ask['conversation'] as { id: string }).id;
    await h.post(ask);
    const [answer] = await stub.waitFor((c) => cardOf(c.body) !== undefined);
    const answerId = cardOf(answer!.body)!['actions'][0].data.answerId as string;

    // With tickets running, the button first shows what will be sent (test/teams/tickets.test.ts); 送信する sends it.
    await h.post(activity(stub, { conversationId, conversationType: 'channel', value: { action: 'escalate', answerId, lang: 'ja' } }));
    const [card] = await stub.waitFor((c) => (cardOf(c.body)?.['actions'] as any[] | undefined)?.some((x) => x.data?.action === 'ticket-send') === true);
    expect(cardOf(card!.body)!['actions'][0].data).toEqual({ action: 'ticket-send', answerId, lang: 'ja' });
    await h.post(activity(stub, { conversationId, conversationType: 'channel', value: { action: 'ticket-send', answerId, lang: 'ja' } }));
    const [confirm] = await stub.waitFor((c) => typeof c.body['text'] === 'string' && c.body['text'].includes('受け付けました'));
    const ticketId = /問い合わせ番号: ([^)]+)\)/.exec(confirm!.body['text'] as string)?.[1];
    expect(ticketId).toBeTruthy();

    const ticket = (await (await fetch(`${h.url}/api/tickets/${ticketId}`, { headers: admin })).json()) as { requester: Record<string, unknown> };
    expect(ticket.requester).toMatchObject({ platform: 'teams', userId: 'aad-29:user-1', channelId: conversationId });

    stub.reset();
    const res = await fetch(`${h.url}/api/tickets/${ticketId}/answer`, { method: 'POST', headers: admin, body: JSON.stringify({ answer: '措置率は0.5です。' }) });
    expect(res.status).toBe(200);
    const [delivered] = await stub.waitFor('send');
    expect(delivered!.conversationId).toBe(conversationId);
    expect(delivered!.body['text']).toContain('措置率は0.5です。');
  });

  test('「remind」 is for allowlisted HR staff; anyone else asking "remind me…" gets an answer, not a refusal', async () => {
    h = await startTeamsHarness({ bot, services: true, env: { ADMIN_TOKEN: ADMIN, HR_TEAMS_USER_IDS: 'aad-hr' } });
    const conversationId = 'a:personal-hr';
    await h.post(activity(stub, { conversationId, userId: '29:hr', aadObjectId: 'aad-hr', text: 'remind add at 2030-01-07 09:00 here 締め日です' }));
    const [created] = await stub.waitFor('reply');
    expect(created!.body['text']).toMatch(/rem_[a-z0-9]{12}/);
    const list = (await (await fetch(`${h.url}/api/reminders`, { headers: admin })).json()) as unknown;
    expect(JSON.stringify(list)).toContain(conversationId);

    await h.post(activity(stub, { userId: '29:staff', aadObjectId: 'aad-staff', text: 'remind list' }));
    await h.post(activity(stub, { userId: '29:staff', aadObjectId: 'aad-staff', text: 'remind me 特別交付税の措置率は?' }));
    const replies = await stub.waitFor('reply', 3);
    expect(replies[1]!.body['text']).toBe(REMIND_TEXTS.refused.ja);
    expect(cardOf(replies[2]!.body)).toBeDefined();
  });
});
