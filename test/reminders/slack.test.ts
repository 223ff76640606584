import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { ChatAdapter } from '../../adapters/adapter.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { createLogger } from '../../src/logging/logger.js';
import { type RemindersHandle, startReminders } from '../../src/reminders/start.js';
import type { RunningService } from '../../src/server/services.js';
import { buildContext } from '../../src/server/context.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { AuditLog } from '../../src/audit/audit-log.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';
import { signSlackRequest } from '../support/slack-sign.js';

const SECRET = 'test-secret';
const HR = 'UHR1';
const GROUP_MEMBER = 'UGRP9';

let bot: TeleworkBot;
let stub: SlackApiStub;
let url: string;
let server: Server;
let adapter: ChatAdapter;
let service: RunningService & { handle: RemindersHandle };
let audit: AuditLog;

beforeAll(async () => {
  bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  stub = await startSlackApiStub();
});
afterAll(async () => {
  await stub.close();
});

beforeEach(async () => {
  stub.reset();
  stub.answers.set('usergroups.users.list', { ok: true, users: [GROUP_MEMBER] });
  const settings = loadSettings({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: stub.url,
    LOG_LEVEL: 'silent',
    HR_SLACK_USER_IDS: `${HR}, UHR2`,
    HR_SLACK_USERGROUP_IDS: 'S0HR',
  });
  const ctx = buildContext({ bot, store: new MemoryStore(), logger: createLogger({ level: 'silent' }), settings });
  audit = ctx.audit;
  service = await startReminders(ctx);
  adapter = await createSlackAdapter(ctx);
  const app = express();
  await adapter.mount(app);
  server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await service.start?.();
});
afterEach(async () => {
  await adapter.stop();
  await service.stop();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (body: string) =>
  fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) }, body });
const command = (text: string, user = HR) =>
  post(form({ command: '/telework', text, user_id: user, channel_id: 'C0HR', trigger_id: 'trig-1', response_url: stub.responseUrl('cmd'), team_id: 'T1', token: 'x', user_name: 'u', channel_name: 'hr', api_app_id: 'A1' }));
