import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { ConnectorStub } from '../support/connector-stub.js';
import { BOT_ID, BOT_NAME, QUESTION, type TeamsHarness, activity, startTeamsHarness, useBotAndStub } from './harness.js';

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

async function converse(o: Parameters<typeof activity>[1]): Promise<string> {
  const act = activity(stub, o);
  await h.post(act);
  await stub.waitFor('reply');
  stub.reset();
  return (act['conversation'] as { id: string }).id;
}

describe('Teams messenger (proactive messages for tickets and reminders)', () => {
  test('is registered for the teams platform', () => {
    expect(h.ctx.messengers.has('teams')).toBe(true);
  });

  test('a message to a conversation the bot has seen is a new post in it (no reply-to)', async () => {
    const conversationId = await converse({ text: QUESTION });
    await h.ctx.messengers.send({ platform: 'teams', channelId: conversationId }, { text: '担当窓口から回答がありました。@everyone' });
    const [post] = await stub.waitFor('send');
    expect(post!.path).toBe(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`);
    expect(post!.body['text']).toContain('担当窓口から回答がありました。');
    expect(post!.body['replyToId']).toBeUndefined();
    expect(post!.body['from']).toMatchObject({ id: BOT_ID });
    // Proactive messages go through the same broadcast filter as answers.
    expect(post!.raw).not.toContain('@everyone');
    expect(stub.callsTo('reply')).toHaveLength(0);
  });

  test('a channel thread and the channel itself are both reachable after a mention in the thread', async () => {
    const threadId = '19:general0001@thread.tacv2;messageid=1700000000777';
    await converse({ conversationType: 'channel', conversationId: threadId, text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true });
    await h.ctx.messengers.send({ platform: 'teams', channelId: threadId }, { text: 'スレッドへのお知らせです。' });
    // A reminder to the channel (base id) starts a new thread; threadId addresses an existing one.
    await h.ctx.messengers.send({ platform: 'teams', channelId: '19:general0001@thread.tacv2' }, { text: 'チャネルへのお知らせです。' });
    await h.ctx.messengers.send({ platform: 'teams', channelId: '19:general0001@thread.tacv2', threadId: '1700000000999' }, { text: '別スレッドです。' });
    const posts = await stub.waitFor('send', 3);
    expect(posts.map((p) => p.conversationId)).toEqual([threadId, '19:general0001@thread.tacv2', '19:general0001@thread.tacv2;messageid=1700000000999']);
  });

  test('a message to a user goes to their personal chat', async () => {
    const conversationId = await converse({ text: QUESTION, userId: '29:user-dm', aadObjectId: 'aad-dm' });
    await h.ctx.messengers.send({ platform: 'teams', userId: 'aad-dm' }, { text: '個別のお知らせです。' });
    await h.ctx.messengers.send({ platform: 'teams', userId: '29:user-dm' }, { text: '個別のお知らせです(2)。' });
    const posts = await stub.waitFor('send', 2);
    expect(posts.map((p) => p.conversationId)).toEqual([conversationId, conversationId]);
    expect(posts[0]!.body['recipient']).toMatchObject({ id: '29:user-dm' });
  });

  test('a user only seen in a channel gets a new personal chat (POST /v3/conversations), reused afterwards', async () => {
    await converse({ conversationType: 'channel', text: `<at>${BOT_NAME}</at> ${QUESTION}`, mentionBot: true, userId: '29:user-ch', aadObjectId: 'aad-ch' });
    await h.ctx.messengers.send({ platform: 'teams', userId: 'aad-ch' }, { text: 'ご質問への回答です。' });
    const [create] = await stub.waitFor('create');
    expect(create!.body['isGroup']).toBe(false);
    expect(create!.body['bot']).toMatchObject({ id: BOT_ID });
    expect(create!.body['members']).toEqual([expect.objectContaining({ id: '29:user-ch' })]);
    expect(create!.body['tenantId']).toBe('tenant-1');
    const [post] = await stub.waitFor('send');
    expect(post!.conversationId).toMatch(/^a:created-/);
    expect(post!.body['text']).toBe('ご質問への回答です。');
    // Created first, then posted into the new chat.
    expect(stub.calls.indexOf(create!)).toBeLessThan(stub.calls.indexOf(post!));

    // The new chat is remembered: the next message needs no new conversation.
    await h.ctx.messengers.send({ platform: 'teams', userId: 'aad-ch' }, { text: '続報です。' });
    const posts = await stub.waitFor('send', 2);
    expect(posts[1]!.conversationId).toBe(post!.conversationId);
    expect(stub.callsTo('create')).toHaveLength(1);
  });

  test('stored references keep ids, not people\'s display names', async () => {
    const conversationId = await converse({ text: QUESTION, userId: '29:user-name', aadObjectId: 'aad-name' });
    const stored = [await h.ctx.store.get(`teams:ref:${conversationId}`), await h.ctx.store.get('teams:ref:user:aad-name'), await h.ctx.store.get('teams:ref:user:29:user-name')];
    for (const raw of stored) {
      expect(raw).not.toBeNull();
      expect(raw).not.toContain('職員 一郎');
      expect(JSON.parse(raw!).reference.user).toEqual({ id: '29:user-name', aadObjectId: 'aad-name' });
    }
  });

  test('an unknown conversation or user is a clear error, and nothing is sent', async () => {
    await expect(h.ctx.messengers.send({ platform: 'teams', channelId: '19:never-seen@thread.tacv2' }, { text: 'x' })).rejects.toThrow(/no Teams conversation reference/);
    await expect(h.ctx.messengers.send({ platform: 'teams', userId: 'aad-nobody' }, { text: 'x' })).rejects.toThrow(/must message the bot first/);
    await expect(h.ctx.messengers.send({ platform: 'teams' }, { text: 'x' })).rejects.toThrow(/channelId or a userId/);
    expect(stub.calls).toHaveLength(0);
  });

  test('references outlive the server process when the store does (shared store, new adapter)', async () => {
    const conversationId = await converse({ text: QUESTION });
    const store = h.ctx.store;
    await h.close();
    h = await startTeamsHarness({ bot, store });
    await h.ctx.messengers.send({ platform: 'teams', channelId: conversationId }, { text: '再起動後のお知らせです。' });
    const [post] = await stub.waitFor('send');
    expect(post!.conversationId).toBe(conversationId);
  });
});
