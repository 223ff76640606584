import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runRemindCommand } from '../../src/cli/commands/remind.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { ADMIN, type Instance, startInstance } from './harness.js';

let app: Instance;
let env: NodeJS.ProcessEnv;
beforeEach(async () => {
  app = await startInstance();
  env = { ADMIN_TOKEN: ADMIN, TELEWORK_URL: app.base, USER: 'hr-admin' };
});
afterEach(async () => {
  await app.close();
});

async function run(args: string[], e: NodeJS.ProcessEnv = env): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runRemindCommand(args, e, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

describe('telework-bot remind', () => {
  test('add, list, pause, resume, show and delete through the admin API', async () => {
    const add = await run(['add', '--text', '{date}は締め日です', '--cron', '0 9 * * 1-5', '--skip-holidays', '--skip-yearend', '--channel', 'C0HR']);
    expect(add.code).toBe(0);
    expect(add.out).toContain('リマインダーを作成しました');
    expect(add.out).toMatch(/日本時間[\s\S]*09:00/);
    const id = /rem_[a-z0-9]{12}/.exec(add.out)![0];
    const [created] = await app.reminders.service.list();
    expect(created).toMatchObject({ id, skipHolidays: true, skipYearEnd: true, createdBy: { platform: 'cli', userId: 'hr-admin' } });

    const list = await run(['list', '--json']);
    expect(JSON.parse(list.out).map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await run(['pause', id])).out).toContain('一時停止しました');
    expect((await run(['resume', id])).out).toContain('再開しました');
    expect((await run(['show', id])).out).toContain(id);
    expect((await run(['delete', id])).out).toContain('削除しました');
    expect(await app.reminders.service.list()).toEqual([]);
  });

  test('refusals: exit 1 with the reason; bad usage: UsageError (exit 2)', async () => {
    const bad = await run(['add', '--text', 'x', '--cron', '0 9 31 2 *', '--channel', 'C1']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('正しくありません');
    const wrongToken = await run(['list'], { ...env, ADMIN_TOKEN: 'wrong-token-0000000000' });
    expect(wrongToken.code).toBe(1);
    await expect(run(['add', '--text', 'x', '--at', '2030-01-01T09:00'])).rejects.toThrow(UsageError);
    await expect(run(['list'], { TELEWORK_URL: app.base })).rejects.toThrow(/ADMIN_TOKEN/);
    await expect(run(['frob'])).rejects.toThrow(UsageError);
    expect((await run([])).code).toBe(2);
  });
});
