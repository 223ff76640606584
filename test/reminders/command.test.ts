import { describe, expect, test } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createLogger } from '../../src/logging/logger.js';
import { ReminderAuthorizer } from '../../src/reminders/authorization.js';
import { handleRemindCommand, parseRemindCommand } from '../../src/reminders/command.js';
import { InProcessScheduler } from '../../src/reminders/in-process-scheduler.js';
import { ReminderRepository } from '../../src/reminders/repository.js';
import { ReminderService } from '../../src/reminders/service.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const logger = createLogger({ level: 'silent' });
/** A fixed clock: "2030-01-07 09:00" below stays in the future and within five years whatever today is. */
const NOW = new Date('2026-11-25T10:00:00+09:00');

function setup(groups: Record<string, string[]> = {}) {
  const store = new MemoryStore();
  const audit = new AuditLog(store);
  const service = new ReminderService({ repo: new ReminderRepository(store), scheduler: new InProcessScheduler(logger), audit, logger, now: () => NOW });
  const authorizer = new ReminderAuthorizer({ slackUserIds: ['UHR'], slackUsergroupIds: ['S1'], teamsUserIds: ['29:hr-aad'] }, logger);
  authorizer.useSlackGroups(async (g) => {
    if (g in groups) return groups[g]!;
    throw new Error('usergroups.users.list failed');
  });
  return { service, authorizer, audit, deps: { service, authorizer, lang: 'ja' as const, logger } };
}

describe('parseRemindCommand', () => {
  test.each([
    ['', { kind: 'form' }],
    ['help', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['pause rem_abcdefghij12', { kind: 'pause', id: 'rem_abcdefghij12' }],
    ['pause 42', { kind: 'invalid' }],
    ['add at 2030-01-07 9:00 here 締め日です', { kind: 'add', draft: { at: '2030-01-07 09:00', where: { here: true }, text: '締め日です' } }],
    ['add cron 0 9 * * 1-5 skip-holidays 年末年始除く <#C123|hr> 提出 {date}', { kind: 'add', draft: { cron: '0 9 * * 1-5', skipHolidays: true, skipYearEnd: true, where: { channelId: 'C123' }, text: '提出 {date}' } }],
    ['add at 2030-01-07T09:00 users U1,<@U2> 面談です', { kind: 'add', draft: { where: { userIds: ['U1', 'U2'] }, text: '面談です' } }],
    ['add at 2030-01-07T09:00 here', { kind: 'invalid' }],
    ['add at 2030-01-07T09:00 本文だけ', { kind: 'invalid' }],
    ['frobnicate', { kind: 'invalid' }],
  ])('%s', (text, expected) => {
    expect(parseRemindCommand(text)).toMatchObject(expected);
  });
});

describe('handleRemindCommand (platform-neutral: Teams calls it too)', () => {
  test('a refusal whose audit entry cannot be written is still answered, and the lost entry is logged', async () => {
    const { deps, audit } = setup();
    const errors: { fields: Record<string, unknown>; msg: string }[] = [];
    const spyLogger = { ...logger, info: () => {}, warn: () => {}, error: (fields: Record<string, unknown>, msg: string) => void errors.push({ fields, msg }) };
    const failing = Object.assign(Object.create(Object.getPrototypeOf(audit)), audit, { record: async () => Promise.reject(new Error('store down')) });
    const service = new ReminderService({ repo: new ReminderRepository(new MemoryStore()), scheduler: new InProcessScheduler(logger), audit: failing, logger: spyLogger as never, now: () => NOW });
    const refused = await handleRemindCommand('list', { platform: 'teams', userId: '29:someone' }, { ...deps, service });
    expect(refused).toContain('人事担当者のみ');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.fields).toMatchObject({ action: 'reminder.denied', actor: { platform: 'teams', userId: '29:someone' }, details: { attempt: 'remind list' } });
    expect((errors[0]!.fields['err'] as Error).message).toBe('store down');
  });

  test('Teams: an allowlisted user creates a reminder for the conversation; others are refused', async () => {
    const { deps, service, audit } = setup();
    const refused = await handleRemindCommand('add at 2030-01-07 09:00 here 締め日です', { platform: 'teams', userId: '29:someone' }, deps, { channelId: '19:conv@thread.tacv2' });
    expect(refused).toContain('人事担当者のみ');
    expect(await service.list()).toEqual([]);
    expect((await audit.query({ action: 'reminder.denied' })).map((e) => e.actor)).toEqual([{ platform: 'teams', userId: '29:someone' }]);

    const ok = await handleRemindCommand('add at 2030-01-07 09:00 here 締め日です', { platform: 'teams', userId: '29:hr-aad' }, deps, { channelId: '19:conv@thread.tacv2' });
    expect(ok).toContain('作成しました');
    expect(ok).toContain('2030年1月7日(月) 09:00');
    const [r] = await service.list();
    expect(r?.target).toEqual({ platform: 'teams', channelId: '19:conv@thread.tacv2' });
    expect((await audit.query({ subjectId: r!.id }))[0]?.actor).toEqual({ platform: 'teams', userId: '29:hr-aad' });
  });

  test('Slack user groups: members allowed; a failing group lookup denies', async () => {
    const ok = setup({ S1: ['UMEMBER'] });
    expect(await handleRemindCommand('list', { platform: 'slack', userId: 'UMEMBER' }, ok.deps)).toBe('登録されているリマインダーはありません。');
    expect(await handleRemindCommand('list', { platform: 'slack', userId: 'UNOT' }, ok.deps)).toContain('人事担当者のみ');
    const broken = setup();
    expect(await handleRemindCommand('list', { platform: 'slack', userId: 'UMEMBER' }, broken.deps)).toContain('人事担当者のみ');
    // A Slack id on the Teams list (or the reverse) is not enough.
    expect(await handleRemindCommand('list', { platform: 'teams', userId: 'UHR' }, broken.deps)).toContain('人事担当者のみ');
  });

  test('bad input is answered with the reason, politely', async () => {
    const { deps } = setup();
    const hr = { platform: 'slack' as const, userId: 'UHR' };
    expect(await handleRemindCommand('add cron 0 9 30 2 * channel C1 x', hr, deps)).toContain('正しくありません');
    expect(await handleRemindCommand('add at 2030-01-07T09:00 here x', hr, deps)).toContain('送信先');
    expect(await handleRemindCommand('add cron */5 * * * * channel C1 x', hr, deps)).toContain('間隔が短すぎます');
    expect(await handleRemindCommand('delete rem_000000000000', hr, deps)).toContain('見つかりません');
  });
});

