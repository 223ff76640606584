import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TeleworkBot } from '../../src/core/bot.js';
import { REMIND_CARD_ACTION } from '../../src/reminders/form.js';
import { type RemindersHandle, remindersFor } from '../../src/reminders/start.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import { formatJa } from '../../src/reminders/time.js';
import { hasBroadcastMention } from '../../src/safety/mentions.js';
import type { ConnectorCall, ConnectorStub } from '../support/connector-stub.js';
import { BOT_NAME, type TeamsHarness, activity, cardOf, shownText, sleep, startTeamsHarness, useBotAndStub } from './harness.js';

/** HR by Entra object id, and one HR person listed only by their Teams user id (the fallback). */
const HR = { userId: '29:hr', aadObjectId: 'aad-hr' };
const HR_BY_TEAMS_ID = { userId: '29:hr-legacy', aadObjectId: 'aad-not-listed' };
const STAFF = { userId: '29:staff', aadObjectId: 'aad-staff' };
const QUIET_MS = 300;

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness;
let reminders: RemindersHandle;

useBotAndStub((b, s) => {
  bot = b;
  stub = s;
});
beforeEach(async () => {
  stub.reset();
  // The real reminders service (in-process scheduler on the memory store), as `serve` runs it.
  h = await startTeamsHarness({ bot, services: true, env: { HR_TEAMS_USER_IDS: `${HR.aadObjectId},${HR_BY_TEAMS_ID.userId}` } });
  reminders = remindersFor(h.ctx.store)!;
  expect(reminders).toBeDefined();
});
afterEach(async () => {
  await h.close();
});

type Person = { userId: string; aadObjectId: string };

/** Types `text` to the bot in a personal chat (or, @mentioning it, in a channel) and returns the reply. */
async function say(who: Person, text: string, conversationId = `a:personal-${who.userId}`, conversationType: 'personal' | 'channel' = 'personal'): Promise<ConnectorCall> {
  const before = stub.callsTo('reply').length;
  const act =
    conversationType === 'personal'
      ? activity(stub, { ...who, conversationId, text })
      : activity(stub, { ...who, conversationId, conversationType, text: `<at>${BOT_NAME}</at> ${text}`, mentionBot: true });
  expect((await h.post(act)).status).toBe(200);
  const replies = await stub.waitFor('reply', before + 1);
  return replies[before]!;
}

/** Asks for the form and returns its card and the data its Action.Submit carries. */
async function openForm(who: Person, conversationId: string, conversationType: 'personal' | 'channel' = 'personal', words = 'remind') {
  const reply = await say(who, words, conversationId, conversationType);
  const card = cardOf(reply.body);
  expect(card, `no card in ${reply.raw}`).toBeDefined();
  const submit = card!['actions'][0] as { type: string; data: Record<string, unknown> };
  return { reply, card: card!, submit };
}

/** Action.Submit: Teams posts a message whose value is the button's data merged with the inputs. */
async function submitCard(who: Person, conversationId: string, value: Record<string, unknown>, conversationType: 'personal' | 'channel' = 'personal'): Promise<string> {
  const before = stub.callsTo('reply').length;
  expect((await h.post(activity(stub, { ...who, conversationId, conversationType, value }))).status).toBe(200);
  const replies = await stub.waitFor('reply', before + 1);
  const reply = replies[before]!;
  expect(cardOf(reply.body)).toBeUndefined();
  return shownText(reply.body);
}

/** Input values as a Teams client sends them: strings, '' for empty, toggles 'true'/'false'. */
const inputs = (o: Partial<Record<'text' | 'users' | 'at' | 'cron' | 'skipHolidays' | 'skipYearEnd', string>>) => ({
  text: '',
  users: '',
  at: '',
  cron: '',
  skipHolidays: 'false',
  skipYearEnd: 'false',
  ...o,
});

