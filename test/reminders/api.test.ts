import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { createLogger } from '../../src/logging/logger.js';
import { remindersRouter } from '../../src/reminders/api.js';
import { BullMqScheduler } from '../../src/reminders/bullmq-scheduler.js';
import { ReminderRepository } from '../../src/reminders/repository.js';
import { ReminderService } from '../../src/reminders/service.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { auth, type Instance, inMs, REDIS_URL, redisNamespace, startInstance, weeklyCronAwayFromNow } from './harness.js';

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

// Weekly at a time 3.5 days from now (JST), so no run falls due during a test and "next run"
// does not change between two requests, whatever the wall clock says.
const when = weeklyCronAwayFromNow();
const weekly = { text: '{date}({weekday})は勤怠の締め日です。', target: { platform: 'slack', channelId: 'C0HR' }, cron: when.cron, skipHolidays: true };

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
    expect(r).toMatchObject({ text: weekly.text, target: weekly.target, cron: when.cron, timezone: 'Asia/Tokyo', skipHolidays: true, skipYearEnd: false, status: 'active' });
    expect(r.id).toMatch(/^rem_[a-z0-9]{12}$/);
    expect(res.headers.get('location')).toBe(`/api/reminders/${r.id}`);
    expect(r.nextRuns).toHaveLength(5);
    expect(r.nextRunAt).toBe(r.nextRuns[0]);
    for (const s of r.nextRunsJst) expect(s).toMatch(new RegExp(`^\\d{4}年\\d{1,2}月\\d{1,2}日\\(${when.weekdayJa}\\) ${when.hhmm}$`));

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


  test.each([
    ['ioredis MaxRetriesPerRequestError', Object.assign(new Error('Reached the max retries per request limit (which is 2). Refer to "maxRetriesPerRequest" option for details.'), { name: 'MaxRetriesPerRequestError' })],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' })],
    ['connection closed', new Error('Connection is closed.')],
    ['an error carrying status 503', Object.assign(new Error('store unavailable'), { status: 503 })],
  ])('store unreachable (%s): 503 with a clear message, not 500', async (_name, err) => {
    const store = app.ctx.store as unknown as Record<string, unknown>;
    for (const m of ['get', 'setMembers', 'transaction']) store[m] = async () => Promise.reject(err);
    for (const res of [await get('/api/reminders'), await get('/api/reminders/rem_000000000000'), await post('/api/reminders', weekly)]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(await res.json()).toMatchObject({ reason: 'store_unavailable', error: expect.stringContaining('unreachable'), message: expect.stringContaining('接続できません') });
    }
  });

  test('any other failure is still a 500', async () => {
    (app.ctx.store as unknown as Record<string, unknown>)['setMembers'] = async () => Promise.reject(new TypeError('x is not a function'));
    const res = await get('/api/reminders');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error' });
  });
});

describe('/api/reminders with Redis unreachable (real connections through a proxy that is cut)', () => {
  test('503 store_unavailable, and the scheduler still stops promptly', async () => {
    const logger = createLogger({ level: 'silent' });
    const url = new URL(REDIS_URL);
    const proxy = await startTcpProxy(Number(url.port || 6379), url.hostname);
    const ns = redisNamespace();
    // Only the reminders side (no tickets): the store, BullMQ and the admin router, all through the proxy.
    const store = RedisStore.fromUrl(proxy.url, ns.prefix);
    const scheduler = new BullMqScheduler({ redisUrl: proxy.url, redisPrefix: ns.prefix, logger });
    const service = new ReminderService({ repo: new ReminderRepository(store), scheduler, audit: new AuditLog(store), logger });
    const web = express();
    web.use('/api/reminders', remindersRouter(service, logger));
    const server: Server = await new Promise((r) => {
      const s = web.listen(0, '127.0.0.1', () => r(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await scheduler.start(async () => {});
      expect((await fetch(`${base}/api/reminders`)).status).toBe(200);
      await proxy.cut();
      const res = await fetch(`${base}/api/reminders`);
      expect(res.status).toBe(503);
      expect((await res.json()).reason).toBe('store_unavailable');
      const t0 = Date.now();
      await scheduler.stop();
      expect(Date.now() - t0).toBeLessThan(6000);
    } finally {
      await scheduler.stop();
      await store.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await proxy.close();
      await ns.cleanup();
    }
  }, 30_000);
});
