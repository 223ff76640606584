import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { lineworksSignature } from '../../adapters/lineworks/index.js';
import { decodePostback } from '../../adapters/lineworks/postback.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { LineWorksApiStub, LineWorksCall } from '../support/lineworks-api-stub.js';
import { BOT_ID, BOT_NAME, CLIENT_ID, SERVICE_ACCOUNT, type LineWorksHarness, postbackEvent, startLineWorksHarness, startStub, textEvent } from './harness.js';

/**
 * Callbacks end to end: the real express app and adapter, signed callbacks on loopback, the
 * LINE WORKS token endpoint and Bot API replaced by the recording stand-in.
 */

const QUESTION = '特別交付税の措置率は?';

let bot: TeleworkBot;
let stub: LineWorksApiStub;
let h: LineWorksHarness;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startStub();
});
afterAll(async () => {
  await stub?.close();
});
beforeEach(async () => {
  stub.reset();
  stub.expiresIn = '86400';
  stub.tokenDelayMs = 0;
  h = await startLineWorksHarness({ bot, stub });
});
afterEach(async () => {
  await h?.close();
});

const toUser = (userId: string) => (c: LineWorksCall) => c.to !== undefined && 'userId' in c.to && c.to.userId === userId;

describe('a 1:1 question', () => {
  test('a signed text callback from U1 gets one message with the answer and its numbered sources', async () => {
    const res = await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    expect(res.status).toBe(200);
    const messages = stub.messages();
    expect(messages).toHaveLength(1);
    const m = messages[0]!;
    expect(m.path).toBe(`/v1.0/bots/${BOT_ID}/users/U1/messages`);
    expect(m.headers.authorization).toMatch(/^Bearer stub-token-\d+$/);
    const content = m.body['content'];
    expect(content.type).toBe('text');
    const { reply } = await bot.reply(QUESTION);
    expect(content.text).toContain(reply.text.slice(0, 20));
    expect(content.text).toContain('出典');
    expect(content.text).toMatch(/\[1\] テスト用 支援策の資料/);
    expect(content.text).toContain('https://example.invalid/support.pdf');
    expect(content.text.length).toBeLessThanOrEqual(2000);
    // The answer's buttons as quick replies (postback actions carrying the answer id).
    const items = content.quickReply.items as Array<{ action: { type: string; label: string; data: string; displayText: string } }>;
    expect(items.map((i) => i.action.label)).toEqual(expect.arrayContaining(['解決しました', '役に立った', '役に立たなかった']));
    for (const i of items) {
      expect(i.action.type).toBe('postback');
      expect(i.action.label.length).toBeLessThanOrEqual(20);
      expect(i.action.displayText).toBe(i.action.label);
      expect(decodePostback(i.action.data)).not.toBeNull();
    }
  });

  test('the token is a JWT signed RS256 with the app key, exchanged with the bot scope', async () => {
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    const [call] = stub.tokenCalls();
    expect(call?.status).toBe(200);
    expect(call?.assertion).toMatchObject({ alg: 'RS256', claims: { iss: CLIENT_ID, sub: SERVICE_ACCOUNT } });
    const claims = (call!.assertion as { claims: { iat: number; exp: number } }).claims;
    // LINE WORKS accepts assertions valid for at most an hour.
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(3600);
    expect(call?.body).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', client_id: CLIENT_ID, scope: 'bot' });
  });

  test('a vote by quick reply is recorded once per person and thanked privately', async () => {
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    const items = stub.messages()[0]!.body['content'].quickReply.items as Array<{ action: { label: string; data: string } }>;
    const helpful = items.find((i) => i.action.label === '役に立った')!.action.data;
    stub.reset();
    await h.deliver(postbackEvent({ userId: 'U1', data: helpful }));
    await h.deliver(postbackEvent({ userId: 'U1', data: helpful }));
    expect(stub.messages().map((m) => [m.path, m.body['content'].text])).toEqual([
      [`/v1.0/bots/${BOT_ID}/users/U1/messages`, MESSAGES.feedbackThanks.ja],
      [`/v1.0/bots/${BOT_ID}/users/U1/messages`, MESSAGES.alreadyRecorded.ja],
    ]);
  });

  test('without tickets, 「担当窓口に問い合わせる」 records the request once per person', async () => {
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    const items = stub.messages()[0]!.body['content'].quickReply.items as Array<{ action: { label: string; data: string } }>;
    const escalate = items.find((i) => i.action.label === '担当窓口に問い合わせる');
    expect(escalate).toBeDefined();
    stub.reset();
    await h.deliver(postbackEvent({ userId: 'U1', data: escalate!.action.data }));
    await h.deliver(postbackEvent({ userId: 'U1', data: escalate!.action.data }));
    const texts = stub.messages(toUser('U1')).map((m) => m.body['content'].text as string);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('お問い合わせの依頼を受け付けました');
    expect(texts[1]).toBe(MESSAGES.alreadyRecorded.ja);
    const answerId = decodePostback(escalate!.action.data)!.answerId;
    const recorded = (await h.ctx.feedback.listEscalationRequests()).filter((r) => r.answerId === answerId);
    expect(recorded.map((r) => r.requester)).toEqual([{ platform: 'lineworks', userId: 'U1' }]);
  });

  test('a postback for an answer that is not on record says so', async () => {
    await h.deliver(postbackEvent({ userId: 'U1', data: 'tw1|feedback-helpful|00000000-0000-0000-0000-000000000000|ja' }));
    expect(stub.messages(toUser('U1')).map((m) => m.body['content'].text)).toEqual([MESSAGES.answerExpired.ja]);
  });

  test('an empty message or a sticker gets the help, naming how to address the bot', async () => {
    await h.deliver({ type: 'message', source: { userId: 'U2', domainId: 1 }, issuedTime: new Date().toISOString(), content: { type: 'sticker', packageId: '1', stickerId: '2' } });
    const [m] = stub.messages(toUser('U2'));
    expect(m?.body['content'].text).toContain(`@${BOT_NAME}`);
  });
});