describe('「remind」 opens the Adaptive Card form for HR', () => {
  test('an allowlisted person gets the card with the form fields, bound to this conversation', async () => {
    const conversationId = 'a:personal-hr-1';
    const { reply, card, submit } = await openForm(HR, conversationId);
    expect(reply.conversationId).toBe(conversationId);
    expect(reply.body['attachments'][0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card['type']).toBe('AdaptiveCard');
    const fields = (card['body'] as Array<{ type: string; id?: string }>).filter((b) => b.type.startsWith('Input.'));
    expect(fields.map((b) => b.id)).toEqual(['text', 'users', 'at', 'cron', 'skipHolidays', 'skipYearEnd']);
    // Every required input says what is missing (the Adaptive Cards validator requires errorMessage).
    for (const f of fields as Array<{ isRequired?: boolean; errorMessage?: string }>) if (f.isRequired) expect(f.errorMessage).toBe('本文を入力してください。');
    expect(fields.filter((f) => (f as { isRequired?: boolean }).isRequired)).toHaveLength(1);
    expect(JSON.stringify(card)).toContain('リマインダー作成');
    expect(submit).toEqual({ type: 'Action.Submit', title: '作成', data: { tw: REMIND_CARD_ACTION, conversationId } });
    expect(await reminders.service.list()).toHaveLength(0);
  });

  test('「remind new」 and 「remind 作成」 in a channel (with the mention) open it too; a Teams user id on the list is enough', async () => {
    const channel = '19:hrchannel@thread.tacv2;messageid=1700000000001';
    const a = await openForm(HR, channel, 'channel', 'remind new');
    expect(a.submit.data['conversationId']).toBe(channel);
    const b = await openForm(HR_BY_TEAMS_ID, channel, 'channel', 'remind 作成');
    expect(b.submit.data['tw']).toBe(REMIND_CARD_ACTION);
    // The text subcommands still answer in text.
    const list = await say(HR, 'remind list');
    expect(cardOf(list.body)).toBeUndefined();
    expect(list.body['text']).toBe(REMIND_TEXTS.none.ja);
  });

  test('the card goes through the outgoing sanitizer (no broadcast mention survives in it)', async () => {
    const conversationId = 'a:personal-@everyone-<!channel>';
    const { reply, submit } = await openForm(HR, conversationId);
    // The card embeds the conversation id; what people can read in it is defused.
    const card = JSON.stringify(reply.body['attachments']);
    expect(card).toContain('Action.Submit');
    expect(hasBroadcastMention(card)).toBe(false);
    expect(card).not.toContain('<!channel>');
    expect(submit.data['conversationId']).toBe('a:personal-@\u200beveryone-');
    expect(reply.body['entities'] ?? []).toEqual([]);
  });
});

describe('submitting the card', () => {
  test('valid values create a reminder for this conversation; the reply confirms with the next run in JST', async () => {
    const conversationId = 'a:personal-hr-2';
    const { submit } = await openForm(HR, conversationId);
    const text = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ text: '{date}は勤務報告の締め日です', at: '2030-01-07 09:00' }) });

    const all = await reminders.service.list();
    expect(all).toHaveLength(1);
    const r = all[0]!;
    expect(r).toMatchObject({ text: '{date}は勤務報告の締め日です', target: { platform: 'teams', channelId: conversationId }, createdBy: { platform: 'teams', userId: HR.aadObjectId } });
    expect(r.nextRunAt).toBe('2030-01-07T00:00:00.000Z');
    expect(text).toContain(REMIND_TEXTS.created.ja(r.id));
    expect(text).toContain(REMIND_TEXTS.nextRuns.ja);
    expect(text).toContain('2030年1月7日(月) 09:00');
  });

  test('a repeating reminder for people, with the skip options; the next runs listed are the reminder’s own', async () => {
    const conversationId = '19:hrchannel2@thread.tacv2;messageid=1700000000002';
    const { submit } = await openForm(HR_BY_TEAMS_ID, conversationId, 'channel');
    const text = await submitCard(HR_BY_TEAMS_ID, conversationId, { ...submit.data, ...inputs({ text: '週報の提出日です', users: '29:a, aad-b', cron: '0 9 * * 1', skipHolidays: 'true', skipYearEnd: 'true' }) }, 'channel');

    const [r, ...rest] = await reminders.service.list();
    expect(rest).toHaveLength(0);
    expect(r).toMatchObject({ cron: '0 9 * * 1', skipHolidays: true, skipYearEnd: true, target: { platform: 'teams', userIds: ['29:a', 'aad-b'] }, createdBy: { userId: HR_BY_TEAMS_ID.userId } });
    expect(text).toContain(REMIND_TEXTS.created.ja(r!.id));
    const next = formatJa(new Date(r!.nextRunAt!), 'Asia/Tokyo');
    expect(next).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\(月\) 09:00$/);
    expect(text).toContain(`・${next}`);
  });

  test('Universal Actions: the same data in an adaptiveCard/action invoke is answered in the invoke response', async () => {
    const conversationId = 'a:personal-hr-3';
    const { submit } = await openForm(HR, conversationId);
    const res = await h.post(
      activity(stub, {
        ...HR,
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversationId,
        value: { action: { type: 'Action.Execute', verb: 'remind', data: { ...submit.data, ...inputs({ text: '面談の準備', at: '2030-02-01 10:30' }) } }, trigger: 'manual' },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: string };
    expect(body.statusCode).toBe(200);
    const [r] = await reminders.service.list();
    expect(r).toMatchObject({ text: '面談の準備', target: { channelId: conversationId } });
    expect(body.value).toContain(REMIND_TEXTS.created.ja(r!.id));
    expect(body.value).toContain('2030年2月1日(金) 10:30');
  });

  test('invalid values: the reply names the field and nothing is created; fixing it on the same card works', async () => {
    const conversationId = 'a:personal-hr-4';
    const { submit } = await openForm(HR, conversationId);

    const badCron = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ text: '朝会', cron: '0 9 * *' }) });
    expect(badCron).toContain('リマインダーは作成されていません');
    expect(badCron).toContain('【繰り返し(cron)】');

    const pastAt = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ text: '朝会', at: '2020-01-06 09:00' }) });
    expect(pastAt).toContain('【日時】');

    const noSchedule = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ text: '朝会' }) });
    expect(noSchedule).toContain('【日時】');

    const noText = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ at: '2030-01-07 09:00' }) });
    expect(noText).toContain('【本文】');

    expect(await reminders.service.list()).toHaveLength(0);

    const fixed = await submitCard(HR, conversationId, { ...submit.data, ...inputs({ text: '朝会', cron: '0 9 * * 1-5' }) });
    expect(fixed).toContain('リマインダーを作成しました');
    expect(await reminders.service.list()).toHaveLength(1);
  });
});

