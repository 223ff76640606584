import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { EscalationResult } from '../../src/core/escalation.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Requester } from '../../src/feedback/recorder.js';
import type { ConnectorStub } from '../support/connector-stub.js';
import { BOT_NAME, QUESTION, type TeamsHarness, activity, cardOf, sleep, startTeamsHarness, useBotAndStub } from './harness.js';

const QUIET_MS = 300;

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness;
let escalations: { answerId: string; requester: Requester; result: EscalationResult | null }[];

useBotAndStub((b, s) => {
  bot = b;
  stub = s;
});
beforeEach(async () => {
  stub.reset();
  h = await startTeamsHarness({ bot });
  // Observe what the adapter asks of the escalation port, keeping the real behaviour.
  escalations = [];
  const port = h.ctx.escalations;
  const real = port.request.bind(port);
  port.request = async (answerId, requester, opts) => {
    const result = await real(answerId, requester, opts);
    escalations.push({ answerId, requester, result });
    return result;
  };
});
afterEach(async () => {
  await h.close();
});

/** Asks in a personal chat and returns the conversation id and the answer card's answerId. */
async function ask(conversationType: 'personal' | 'channel' = 'personal'): Promise<{ conversation: Record<string, unknown>; answerId: string }> {
  const act =
    conversationType === 'personal'
      ? activity(stub, { text: QUESTION })
      : activity(stub, { conversationType, text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true });
  await h.post(act);
  const [reply] = await stub.waitFor((c) => cardOf(c.body) !== undefined);
  const answerId = cardOf(reply!.body)!['actions'][0].data.answerId as string;
  stub.reset();
  return { conversation: act['conversation'] as Record<string, unknown>, answerId };
}

/** Action.Submit: Teams posts a message whose value is the button's data (and no text). */
const submit = (conversation: Record<string, unknown>, data: Record<string, unknown>, userId = '29:user-1') =>
  activity(stub, { conversationId: conversation['id'] as string, conversationType: conversation['conversationType'] as 'personal', userId, value: data });

describe('Adaptive Card buttons (Action.Submit)', () => {
  test('a feedback vote is recorded once; pressing again says it is already recorded', async () => {
    const { conversation, answerId } = await ask();
    expect((await h.post(submit(conversation, { action: 'feedback-helpful', answerId, lang: 'ja' }))).status).toBe(200);
    const [thanks] = await stub.waitFor('reply');
    expect(thanks!.body['text']).toBe(MESSAGES.feedbackThanks.ja);
    expect(thanks!.conversationId).toBe(conversation['id']);

    await h.post(submit(conversation, { action: 'feedback-unhelpful', answerId, lang: 'ja' }));
    const replies = await stub.waitFor('reply', 2);
    expect(replies[1]!.body['text']).toBe(MESSAGES.alreadyRecorded.ja);

    const votes = (await h.ctx.feedback.listVotes()).filter((v) => v.answerId === answerId);
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ vote: 'helpful', requester: { platform: 'teams', userId: 'aad-29:user-1' } });
  });

  test('「解決しました」 is a resolved vote with its own thanks; another person can still vote', async () => {
    const { conversation, answerId } = await ask('channel');
    await h.post(submit(conversation, { action: 'resolved', answerId, lang: 'ja' }));
    await h.post(submit(conversation, { action: 'resolved', answerId, lang: 'ja' }, '29:user-2'));
    const replies = await stub.waitFor('reply', 2);
    expect(replies.map((r) => r.body['text'])).toEqual([MESSAGES.resolvedThanks.ja, MESSAGES.resolvedThanks.ja]);
    const votes = (await h.ctx.feedback.listVotes()).filter((v) => v.answerId === answerId);
    expect(votes.map((v) => v.vote)).toEqual(['resolved', 'resolved']);
  });

  test('「担当窓口に問い合わせる」 calls the escalation port once and confirms in Japanese', async () => {
    const { conversation, answerId } = await ask();
    await h.post(submit(conversation, { action: 'escalate', answerId, lang: 'ja' }));
    const [confirm] = await stub.waitFor('reply');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.answerId).toBe(answerId);
    expect(escalations[0]!.requester).toEqual({ platform: 'teams', userId: 'aad-29:user-1', channelId: conversation['id'] });
    const office = bot.office(escalations[0]!.result!.route!)!;
    expect(confirm!.body['text']).toBe(MESSAGES.escalationRecorded.ja(office));
    expect(confirm!.body['text']).toContain('お問い合わせの依頼を受け付けました');

    await h.post(submit(conversation, { action: 'escalate', answerId, lang: 'ja' }));
    const replies = await stub.waitFor('reply', 2);
    expect(replies[1]!.body['text']).toBe(MESSAGES.alreadyRecorded.ja);
    expect(escalations).toHaveLength(1);
    expect(await h.ctx.feedback.listEscalationRequests()).toHaveLength(1);
  });

  test('a ticket id from the escalation port is shown with the confirmation', async () => {
    h.ctx.escalations.request = async () => ({ route: 'hr', ticketId: 'TW-0042', created: true });
    const { conversation, answerId } = await ask();
    await h.post(submit(conversation, { action: 'escalate', answerId, lang: 'ja' }));
    const [confirm] = await stub.waitFor('reply');
    expect(confirm!.body['text']).toContain('TW-0042');
    expect(confirm!.body['text']).toContain('人事の窓口');
  });

  test('an unknown or expired answer gets the expiry notice and nothing is recorded', async () => {
    const { conversation } = await ask();
    await h.post(submit(conversation, { action: 'feedback-helpful', answerId: 'no-such-answer', lang: 'ja' }));
    await h.post(submit(conversation, { action: 'escalate', answerId: 'no-such-answer', lang: 'en' }));
    const replies = await stub.waitFor('reply', 2);
    expect(replies.map((r) => r.body['text'])).toEqual([MESSAGES.answerExpired.ja, MESSAGES.answerExpired.en]);
    expect(await h.ctx.feedback.listVotes()).toHaveLength(0);
    expect(escalations).toHaveLength(0);
  });

  test('a submit that is not an answer button is ignored, not answered as a question', async () => {
    const { conversation } = await ask();
    await h.post(submit(conversation, { action: 'delete-everything', answerId: 'x' }));
    await h.post(submit(conversation, { someInput: 'テレワーク' }));
    await sleep(QUIET_MS);
    expect(stub.calls).toHaveLength(0);
  });
});