describe('the form (Slack modal and Teams Adaptive Card share submitRemindForm)', () => {
  test('Teams card: the card posts back inputs that create a reminder for the conversation or for people', async () => {
    const { remindAdaptiveCard, remindValuesFromCard, submitRemindForm, REMIND_CARD_ACTION } = await import('../../src/reminders/form.js');
    const { deps, service } = setup();
    const card = remindAdaptiveCard('ja', '19:conv@thread.tacv2');
    const submit = (card['actions'] as Array<{ data: Record<string, unknown> }>)[0]!.data;
    expect(submit).toEqual({ tw: REMIND_CARD_ACTION, conversationId: '19:conv@thread.tacv2' });
    const ids = (card['body'] as Array<{ id?: string }>).flatMap((b) => (b.id ? [b.id] : []));
    expect(ids).toEqual(['text', 'users', 'at', 'cron', 'skipHolidays', 'skipYearEnd']);

    const hr = { platform: 'teams' as const, userId: '29:hr-aad' };
    const ok = await submitRemindForm(remindValuesFromCard({ ...submit, text: '{weekday}の朝会', cron: '0 9 * * 1', skipHolidays: 'true', skipYearEnd: 'false' }), hr, deps);
    expect(ok.ok && ok.text).toContain('作成しました');
    const dm = await submitRemindForm(remindValuesFromCard({ ...submit, text: '面談', users: '29:a, 29:b', at: '2030-01-07 09:00' }), hr, deps);
    expect(dm.ok).toBe(true);
    const targets = (await service.list()).map((r) => r.target);
    expect(targets).toEqual(expect.arrayContaining([{ platform: 'teams', channelId: '19:conv@thread.tacv2' }, { platform: 'teams', userIds: ['29:a', '29:b'] }]));

    const bad = await submitRemindForm(remindValuesFromCard({ ...submit, text: 'x', cron: '0 9 * *' }), hr, deps);
    expect(bad).toMatchObject({ ok: false, field: 'cron' });
    const refused = await submitRemindForm(remindValuesFromCard({ ...submit, text: 'x', at: '2030-01-07 09:00' }), { platform: 'teams', userId: '29:x' }, deps);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('人事担当者のみ') });
    expect(await service.list()).toHaveLength(2);
  });
});

describe('creation is all or nothing', () => {
  test('when the scheduler is unreachable the reminder is not kept and the caller gets 503', async () => {
    const store = new MemoryStore();
    const failing = new InProcessScheduler(logger);
    failing.schedule = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const service = new ReminderService({ repo: new ReminderRepository(store), scheduler: failing, audit: new AuditLog(store), logger });
    await expect(service.create({ text: 'x', target: { platform: 'slack', channelId: 'C1' }, cron: '0 9 * * 1' }, { admin: true })).rejects.toMatchObject({ status: 503, code: 'scheduler_unavailable' });
    expect(await service.list()).toEqual([]);
  });

  test('an audit failure after the reminder is created is logged, not returned as an error (a retry would duplicate it)', async () => {
    const store = new MemoryStore();
    const audit = new AuditLog(store);
    audit.record = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const errors: string[] = [];
    const recording = { info: () => {}, warn: () => {}, error: (_o: unknown, msg: string) => void errors.push(msg) } as unknown as typeof logger;
    const service = new ReminderService({ repo: new ReminderRepository(store), scheduler: new InProcessScheduler(logger), audit, logger: recording, now: () => NOW });
    const view = await service.create({ text: 'x', target: { platform: 'slack', channelId: 'C1' }, cron: '0 9 * * 1' }, { admin: true });
    expect((await service.list()).map((r) => r.id)).toEqual([view.reminder.id]);
    await service.pause(view.reminder.id, { admin: true });
    await service.delete(view.reminder.id, { admin: true });
    expect(errors).toEqual(Array(3).fill('could not record a reminder change in the audit log'));
  });
});
