import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTeamsAdapterWith } from '../../adapters/teams/index.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import { createLogger } from '../../src/logging/logger.js';
import type { ConnectorStub } from '../support/connector-stub.js';
import { logSink } from '../support/log-sink.js';
import { BOT_ID, BOT_NAME, CARD_TYPE, QUESTION, type TeamsHarness, activity, cardOf, cardText, sleep, startTeamsHarness, useBotAndStub } from './harness.js';

/** After "nothing more should be sent", how long to keep watching. */
const QUIET_MS = 300;

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness;

useBotAndStub((b, s) => {
  bot = b;
  stub = s;
});
beforeEach(async () => {
  stub.reset();
  h = await startTeamsHarness({ bot });
});
afterEach(async () => {
  await h.close();
});

describe('Teams messages', () => {
  test('a personal chat question is answered with an Adaptive Card: answer, source link, four buttons', async () => {
    const act = activity(stub, { text: QUESTION, id: 'act-personal-1' });
    const res = await h.post(act);
    expect(res.status).toBe(200);

    const [reply] = await stub.waitFor('reply');
    const conversationId = (act['conversation'] as { id: string }).id;
    // The reply goes to the exact Bot Connector route for replying to the question.
    expect(reply!.path).toBe(`/v3/conversations/${encodeURIComponent(conversationId)}/activities/act-personal-1`);
    expect(reply!.body['replyToId']).toBe('act-personal-1');
    expect(reply!.body['type']).toBe('message');
    expect(reply!.body['from']).toMatchObject({ id: BOT_ID });
    expect(reply!.body['attachments'][0].contentType).toBe(CARD_TYPE);

    const card = cardOf(reply!.body)!;
    expect(card['type']).toBe('AdaptiveCard');
    expect(['1.4', '1.5']).toContain(card['version']);
    const text = cardText(card);
    expect(text).toContain('0.5');
    expect(text).toContain('[1] [テスト用 支援策の資料 特別交付税措置 (令和5年12月27日)](https://example.invalid/support.pdf)');
    for (const b of card['body']) if (b.type === 'TextBlock') expect(b.wrap).toBe(true);

    const actions = card['actions'] as any[];
    expect(actions.map((a) => a.type)).toEqual(['Action.Submit', 'Action.Submit', 'Action.Submit', 'Action.Submit']);
    expect(actions.map((a) => a.title)).toEqual(['解決しました', '担当窓口に問い合わせる', '役に立った', '役に立たなかった']);
    expect(actions.map((a) => a.data.action)).toEqual(['resolved', 'escalate', 'feedback-helpful', 'feedback-unhelpful']);
    const answerId = actions[0].data.answerId as string;
    expect(new Set(actions.map((a) => a.data.answerId))).toEqual(new Set([answerId]));

    // The answer is on record with who asked and where (for votes, escalations and tickets).
    const record = await h.ctx.feedback.getAnswer(answerId);
    expect(record?.requester).toEqual({ platform: 'teams', userId: 'aad-29:user-1', channelId: conversationId });
    expect(record?.question).toBe(QUESTION);
  });

  test('a channel message that @mentions the bot is answered in its thread, with the mention removed', async () => {
    const act = activity(stub, { conversationType: 'channel', text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true, id: 'ch-1' });
    expect((await h.post(act)).status).toBe(200);
    const [reply] = await stub.waitFor('reply');
    const conversationId = (act['conversation'] as { id: string }).id;
    expect(reply!.conversationId).toBe(conversationId);
    expect(reply!.replyToId).toBe('ch-1');
    const card = cardOf(reply!.body)!;
    expect(cardText(card)).toContain('0.5');
    const answerId = card['actions'][0].data.answerId as string;
    // What the core was asked had no mention left in it.
    expect((await h.ctx.feedback.getAnswer(answerId))?.question).toBe(QUESTION);
  });

  test('channel and group chat messages without a mention of the bot get no reply', async () => {
    await h.post(activity(stub, { conversationType: 'channel', text: QUESTION }));
    await h.post(activity(stub, { conversationType: 'groupChat', text: QUESTION }));
    // A mention of someone else is not a mention of the bot.
    await h.post(
      activity(stub, {
        conversationType: 'channel',
        text: `<at>山田</at> ${QUESTION}`,
        extra: { entities: [{ type: 'mention', mentioned: { id: '29:someone-else', name: '山田' }, text: '<at>山田</at>' }] },
      }),
    );
    await sleep(QUIET_MS);
    expect(stub.calls).toHaveLength(0);
    // The same group chat question with a mention is answered: the silence above was the gate.
    await h.post(activity(stub, { conversationType: 'groupChat', text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true }));
    await stub.waitFor('reply');
  });

  test('a mention with no question, or 「ヘルプ」, gets the help text', async () => {
    await h.post(activity(stub, { conversationType: 'channel', text: `<at>${BOT_NAME}</at>&nbsp;`, mentionBot: true }));
    await h.post(activity(stub, { text: 'ヘルプ' }));
    const replies = await stub.waitFor('reply', 2);
    for (const r of replies) {
      expect(r.body['text']).toContain('テレワーク相談ボットです');
      // Markdown, so that the lines of a text message stay lines in the Teams client.
      expect(r.body['textFormat']).toBe('markdown');
      expect(r.body['attachments']).toBeUndefined();
    }
  });

  test('the same activity delivered twice is answered once', async () => {
    const act = activity(stub, { text: QUESTION, id: 'dup-1' });
    const [first, second] = await Promise.all([h.post(act), h.post(act)]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    await stub.waitFor('reply');
    // A later redelivery (Teams retries after a timeout) is ignored too.
    expect((await h.post(act)).status).toBe(200);
    await sleep(QUIET_MS);
    expect(stub.callsTo('reply')).toHaveLength(1);
  });

  test('a question over the size limit gets the core error text, not a card', async () => {
    await h.post(activity(stub, { text: 'テ'.repeat(2001) }));
    const [reply] = await stub.waitFor('reply');
    expect(reply!.body['text']).toBe(MESSAGES.tooLong.ja(2000));
    expect(reply!.body['attachments']).toBeUndefined();
  });

  test('broadcast mentions in a question never appear in anything sent to Teams', async () => {
    const nasty = '@everyone <!channel> <!here> @channel @here <at>everyone</at> 特別交付税の措置率は? @everyone';
    await h.post(activity(stub, { text: nasty }));
    await h.post(activity(stub, { conversationType: 'channel', text: `<at>${BOT_NAME}</at> ${nasty}`, mentionBot: true }));
    // Over-long: the core's error path must be clean too.
    await h.post(activity(stub, { text: `@everyone ${'テ'.repeat(2001)}` }));
    const replies = await stub.waitFor('reply', 3);
    // The answers are real answers (the filter did not just blank them out).
    expect(replies.filter((r) => cardOf(r.body) !== undefined)).toHaveLength(2);
    for (const call of stub.calls) {
      for (const forbidden of ['@everyone', '<!channel>', '<!here>', '@channel', '@here', '<at>everyone</at>']) {
        expect(call.raw).not.toContain(forbidden);
      }
      expect(JSON.stringify(call.body['entities'] ?? [])).not.toContain('mention');
    }
    // The stored question is defused as well.
    const answerId = cardOf(replies.find((r) => cardOf(r.body))!.body)!['actions'][0].data.answerId as string;
    expect((await h.ctx.feedback.getAnswer(answerId))?.question).not.toContain('@everyone');
  });

  test('adding the bot to a chat sends a welcome with the help; other members joining do not', async () => {
    await h.post(activity(stub, { type: 'conversationUpdate', extra: { membersAdded: [{ id: '29:someone' }] } }));
    await sleep(QUIET_MS);
    expect(stub.calls).toHaveLength(0);
    await h.post(activity(stub, { type: 'conversationUpdate', extra: { membersAdded: [{ id: BOT_ID }] } }));
    const [welcome] = await stub.waitFor((c) => c.route === 'reply' || c.route === 'send');
    expect(welcome!.body['text']).toContain('テレワーク相談ボットを追加いただきありがとうございます');
  });
});

describe('Teams answers that go wrong or take long', () => {
  test('an error while answering is logged with personal data redacted, and the person gets an apology', async () => {
    await h.close();
    const { lines, sink } = logSink();
    const broken = Object.create(bot) as TeleworkBot;
    broken.reply = async () => {
      throw new Error('index exploded for 山田太郎さん 090-1234-5678');
    };
    h = await startTeamsHarness({ bot: broken, logger: createLogger({ level: 'error' }, sink) });
    const res = await h.post(activity(stub, { text: QUESTION }));
    expect(res.status).toBe(200);
    const [reply] = await stub.waitFor('reply');
    expect(reply!.body['text']).toBe(MESSAGES.error.ja);
    const log = lines.join('');
    expect(log).toContain('teams answer failed');
    expect(log).toContain('index exploded');
    expect(log).not.toContain('090-1234-5678');
    expect(log).not.toContain('山田太郎');
    // And the server still answers the next question.
    await h.close();
    h = await startTeamsHarness({ bot });
    await h.post(activity(stub, { text: QUESTION }));
    await stub.waitFor((c) => cardOf(c.body) !== undefined);
  });

  test('an answer slower than the turn budget ends the turn and is delivered proactively as a reply', async () => {
    await h.close();
    const slow = Object.create(bot) as TeleworkBot;
    slow.reply = async (q, o) => {
      await sleep(1500);
      return bot.reply(q, o);
    };
    h = await startTeamsHarness({ bot: slow, adapters: async (ctx) => [await createTeamsAdapterWith(ctx, { answerBudgetMs: 100 })] });
    const act = activity(stub, { text: QUESTION, id: 'slow-1' });
    const started = performance.now();
    const res = await h.post(act);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1200);
    expect(stub.calls).toHaveLength(0);
    const [reply] = await stub.waitFor('reply', 1, 5000);
    expect(reply!.replyToId).toBe('slow-1');
    expect(reply!.conversationId).toBe((act['conversation'] as { id: string }).id);
    expect(cardText(cardOf(reply!.body)!)).toContain('0.5');
  });

  test('an answer that takes more than a second shows "typing…" first, then arrives within the turn', async () => {
    await h.close();
    const slow = Object.create(bot) as TeleworkBot;
    slow.reply = async (q, o) => {
      await sleep(1600);
      return bot.reply(q, o);
    };
    h = await startTeamsHarness({ bot: slow, adapters: async (ctx) => [await createTeamsAdapterWith(ctx, { answerBudgetMs: 5000 })] });
    const res = await h.post(activity(stub, { text: QUESTION, id: 'typing-1' }));
    // The HTTP turn waited for the answer: both were sent before it ended.
    expect(res.status).toBe(200);
    expect(stub.calls.map((c) => c.body['type'])).toEqual(['typing', 'message']);
    expect(stub.calls.every((c) => c.replyToId === 'typing-1')).toBe(true);
    expect(cardOf(stub.calls[1]!.body)).toBeDefined();
  });

  test('stop() waits for a late answer and then refuses new activities with 503', async () => {
    await h.close();
    const slow = Object.create(bot) as TeleworkBot;
    slow.reply = async (q, o) => {
      await sleep(1000);
      return bot.reply(q, o);
    };
    h = await startTeamsHarness({ bot: slow, adapters: async (ctx) => [await createTeamsAdapterWith(ctx, { answerBudgetMs: 50 })] });
    expect((await h.post(activity(stub, { text: QUESTION }))).status).toBe(200);
    expect(stub.calls).toHaveLength(0);
    await h.adapters[0]!.stop();
    // The drained answer was sent before stop() returned.
    expect(stub.callsTo('reply')).toHaveLength(1);
    const refused = await h.post(activity(stub, { text: QUESTION }));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ error: 'shutting down' });
  });
});
