import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ACTION_IDS } from '../../adapters/slack/blocks.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import { createLogger } from '../../src/logging/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';
import { type Harness, allStrings, buttonPayload, envelope, newTs, sleep, startHarness } from './harness.js';

const QUESTION = '特別交付税の措置率は?';
/** After "nothing more should be posted", how long to keep watching. */
const QUIET_MS = 300;

let bot: TeleworkBot;
let stub: SlackApiStub;
let h: Harness;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startSlackApiStub();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(async () => {
  stub.reset();
  h = await startHarness({ bot, stub });
});
afterEach(async () => {
  await h.close();
});

const mention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: 'U1',
  text,
  ts: newTs(),
  channel: 'C1',
  event_ts: '1',
  ...extra,
});

const blocksOf = (body: Record<string, any>): any[] => body['blocks'] as any[];
const sectionText = (body: Record<string, any>): string =>
  blocksOf(body)
    .filter((b) => b.type === 'section')
    .map((b) => b.text.text)
    .join('\n');

describe('Slack Events API', () => {
  test('answers while the store cannot serve (no dedupe, no answer record): the answer, not an error notice', async () => {
    const store = new MemoryStore();
    const down = await startHarness({ bot, stub, store });
    try {
      await store.close();
      expect((await down.event(mention(`<@UBOT> ${QUESTION}`))).status).toBe(200);
      const [post] = await stub.waitFor('chat.postMessage');
      expect(sectionText(post!.body)).toContain('0.5');
      expect(allStrings(post!.body).join('\n')).not.toContain(MESSAGES.error.ja);
    } finally {
      await down.close();
    }
  });

  test('an app_mention is acknowledged at once and answered in its thread with sources and buttons', async () => {
    const ev = mention(`<@UBOT> ${QUESTION}`);
    const started = performance.now();
    const res = await h.event(ev);
    const ackMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(1000);

    const [post] = await stub.waitFor('chat.postMessage');
    const body = post!.body;
    expect(body['channel']).toBe('C1');
    expect(body['thread_ts']).toBe(ev.ts);
    expect(post!.headers['authorization']).toBe('Bearer xoxb-test');
    expect(sectionText(body)).toContain('0.5');
    expect(body['text']).toContain('0.5');
    expect(body['link_names']).toBeUndefined();

    const contexts = blocksOf(body).filter((b) => b.type === 'context');
    const sourceTexts = contexts.flatMap((c) => c.elements.map((e: any) => e.text));
    expect(sourceTexts.some((t: string) => t.startsWith('<https://example.invalid/support.pdf|[1] テスト用 支援策の資料 特別交付税措置 (令和5年12月27日)>'))).toBe(true);

    const actions = blocksOf(body).find((b) => b.type === 'actions');
    const ids = actions.elements.map((e: any) => e.action_id);
    expect(ids).toEqual([ACTION_IDS.resolved, ACTION_IDS.escalate, ACTION_IDS['feedback-helpful'], ACTION_IDS['feedback-unhelpful']]);
    const answerId = actions.elements[0].value as string;
    expect(new Set(actions.elements.map((e: any) => e.value))).toEqual(new Set([answerId]));

    // The answer is on record with who asked and where.
    const record = await h.feedback.getAnswer(answerId);
    expect(record?.requester).toEqual({ platform: 'slack', userId: 'U1', channelId: 'C1', threadId: ev.ts });
    expect(record?.question).toBe(QUESTION);
  });

  test('acknowledges before answering even when answering is slow', async () => {
    await h.close();
    const slow = Object.create(bot) as TeleworkBot;
    slow.reply = async (q, o) => {
      await sleep(1200);
      return bot.reply(q, o);
    };
    h = await startHarness({ bot: slow, stub });
    const started = performance.now();
    const res = await h.event(mention(`<@UBOT> ${QUESTION}`));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(800);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(0);
    await stub.waitFor('chat.postMessage', 1, 5000);
  });

  test('a follow-up in a thread the bot answered is answered; other threads are left alone', async () => {
    const ev = mention(`<@UBOT> ${QUESTION}`);
    await h.event(ev);
    await stub.waitFor('chat.postMessage', 1);

    const followUp = { type: 'message', channel_type: 'channel', channel: 'C1', user: 'U2', text: 'テレワークの導入経費の特別交付税は?', ts: newTs(), thread_ts: ev.ts };
    expect((await h.event(followUp)).status).toBe(200);
    const posts = await stub.waitFor('chat.postMessage', 2);
    expect(posts[1]!.body['thread_ts']).toBe(ev.ts);
    expect(posts[1]!.body['channel']).toBe('C1');

    // A reply in a thread the bot never answered, and a plain channel message, are not for the bot.
    await h.event({ ...followUp, ts: newTs(), thread_ts: '1600000000.000001' });
    await h.event({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U2', text: QUESTION, ts: newTs() });
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(2);
  });

  test('a mention inside a followed thread is answered once although it arrives as two events', async () => {
    const root = mention(`<@UBOT> ${QUESTION}`);
    await h.event(root);
    await stub.waitFor('chat.postMessage', 1);
    const ts = newTs();
    const text = `<@UBOT> ${QUESTION}`;
    await Promise.all([
      h.event({ type: 'app_mention', user: 'U1', text, ts, thread_ts: root.ts, channel: 'C1' }),
      h.event({ type: 'message', channel_type: 'channel', user: 'U1', text, ts, thread_ts: root.ts, channel: 'C1' }),
    ]);
    await stub.waitFor('chat.postMessage', 2);
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(2);
  });

  test('a direct message is answered in the DM', async () => {
    const res = await h.event({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U3', text: QUESTION, ts: newTs() });
    expect(res.status).toBe(200);
    const [post] = await stub.waitFor('chat.postMessage');
    expect(post!.body['channel']).toBe('D1');
    expect(post!.body['thread_ts']).toBeUndefined();
    expect(sectionText(post!.body)).toContain('0.5');
  });

  test('a forged signature is refused with 401 and nothing is posted', async () => {
    const body = JSON.stringify(envelope(mention(`<@UBOT> ${QUESTION}`)));
    const res = await h.post(body, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    // A valid signature over a different body is forged too.
    const ts = Math.floor(Date.now() / 1000);
    const other = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await import('../support/slack-sign.js')).signSlackRequest('test-secret', '{}', ts),
      },
      body,
    });
    expect(other.status).toBe(401);
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(0);
  });

  test('a stale timestamp (more than 5 minutes old) is refused and nothing is posted', async () => {
    const body = JSON.stringify(envelope(mention(`<@UBOT> ${QUESTION}`)));
    const res = await h.post(body, { ts: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(0);
  });

  test('a retried event (same event_id, X-Slack-Retry-Num) is answered once', async () => {
    const ev = mention(`<@UBOT> ${QUESTION}`);
    expect((await h.event(ev, { eventId: 'EvRETRY1' })).status).toBe(200);
    await stub.waitFor('chat.postMessage', 1);
    const retry = await h.event(ev, { eventId: 'EvRETRY1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('broadcast mentions in a question never appear in anything the bot sends', async () => {
    const nasty = '<!channel> <!here> <!everyone> <!subteam^S123|@team> @everyone @channel @here 特別交付税の措置率は?';
    await h.event(mention(`<@UBOT> ${nasty}`));
    await h.event({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U3', text: nasty, ts: newTs() });
    await h.command({ command: '/telework', text: nasty, user_id: 'U1', channel_id: 'C1', response_url: stub.responseUrl('bc') });
    await stub.waitFor('chat.postMessage', 2);
    const [ephemeral] = await stub.waitFor('response_url', 1);
    // Share the slash-command answer (it echoes the question) to the channel.
    const answerId = blocksOf(ephemeral!.body).find((b) => b.type === 'actions').elements[0].value as string;
    await h.action(buttonPayload({ actionId: 'tw_share', answerId, responseUrl: stub.responseUrl('bc2'), ephemeral: true }));
    await stub.waitFor('chat.postMessage', 3);

    expect(stub.calls.length).toBeGreaterThanOrEqual(4);
    for (const call of stub.calls) {
      for (const forbidden of ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '@everyone', '@channel', '@here']) {
        expect(call.raw).not.toContain(forbidden);
        for (const s of allStrings(call.body)) expect(s).not.toContain(forbidden);
      }
      expect(call.body['link_names']).toBeUndefined();
    }
    // The echoed question is still shown, just defused.
    const shared = stub.callsTo('chat.postMessage')[2]!;
    expect(JSON.stringify(shared.body['blocks'])).toContain('特別交付税の措置率は?');
  });

  test("the bot's own messages and other bots' messages are ignored", async () => {
    const base = { type: 'message', channel_type: 'im', channel: 'D1', text: QUESTION };
    await h.event({ ...base, user: 'UBOT', ts: newTs() });
    await h.event({ ...base, subtype: 'bot_message', bot_id: 'BOTHER', ts: newTs() });
    await h.event({ ...base, user: 'U9', bot_id: 'BOTHER', ts: newTs() });
    await h.event({ ...base, subtype: 'message_changed', ts: newTs(), message: { user: 'U1', text: QUESTION } });
    await h.event({ type: 'app_mention', user: 'U9', bot_id: 'BOTHER', text: `<@UBOT> ${QUESTION}`, ts: newTs(), channel: 'C1' });
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(0);
  });

  test('an empty mention gets the help text', async () => {
    await h.event(mention('<@UBOT>  '));
    const [post] = await stub.waitFor('chat.postMessage');
    expect(post!.body['text']).toContain('/telework');
    expect(blocksOf(post!.body).some((b) => b.type === 'actions')).toBe(false);
  });

  test('a failure while answering is logged and the person gets the error message in the thread', async () => {
    await h.close();
    const broken = Object.create(bot) as TeleworkBot;
    broken.reply = async () => {
      throw new Error('index exploded');
    };
    h = await startHarness({ bot: broken, stub });
    const ev = mention(`<@UBOT> ${QUESTION}`);
    expect((await h.event(ev)).status).toBe(200);
    const [post] = await stub.waitFor('chat.postMessage');
    expect(post!.body['thread_ts']).toBe(ev.ts);
    expect(post!.body['text']).toBe(MESSAGES.error.ja);
    // The adapter still works afterwards.
    expect((await h.event(mention('<@UBOT>'))).status).toBe(200);
    await stub.waitFor('chat.postMessage', 2);
  });

  test('errors are logged with personal data redacted', async () => {
    await h.close();
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const broken = Object.create(bot) as TeleworkBot;
    broken.reply = async (q) => {
      throw new Error(`cannot answer: ${q}`);
    };
    h = await startHarness({ bot: broken, stub, logger });
    await h.event({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U3', text: '090-1234-5678 に電話してよいですか', ts: newTs() });
    const [post] = await stub.waitFor('chat.postMessage');
    expect(post!.body['text']).toBe(MESSAGES.error.ja);
    const failure = lines.map((l) => JSON.parse(l)).find((r) => r.msg === 'slack answer failed');
    expect(failure).toBeDefined();
    expect(failure.level).toBe(50);
    expect(JSON.stringify(failure)).toContain('cannot answer');
    expect(lines.join('\n')).not.toContain('090-1234-5678');
  });

  test('the url_verification handshake is answered', async () => {
    const res = await h.post(JSON.stringify({ token: 'x', challenge: 'abc123', type: 'url_verification' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });
});

describe('Slack slash command', () => {
  test('/telework is acknowledged and answered ephemerally with a share button that posts to the channel', async () => {
    const started = performance.now();
    const res = await h.command({ command: '/telework', text: QUESTION, user_id: 'U1', channel_id: 'C7', response_url: stub.responseUrl('cmd') });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);

    const [resp] = await stub.waitFor('response_url');
    expect(resp!.path).toBe('/response/cmd');
    expect(resp!.body['response_type']).toBe('ephemeral');
    expect(sectionText(resp!.body)).toContain('0.5');
    const actions = blocksOf(resp!.body).find((b) => b.type === 'actions');
    const share = actions.elements.find((e: any) => e.action_id === 'tw_share');
    expect(share.text.text).toBe('チャンネルに投稿');
    const answerId = share.value as string;
    expect((await h.feedback.getAnswer(answerId))?.requester).toEqual({ platform: 'slack', userId: 'U1', channelId: 'C7' });

    // 「チャンネルに投稿」: posted once to the channel, with the question shown.
    const press = buttonPayload({ actionId: 'tw_share', answerId, channel: 'C7', responseUrl: stub.responseUrl('share'), ephemeral: true });
    expect((await h.action(press)).status).toBe(200);
    const [post] = await stub.waitFor('chat.postMessage');
    expect(post!.body['channel']).toBe('C7');
    expect(post!.body['thread_ts']).toBeUndefined();
    expect(JSON.stringify(post!.body['blocks'])).toContain(QUESTION);
    expect(blocksOf(post!.body).find((b) => b.type === 'actions').elements.map((e: any) => e.action_id)).not.toContain('tw_share');
    const confirm = (await stub.waitFor('response_url', 2))[1]!;
    expect(confirm.body['replace_original']).toBe(true);

    // A second press does not post again.
    await h.action(press);
    await stub.waitFor('response_url', 3);
    await sleep(QUIET_MS);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(1);

    // The shared post starts a thread the bot follows.
    await h.event({ type: 'message', channel_type: 'channel', channel: 'C7', user: 'U2', text: QUESTION, ts: newTs(), thread_ts: post!.response['ts'] });
    const posts = await stub.waitFor('chat.postMessage', 2);
    expect(posts[1]!.body['channel']).toBe('C7');
  });

  test('sharing to a channel the bot is not in tells the person so, and can be retried', async () => {
    await h.command({ command: '/telework', text: QUESTION, user_id: 'U1', channel_id: 'C8', response_url: stub.responseUrl('c8') });
    const [resp] = await stub.waitFor('response_url');
    const answerId = blocksOf(resp!.body).find((b) => b.type === 'actions').elements[0].value as string;
    stub.failNext('chat.postMessage', 'not_in_channel');
    const press = buttonPayload({ actionId: 'tw_share', answerId, channel: 'C8', responseUrl: stub.responseUrl('c8s'), ephemeral: true });
    await h.action(press);
    const notices = await stub.waitFor('response_url', 2);
    expect(notices[1]!.body['text']).toContain('ボットをこのチャンネルに追加');
    await h.action(press);
    await stub.waitFor('chat.postMessage', 2);
    expect(stub.callsTo('chat.postMessage')[1]!.body['channel']).toBe('C8');
  });

  test('an empty /telework gets the help text', async () => {
    await h.command({ command: '/telework', text: '  ', user_id: 'U1', channel_id: 'C1', response_url: stub.responseUrl('empty') });
    const [resp] = await stub.waitFor('response_url');
    expect(resp!.body['response_type']).toBe('ephemeral');
    expect(resp!.body['text']).toContain('/telework');
  });
});

describe('Slack buttons', () => {
  async function answerInThread(): Promise<{ answerId: string; messageTs: string; threadTs: string }> {
    const ev = mention(`<@UBOT> ${QUESTION}`);
    await h.event(ev);
    const [post] = await stub.waitFor('chat.postMessage');
    const actions = blocksOf(post!.body).find((b) => b.type === 'actions');
    return { answerId: actions.elements[0].value as string, messageTs: post!.response['ts'] as string, threadTs: ev.ts };
  }

  test('「役に立った」 records the vote once and thanks the person ephemerally', async () => {
    const { answerId, messageTs, threadTs } = await answerInThread();
    const press = buttonPayload({ actionId: ACTION_IDS['feedback-helpful'], answerId, user: 'U5', messageTs, threadTs, responseUrl: stub.responseUrl('v') });
    expect((await h.action(press)).status).toBe(200);
    const [thanks] = await stub.waitFor('chat.postEphemeral');
    expect(thanks!.body['user']).toBe('U5');
    expect(thanks!.body['channel']).toBe('C1');
    expect(thanks!.body['thread_ts']).toBe(threadTs);
    expect(thanks!.body['text']).toBe(MESSAGES.feedbackThanks.ja);
    const votes = await h.feedback.listVotes();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ answerId, vote: 'helpful', requester: { platform: 'slack', userId: 'U5', channelId: 'C1', threadId: threadTs } });

    await h.action(press);
    const again = await stub.waitFor('chat.postEphemeral', 2);
    expect(again[1]!.body['text']).toBe(MESSAGES.alreadyRecorded.ja);
    expect(await h.feedback.listVotes()).toHaveLength(1);
  });

  test('「解決しました」 records a resolved vote', async () => {
    const { answerId, messageTs, threadTs } = await answerInThread();
    await h.action(buttonPayload({ actionId: ACTION_IDS.resolved, answerId, messageTs, threadTs, responseUrl: stub.responseUrl('r') }));
    const [thanks] = await stub.waitFor('chat.postEphemeral');
    expect(thanks!.body['text']).toBe(MESSAGES.resolvedThanks.ja);
    expect((await h.feedback.listVotes())[0]?.vote).toBe('resolved');
  });

  test('「担当窓口に問い合わせる」 records the request and says so in the thread, once', async () => {
    const { answerId, messageTs, threadTs } = await answerInThread();
    const press = buttonPayload({ actionId: ACTION_IDS.escalate, answerId, user: 'U6', messageTs, threadTs, responseUrl: stub.responseUrl('e') });
    await h.action(press);
    const posts = await stub.waitFor('chat.postMessage', 2);
    expect(posts[1]!.body['thread_ts']).toBe(threadTs);
    expect(posts[1]!.body['text']).toBe(MESSAGES.escalationRecorded.ja(bot.office('hr')!));
    const requests = await h.feedback.listEscalationRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ answerId, route: 'hr', question: QUESTION, requester: { platform: 'slack', userId: 'U6', channelId: 'C1', threadId: threadTs } });

    await h.action(press);
    const [again] = await stub.waitFor('chat.postEphemeral');
    expect(again!.body['text']).toBe(MESSAGES.alreadyRecorded.ja);
    expect(await h.feedback.listEscalationRequests()).toHaveLength(1);
    expect(stub.callsTo('chat.postMessage')).toHaveLength(2);
  });

  test('「担当窓口に問い合わせる」 in a DM answers in the DM, not in a new thread', async () => {
    await h.event({ type: 'message', channel_type: 'im', channel: 'D4', user: 'U4', text: QUESTION, ts: newTs() });
    const [post] = await stub.waitFor('chat.postMessage');
    const answerId = blocksOf(post!.body).find((b) => b.type === 'actions').elements[0].value as string;
    const payload = buttonPayload({ actionId: ACTION_IDS.escalate, answerId, user: 'U4', channel: 'D4', messageTs: post!.response['ts'], responseUrl: stub.responseUrl('dm') });
    await h.action(payload);
    const posts = await stub.waitFor('chat.postMessage', 2);
    expect(posts[1]!.body['channel']).toBe('D4');
    expect(posts[1]!.body['thread_ts']).toBeUndefined();
    expect((await h.feedback.listEscalationRequests())[0]?.requester).toEqual({ platform: 'slack', userId: 'U4', channelId: 'D4' });
  });

  test('a button on an unknown or expired answer says the answer has expired', async () => {
    await h.action(buttonPayload({ actionId: ACTION_IDS['feedback-helpful'], answerId: 'no-such-answer', messageTs: newTs(), threadTs: newTs(), responseUrl: stub.responseUrl('x') }));
    const [notice] = await stub.waitFor('chat.postEphemeral');
    expect(notice!.body['text']).toBe(MESSAGES.answerExpired.ja);
    await h.action(buttonPayload({ actionId: ACTION_IDS.escalate, answerId: 'no-such-answer', responseUrl: stub.responseUrl('y'), ephemeral: true }));
    const [viaUrl] = await stub.waitFor('response_url');
    expect(viaUrl!.body['text']).toBe(MESSAGES.answerExpired.ja);
    expect(await h.feedback.listVotes()).toHaveLength(0);
    expect(await h.feedback.listEscalationRequests()).toHaveLength(0);
  });

  test('a forged button press is refused', async () => {
    const { answerId } = await answerInThread();
    const body = new URLSearchParams({ payload: JSON.stringify(buttonPayload({ actionId: ACTION_IDS['feedback-helpful'], answerId, responseUrl: stub.responseUrl('f') })) }).toString();
    const res = await h.post(body, { contentType: 'application/x-www-form-urlencoded', secret: 'wrong' });
    expect(res.status).toBe(401);
    await sleep(QUIET_MS);
    expect(await h.feedback.listVotes()).toHaveLength(0);
  });
});