describe('people not on the allowlist', () => {
  test('「remind」 / 「remind 作成」 get the polite refusal and no card; the attempts are audited', async () => {
    const first = await say(STAFF, 'remind');
    const second = await say(STAFF, 'remind 作成');
    const third = await say(STAFF, 'remind new', '19:general@thread.tacv2;messageid=1', 'channel');
    for (const reply of [first, second, third]) {
      expect(reply.body['text']).toBe(REMIND_TEXTS.refused.ja);
      expect(cardOf(reply.body)).toBeUndefined();
    }
    await sleep(QUIET_MS);
    expect(stub.calls.some((c) => cardOf(c.body) !== undefined)).toBe(false);
    const denied = await h.ctx.audit.query({ action: 'reminder.denied' });
    expect(denied.map((e) => e.actor)).toEqual([
      { platform: 'teams', userId: STAFF.aadObjectId },
      { platform: 'teams', userId: STAFF.aadObjectId },
      { platform: 'teams', userId: STAFF.aadObjectId },
    ]);
  });

  test('pressing the create button on HR’s card (in a channel everyone sees) is refused, audited, and creates nothing', async () => {
    const channel = '19:shared@thread.tacv2;messageid=1700000000003';
    const { submit } = await openForm(HR, channel, 'channel');
    const text = await submitCard(STAFF, channel, { ...submit.data, ...inputs({ text: '全員に通知', at: '2030-01-07 09:00' }) }, 'channel');
    expect(text).toBe(REMIND_TEXTS.refused.ja);
    expect(await reminders.service.list()).toHaveLength(0);
    const denied = await h.ctx.audit.query({ action: 'reminder.denied' });
    expect(denied.map((e) => e.actor)).toEqual([{ platform: 'teams', userId: STAFF.aadObjectId }]);
  });
});