describe('Universal Actions (invoke adaptiveCard/action)', () => {
  const invoke = (conversation: Record<string, unknown>, data: unknown, type = 'Action.Execute') =>
    activity(stub, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversationId: conversation['id'] as string,
      value: { action: { type, verb: 'answer', data }, trigger: 'manual' },
    });

  test('a vote answers in the invoke response (status 200, a message for the presser)', async () => {
    const { conversation, answerId } = await ask();
    const res = await h.post(invoke(conversation, { action: 'feedback-unhelpful', answerId, lang: 'ja' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: MESSAGES.feedbackThanks.ja });
    const again = await h.post(invoke(conversation, { action: 'feedback-unhelpful', answerId, lang: 'ja' }));
    expect(((await again.json()) as { value: string }).value).toBe(MESSAGES.alreadyRecorded.ja);
    expect((await h.ctx.feedback.listVotes()).filter((v) => v.answerId === answerId)).toHaveLength(1);
  });

  test('a redelivered invoke (same activity id) is not handled twice but still gets an answer', async () => {
    const { conversation } = await ask();
    const act = { ...invoke(conversation, { action: 'feedback-helpful', answerId: 'expired-one', lang: 'ja' }), id: 'invoke-dup-1' };
    const first = (await (await h.post(act)).json()) as { value: string };
    expect(first.value).toBe(MESSAGES.answerExpired.ja);
    const again = await h.post(act);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { value: string }).value).toBe(MESSAGES.alreadyRecorded.ja);
  });

  test('bad invokes are answered with a status, never a crash', async () => {
    const { conversation } = await ask();
    const bad = await h.post(invoke(conversation, { nothing: true }));
    expect(bad.status).toBe(400);
    const noValue = await h.post(activity(stub, { type: 'invoke', name: 'adaptiveCard/action', conversationId: conversation['id'] as string }));
    expect(noValue.status).toBe(400);
    const other = await h.post(activity(stub, { type: 'invoke', name: 'composeExtension/query', conversationId: conversation['id'] as string, value: {} }));
    expect(other.status).toBe(501);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