const submit = (values: Record<string, Record<string, Record<string, unknown>>>, user = HR) =>
  post(
    form({
      payload: JSON.stringify({
        type: 'view_submission',
        team: { id: 'T1', domain: 'stub' },
        user: { id: user, username: 'hr', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'legacy',
        trigger_id: 'trig-2',
        view: { id: 'V1', team_id: 'T1', type: 'modal', callback_id: 'tw_remind_form', private_metadata: JSON.stringify({ channelId: 'C0HR' }), state: { values }, hash: 'h', title: { type: 'plain_text', text: 't' }, blocks: [] },
      }),
    }),
  );
const replies = async (n = 1) => (await stub.waitFor('response_url', n)).map((c) => c.body['text'] as string);

const formValues = (over: { text?: string; channel?: string | null; users?: string[]; at?: string; cron?: string; options?: string[] }) => ({
  text: { value: { type: 'plain_text_input', value: over.text ?? '{date}は勤怠の締め日です' } },
  channel: { value: { type: 'conversations_select', selected_conversation: over.channel === undefined ? 'C0HR' : over.channel } },
  users: { value: { type: 'multi_users_select', selected_users: over.users ?? [] } },
  at: { value: { type: 'plain_text_input', value: over.at ?? null } },
  cron: { value: { type: 'plain_text_input', value: over.cron ?? null } },
  options: { value: { type: 'checkboxes', selected_options: (over.options ?? []).map((v) => ({ value: v, text: { type: 'plain_text', text: v } })) } },
});

describe('/telework remind', () => {
  test('someone not on the HR allowlist gets a polite refusal, and no form opens', async () => {
    expect((await command('remind', 'UOTHER')).status).toBe(200);
    const [text] = await replies();
    expect(text).toContain('人事担当者のみ');
    expect(stub.callsTo('views.open')).toHaveLength(0);
    await command('remind add at 2030-01-07 09:00 here 本文', 'UOTHER');
    await replies(2);
    expect(await service.handle.service.list()).toEqual([]);
    expect((await audit.query({ action: 'reminder.denied' })).map((e) => e.actor)).toEqual([
      { platform: 'slack', userId: 'UOTHER' },
      { platform: 'slack', userId: 'UOTHER' },
    ]);
  });

  test('an allowlisted user opens the modal; a user group member is allowed too', async () => {
    await command('remind');
    const [open] = await stub.waitFor('views.open');
    expect(open!.body['trigger_id']).toBe('trig-1');
    const view = open!.body['view'];
    expect(view.callback_id).toBe('tw_remind_form');
    expect(view.blocks.map((b: { block_id: string }) => b.block_id)).toEqual(['text', 'channel', 'users', 'at', 'cron', 'options']);
    await command('remind new', GROUP_MEMBER);
    await stub.waitFor('views.open', 2);
    expect(stub.callsTo('usergroups.users.list')[0]!.body['usergroup']).toBe('S0HR');
  });

  test('submitting the modal creates the reminder, audits it and confirms the next runs in JST', async () => {
    const res = await submit(formValues({ cron: '0 9 * * 1-5', options: ['skipHolidays', 'skipYearEnd'] }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const [r] = await service.handle.service.list();
    expect(r).toMatchObject({ cron: '0 9 * * 1-5', skipHolidays: true, skipYearEnd: true, target: { platform: 'slack', channelId: 'C0HR' }, createdBy: { platform: 'slack', userId: HR } });
    const [entry] = await audit.query({ subjectId: r!.id });
    expect(entry).toMatchObject({ action: 'reminder.created', actor: { platform: 'slack', userId: HR } });
    const [eph] = await stub.waitFor('chat.postEphemeral');
    expect(eph!.body['user']).toBe(HR);
    expect(eph!.body['text']).toContain(r!.id);
    expect(eph!.body['text']).toMatch(/日本時間[\s\S]*\d{4}年\d{1,2}月\d{1,2}日\([月火水木金]\) 09:00/);
  });

  test('an impossible schedule is refused next to the field; nothing is created', async () => {
    const bad = await submit(formValues({ cron: '0 9 31 2 *' }));
    expect(await bad.json()).toMatchObject({ response_action: 'errors', errors: { cron: expect.stringContaining('正しくありません') } });
    const both = await submit(formValues({ channel: 'C0HR', users: ['U1'], at: '2030-01-07 09:00' }));
    expect((await both.json()).errors.users).toBeTruthy();
    const past = await submit(formValues({ at: '2020-01-06 09:00' }));
    expect((await past.json()).errors.at).toContain('過ぎています');
    const forged = await submit(formValues({ at: '2030-01-07 09:00' }), 'UOTHER');
    expect((await forged.json()).errors.text).toContain('人事担当者のみ');
    expect(await service.handle.service.list()).toEqual([]);
  });

  test('list, pause, resume and delete by subcommand', async () => {
    await command('remind add cron "0 9 * * 1" skip-holidays here 週次の提出をお願いします');
    const [created] = await replies();
    const id = /rem_[a-z0-9]{12}/.exec(created!)![0];
    expect(created).toContain('日本時間');
    await command('remind list');
    expect((await replies(2))[1]).toContain(id);
    await command(`remind pause ${id}`);
    expect((await replies(3))[2]).toContain('一時停止しました');
    await command(`remind resume ${id}`);
    expect((await replies(4))[3]).toContain('再開しました');
    await command(`remind delete ${id}`);
    expect((await replies(5))[4]).toContain('削除しました');
    expect(await service.handle.service.list()).toEqual([]);
    expect((await audit.query({ subjectId: id })).map((e) => e.action)).toEqual(['reminder.created', 'reminder.paused', 'reminder.resumed', 'reminder.deleted']);
  });

  test('other /telework text is still answered as a question', async () => {
    await command('特別交付税の措置率は?');
    const [text] = await replies();
    expect(text).toContain('0.5');
  });
});