describe('signatures', () => {
  const body = () => JSON.stringify(textEvent({ userId: 'U1', text: QUESTION }));

  test.each([
    ['a forged signature', (b: string) => ({ 'x-works-signature': lineworksSignature(b, 'not-the-secret') })],
    ['a missing signature', () => ({ 'x-works-signature': undefined })],
    ['a signature of other bytes', (b: string) => ({ 'x-works-signature': lineworksSignature(`${b} `, 'bot-secret-for-tests-0123456789') })],
    ['garbage in the header', () => ({ 'x-works-signature': '!!!not base64!!!' })],
    ['another bot id', () => ({ 'x-works-botid': '9999999' })],
    ['no bot id', () => ({ 'x-works-botid': undefined })],
  ])('%s gets 401 and nothing is posted', async (_name, headers) => {
    const b = body();
    const res = await h.post(b, headers(b));
    expect(res.status).toBe(401);
    await h.adapter.idle();
    expect(stub.calls).toEqual([]);
  });

  test('a signed body that is not a callback gets 400 and nothing is posted', async () => {
    const res = await h.post({ type: 'message', source: { userId: 'U1' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/content/);
    await h.adapter.idle();
    expect(stub.calls).toEqual([]);
  });
});

describe('rooms', () => {
  test('a room message that does not mention the bot is not answered; a mention is, in the room', async () => {
    await h.deliver(textEvent({ userId: 'U1', channelId: 'R1', text: QUESTION }));
    expect(stub.calls).toEqual([]);
    await h.deliver(textEvent({ userId: 'U1', channelId: 'R1', text: `@${BOT_NAME} ${QUESTION}` }));
    await h.deliver(textEvent({ userId: 'U1', channelId: 'R1', text: `<m userId="${BOT_ID}"> ${QUESTION}` }));
    const messages = stub.messages();
    expect(messages.map((m) => m.path)).toEqual([`/v1.0/bots/${BOT_ID}/channels/R1/messages`, `/v1.0/bots/${BOT_ID}/channels/R1/messages`]);
    expect(messages[0]!.body['content'].text).toContain('出典');
  });

  test('invited to a room, the bot says how to address it there; other events are acknowledged quietly', async () => {
    expect((await h.deliver({ type: 'join', source: { channelId: 'R9', domainId: 1 }, issuedTime: new Date().toISOString() })).status).toBe(200);
    expect((await h.deliver({ type: 'joined', source: { channelId: 'R9', domainId: 1 }, members: ['U1'], issuedTime: new Date().toISOString() })).status).toBe(200);
    const messages = stub.messages();
    expect(messages.map((m) => m.path)).toEqual([`/v1.0/bots/${BOT_ID}/channels/R9/messages`]);
    expect(messages[0]!.body['content'].text).toContain(`@${BOT_NAME}`);
  });

  test('nothing the bot sends can mention the whole room', async () => {
    await h.deliver(textEvent({ userId: 'U1', channelId: 'R1', text: `@${BOT_NAME} <m userId="all"> @All @channel` }));
    await h.deliver(textEvent({ userId: 'U1', text: `<m <m userId="x">userId="all"> 特別交付税 @All` }));
    const raw = stub.messages().map((m) => m.raw);
    expect(raw.length).toBeGreaterThan(0);
    for (const r of raw) {
      expect(r).not.toMatch(/<m\s/i);
      expect(r).not.toMatch(/@All/);
      expect(r).not.toMatch(/@channel/);
    }
  });
});

describe('redelivery', () => {
  test('the same callback delivered twice is answered once', async () => {
    const b = JSON.stringify(textEvent({ userId: 'U3', text: QUESTION }));
    expect((await h.post(b)).status).toBe(200);
    expect((await h.post(b)).status).toBe(200);
    await h.adapter.idle();
    expect(stub.messages(toUser('U3'))).toHaveLength(1);
  });
});

describe('the access token', () => {
  test('ten answers in a row fetch the token once', async () => {
    for (let i = 0; i < 10; i++) await h.deliver(textEvent({ userId: `U${i}`, text: QUESTION }));
    expect(stub.messages()).toHaveLength(10);
    expect(stub.tokenCalls()).toHaveLength(1);
  });

  test('many sends at once share one refresh', async () => {
    stub.tokenDelayMs = 200;
    await Promise.all(Array.from({ length: 8 }, (_, i) => h.post(textEvent({ userId: `C${i}`, text: QUESTION }))));
    await h.adapter.idle();
    expect(stub.messages()).toHaveLength(8);
    expect(stub.tokenCalls()).toHaveLength(1);
  });

  test('429 and 5xx from the token endpoint and the API are retried; the message goes out once', async () => {
    stub.failNext('token', 503);
    stub.failNext('token', 429, 1, { 'retry-after': '0' });
    stub.failNext('message', 500);
    stub.failNext('message', 429, 1, { 'retry-after': '0' });
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    expect(stub.tokenCalls().map((c) => c.status)).toEqual([503, 429, 200]);
    expect(stub.calls.filter((c) => c.route === 'message').map((c) => c.status)).toEqual([500, 429, 201]);
    expect(stub.messages()).toHaveLength(1);
  });

  test('a token the API refuses (401) is replaced once and the message sent', async () => {
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    const first = stub.messages(toUser('U1'))[0]!.headers.authorization;
    stub.revokeTokens();
    await h.deliver(textEvent({ userId: 'U2', text: QUESTION }));
    expect(stub.tokenCalls()).toHaveLength(2);
    expect(stub.calls.filter((c) => c.route === 'message' && toUser('U2')(c)).map((c) => c.status)).toEqual([401, 201]);
    expect(stub.messages(toUser('U2'))[0]!.headers.authorization).not.toBe(first);
  });

  test('a 4xx other than 401 and 429 is not retried; the person gets an apology instead', async () => {
    stub.failNext('message', 400);
    await h.deliver(textEvent({ userId: 'U1', text: QUESTION }));
    const statuses = stub.calls.filter((c) => c.route === 'message').map((c) => c.status);
    // The answer failed once (400, not retried); the apology that followed went out.
    expect(statuses).toEqual([400, 201]);
    expect(stub.messages()[0]!.body['content'].text).toBe(MESSAGES.error.ja);
  });
});
