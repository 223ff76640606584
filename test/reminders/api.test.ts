import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auth, type Instance, inMs, startInstance } from './harness.js';

let app: Instance;
beforeEach(async () => {
  app = await startInstance();
});
afterEach(async () => {
  await app.close();
});

const post = (path: string, body?: unknown, headers: Record<string, string> = auth) =>
  fetch(`${app.base}${path}`, { method: 'POST', headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
const get = (path: string) => fetch(`${app.base}${path}`, { headers: auth });

const weekly = { text: '{date}({weekday})は勤怠の締め日です。', target: { platform: 'slack', channelId: 'C0HR' }, cron: '0 9 * * 1', skipHolidays: true };

describe('/api/reminders (admin)', () => {
  test('without the bearer token: 401, and nothing is created', async () => {
    expect((await post('/api/reminders', weekly, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post('/api/reminders', weekly, { authorization: 'Bearer wrong-token-000000000', 'content-type': 'application/json' })).status).toBe(401);
    expect(await app.reminders.service.list()).toEqual([]);
  });

  test('POST creates a reminder (201) with its next runs in JST, and audits it', async () => {
    const res = await post('/api/reminders', weekly);
    expect(res.status).toBe(201);
    const r = await res.json();
    expect(r).toMatchObject({ text: weekly.text, target: weekly.target, cron: '0 9 * * 1', timezone: 'Asia/Tokyo', skipHolidays: true, skipYearEnd: false, status: 'active' });
    expect(r.id).toMatch(/^rem_[a-z0-9]{12}$/);
    expect(res.headers.get('location')).toBe(`/api/reminders/${r.id}`);
    expect(r.nextRuns).toHaveLength(5);
    expect(r.nextRunAt).toBe(r.nextRuns[0]);
    for (const s of r.nextRunsJst) expect(s).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\(月\) 09:00$/);

    const audit = await app.ctx.audit.query({ subjectId: r.id });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['reminder.created', { admin: true }]]);

    const list = await (await get('/api/reminders')).json();
    expect(list.map((x: { id: string }) => x.id)).toEqual([r.id]);
    const one = await (await get(`/api/reminders/${r.id}`)).json();
    expect(one.deliveries).toEqual([]);
    expect(one.nextRuns).toEqual(r.nextRuns);
  });

  test('pause, resume and delete: status, scheduling and audit follow', async () => {
    const r = await (await post('/api/reminders', weekly)).json();
    const paused = await (await post(`/api/reminders/${r.id}/pause`)).json();
    expect(paused).toMatchObject({ status: 'paused', nextRunAt: null, nextRuns: [] });
    expect((await post(`/api/reminders/${r.id}/pause`)).status).toBe(409);
    const resumed = await (await post(`/api/reminders/${r.id}/resume`)).json();
    expect(resumed.status).toBe('active');
    expect(resumed.nextRunAt).toBe(r.nextRunAt);
    expect((await (await get('/api/reminders?status=active')).json()).length).toBe(1);

    const del = await fetch(`${app.base}/api/reminders/${r.id}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(204);
    expect((await get(`/api/reminders/${r.id}`)).status).toBe(404);
    expect((await fetch(`${app.base}/api/reminders/${r.id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
    const actions = (await app.ctx.audit.query({ subjectId: r.id })).map((e) => e.action);
    expect(actions).toEqual(['reminder.created', 'reminder.paused', 'reminder.resumed', 'reminder.deleted']);
  });

  test('an actor named by the admin API is recorded as who created it', async () => {
    const r = await (await post('/api/reminders', { ...weekly, actor: { platform: 'slack', userId: 'UHR1' } })).json();
    expect(r.createdBy).toEqual({ platform: 'slack', userId: 'UHR1' });
    const [entry] = await app.ctx.audit.query({ subjectId: r.id });
    expect(entry?.actor).toEqual({ admin: true });
    expect(entry?.details?.['by']).toEqual({ platform: 'slack', userId: 'UHR1' });
  });

  test.each([
    ['no text', { ...weekly, text: '' }, 'bad_input'],
    ['no target', { text: 'x', cron: '0 9 * * 1' }, 'bad_input'],
    ['unknown platform', { ...weekly, target: { platform: 'line', channelId: 'C1' } }, 'bad_input'],
    ['channel and users both', { ...weekly, target: { platform: 'slack', channelId: 'C1', userIds: ['U1'] } }, 'bad_input'],
    ['empty DM list', { ...weekly, target: { platform: 'slack', userIds: [] } }, 'bad_input'],
    ['unknown field', { ...weekly, repeat: 'daily' }, 'bad_input'],
    ['skipHolidays as a string', { ...weekly, skipHolidays: 'yes' }, 'bad_input'],
    ['six-field cron', { ...weekly, cron: '0 0 9 * * 1' }, 'cron_fields'],
    ['31 February', { ...weekly, cron: '0 9 31 2 *' }, 'bad_cron'],
    ['every minute', { ...weekly, cron: '* * * * *' }, 'too_frequent'],
    ['at in the past', { ...weekly, cron: undefined, at: '2020-01-01T09:00:00+09:00' }, 'at_in_past'],
    ['at and cron', { ...weekly, at: inMs(60_000) }, 'both_schedules'],
    ['bad time zone', { ...weekly, timezone: 'Tokyo' }, 'bad_timezone'],
  ])('400 with a reason: %s', async (_name, body, reason) => {
    const res = await post('/api/reminders', body);
    expect(res.status).toBe(400);
    const e = await res.json();
    expect(e.reason).toBe(reason);
    expect(typeof e.error).toBe('string');
    expect(e.message).toMatch(/[ぁ-ん]/);
    expect(await app.reminders.service.list()).toEqual([]);
  });

  test('a body that is not JSON, and an unknown id', async () => {
    const res = await fetch(`${app.base}/api/reminders`, { method: 'POST', headers: auth, body: '{"text":' });
    expect(res.status).toBe(400);
    expect((await get('/api/reminders/rem_000000000000')).status).toBe(404);
    expect((await get('/api/reminders/../../etc')).status).toBe(404);
  });

  test('broadcast mentions in the text are neutralised when stored', async () => {
    const r = await (await post('/api/reminders', { ...weekly, text: '<!channel> 締め日です @everyone' })).json();
    expect(r.text).not.toContain('<!channel>');
    expect(r.text).not.toMatch(/@everyone\b/);
  });

});
