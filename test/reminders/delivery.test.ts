import { afterEach, describe, expect, test } from 'vitest';
import type { Reminder } from '../../src/reminders/model.js';
import { ReminderRepository } from '../../src/reminders/repository.js';
import { type Instance, auth, dailyCronAwayFromNow, inMs, quiet, redisNamespace, sleep, startInstance, until } from './harness.js';

const open: Instance[] = [];
const namespaces: Array<{ cleanup(): Promise<void> }> = [];
afterEach(async () => {
  for (const i of open.splice(0)) await i.close().catch(() => {});
  for (const n of namespaces.splice(0)) await n.cleanup();
});

async function instance(opts: Parameters<typeof startInstance>[0]): Promise<Instance> {
  const i = await startInstance(opts);
  open.push(i);
  return i;
}
function namespace() {
  const n = redisNamespace();
  namespaces.push(n);
  return n;
}

async function create(i: Instance, body: Record<string, unknown>): Promise<Reminder & { nextRuns: string[] }> {
  const res = await fetch(`${i.base}/api/reminders`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return res.json();
}
const detail = async (i: Instance, id: string) => (await fetch(`${i.base}/api/reminders/${id}`, { headers: auth })).json();

const FAST_RETRY = { REMINDER_RETRY_BACKOFF_MS: '100', REMINDER_RETRY_ATTEMPTS: '3' };

describe('in-process delivery (no Redis)', () => {
  test('a one-shot reminder to a DM list is delivered once, on time, with variables filled in', async () => {
    const a = await instance({ env: FAST_RETRY });
    expect(a.reminders.scheduler.kind).toBe('in-process');
    const r = await create(a, { text: '{date}({weekday})です', target: { platform: 'slack', userIds: ['U1', 'U2'] }, at: inMs(1200) });
    await until(() => a.sent.length >= 2);
    await quiet([a]);
    expect(a.sent.map((s) => s.target)).toEqual([
      { platform: 'slack', userId: 'U1' },
      { platform: 'slack', userId: 'U2' },
    ]);
    const runAt = Date.parse(r.nextRunAt!);
    for (const s of a.sent) expect(s.at - runAt).toBeLessThan(2000);
    expect(a.sent[0]!.message.text).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日\([日月火水木金土]曜日\)です$/);
    const d = await detail(a, r.id);
    expect(d.status).toBe('done');
    expect(d.nextRunAt).toBeNull();
    expect(d.deliveries.map((e: { status: string }) => e.status)).toEqual(['delivered']);
    expect(d.deliveries[0].lagMs).toBeLessThan(2000);
  });

  test('a failed delivery is retried with backoff and logged; only the failed recipient is retried', async () => {
    const a = await instance({ env: FAST_RETRY });
    a.failNext(1);
    const r = await create(a, { text: '提出期限です', target: { platform: 'teams', userIds: ['T1', 'T2'] }, at: inMs(800) });
    await until(() => a.sent.length >= 2);
    await quiet([a]);
    // T1 failed on the first attempt, T2 got it then; the retry sends to T1 only.
    expect(a.sent.map((s) => s.target.userId)).toEqual(['T2', 'T1']);
    const d = await detail(a, r.id);
    expect(d.deliveries.map((e: { status: string; attempt: number }) => [e.status, e.attempt])).toEqual([
      ['retrying', 1],
      ['delivered', 2],
    ]);
    expect(d.deliveries[0].error).toContain('channel_not_found');
  });

  test('when every attempt fails the run is logged as failed, never dropped silently', async () => {
    const a = await instance({ env: FAST_RETRY });
    a.failNext(100);
    const r = await create(a, { text: '提出期限です', target: { platform: 'slack', channelId: 'C1' }, at: inMs(500) });
    await until(async () => (await detail(a, r.id)).deliveries.some((e: { status: string }) => e.status === 'failed'), 8000);
    const d = await detail(a, r.id);
    expect(d.deliveries.map((e: { status: string }) => e.status)).toEqual(['retrying', 'retrying', 'failed']);
    expect(d.status).toBe('done');
    expect(a.sent).toEqual([]);
  });

  test('a paused reminder does not fire; a deleted one neither', async () => {
    const a = await instance({ env: FAST_RETRY });
    // Due in 2 s: ample time to pause and delete first, even on a slow CI machine.
    const p = await create(a, { text: 'paused', target: { platform: 'slack', channelId: 'C1' }, at: inMs(2000) });
    const d = await create(a, { text: 'deleted', target: { platform: 'slack', channelId: 'C1' }, at: inMs(2000) });
    expect((await fetch(`${a.base}/api/reminders/${p.id}/pause`, { method: 'POST', headers: auth })).status).toBe(200);
    expect((await fetch(`${a.base}/api/reminders/${d.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    // Quiet within a horizon past the planned run: a run left armed would have fired first.
    await quiet([a], 60_000);
    expect(a.sent).toEqual([]);
  });
});

describe('BullMQ on Redis', () => {
  test('two instances on one Redis deliver a one-shot reminder exactly once, within two seconds', async () => {
    const ns = namespace();
    const a = await instance({ name: 'a', env: { ...ns.env, ...FAST_RETRY } });
    const b = await instance({ name: 'b', env: { ...ns.env, ...FAST_RETRY } });
    expect(a.reminders.scheduler.kind).toBe('bullmq');
    const r = await create(a, { text: '一度だけ', target: { platform: 'slack', channelId: 'C1' }, at: inMs(1500) });
    const runAtMs = Date.parse(r.nextRunAt!);
    // Both instances schedule the same run (as both would after a restart): still one job.
    await b.reminders.scheduler.schedule({ reminderId: r.id, runAtMs });
    await b.reminders.service.recover();
    await a.reminders.service.recover();
    await until(() => a.sent.length + b.sent.length >= 1, 6000);
    await quiet([a, b]);
    const all = [...a.sent, ...b.sent];
    expect(all).toHaveLength(1);
    expect(all[0]!.at - runAtMs).toBeLessThan(2000);
    expect(all[0]!.at - runAtMs).toBeGreaterThanOrEqual(-50);
    const d = await detail(b, r.id);
    expect(d.deliveries.map((e: { status: string }) => e.status)).toEqual(['delivered']);
    expect(d.status).toBe('done');
  });

  test('a restart between scheduling and firing: the run is delivered once at start-up', async () => {
    const ns = namespace();
    const a = await instance({ name: 'a', env: { ...ns.env, ...FAST_RETRY } });
    const r = await create(a, { text: '再起動後', target: { platform: 'slack', channelId: 'C1' }, at: inMs(1000) });
    await a.close();
    open.splice(open.indexOf(a), 1);
    await sleep(2000); // Everything is down when the run is due.
    expect(a.sent).toEqual([]);
    const b = await instance({ name: 'b', env: { ...ns.env, ...FAST_RETRY } });
    await until(() => b.sent.length >= 1, 5000);
    await quiet([b]);
    expect(b.sent).toHaveLength(1);
    const d = await detail(b, r.id);
    expect(d.deliveries.map((e: { status: string }) => e.status)).toEqual(['delivered']);
    expect(d.deliveries[0].lagMs).toBeGreaterThan(900);
  });

  test('runs missed for longer than the catch-up age are skipped and logged, and a cron goes on', async () => {
    const ns = namespace();
    const env = { ...ns.env, ...FAST_RETRY, REMINDER_CATCHUP_MAX_AGE_MINUTES: '1' };
    const a = await instance({ name: 'a', env, start: false });
    // Neither schedule can fall due during the test: the one-shot is an hour ahead, the cron's
    // runs are 12 hours either side of now. The downtime is simulated by moving their stored
    // run two minutes into the past (older than the one-minute catch-up age).
    const once = await create(a, { text: '古すぎる', target: { platform: 'slack', channelId: 'C1' }, at: inMs(60 * 60_000) });
    const daily = await create(a, { text: '毎日', target: { platform: 'slack', channelId: 'C1' }, ...dailyCronAwayFromNow() });
    const repo = new ReminderRepository(a.ctx.store);
    const past = new Date(Date.now() - 2 * 60_000).toISOString();
    await repo.update(once.id, (r) => ({ ...r, at: past, nextRunAt: past }));
    await repo.update(daily.id, (r) => ({ ...r, nextRunAt: past }));
    await a.close();
    open.splice(open.indexOf(a), 1);

    const b = await instance({ name: 'b', env });
    await until(async () => (await detail(b, daily.id)).deliveries.length > 0 && (await detail(b, once.id)).deliveries.length > 0, 5000);
    await quiet([b]);
    expect(b.sent).toEqual([]);
    const o = await detail(b, once.id);
    expect(o.deliveries.map((e: { status: string }) => e.status)).toEqual(['missed']);
    expect(o.status).toBe('done');
    const w = await detail(b, daily.id);
    expect(w.deliveries.map((e: { status: string }) => e.status)).toEqual(['missed']);
    expect(w.status).toBe('active');
    expect(w.nextRunAt).toBe(daily.nextRunAt);
    expect(w.lastRunAt).toBe(past);
  });

  test('after a long downtime, only the newest missed run young enough is sent, once; older ones are logged as missed', async () => {
    const ns = namespace();
    const env = { ...ns.env, ...FAST_RETRY, REMINDER_CATCHUP_MAX_AGE_MINUTES: '20' };
    // An hourly cron built around the current minute: runs 50, 30 and 5 minutes ago, and the next
    // one 10 minutes ahead, so no run falls due while the test runs (whatever the wall clock says).
    // Gaps of 20, 25 and 15 minutes keep it within the 15-minute minimum.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const at = (offsetMin: number) => minute + offsetMin * 60_000;
    const cron = `${[-50, -30, -5].map((o) => new Date(at(o)).getUTCMinutes()).sort((x, y) => x - y).join(',')} * * * *`;
    const a = await instance({ name: 'a', env, start: false });
    const r = await create(a, { text: '定時連絡', target: { platform: 'slack', channelId: 'C1' }, cron, timezone: 'UTC' });
    expect(r.nextRunAt).toBe(new Date(at(10)).toISOString());
    // Down for about 50 minutes: the stored run is 50 minutes old (missed), the newest missed one 5 (sent).
    await new ReminderRepository(a.ctx.store).update(r.id, (x) => ({ ...x, nextRunAt: new Date(at(-50)).toISOString() }));
    await a.close();
    open.splice(open.indexOf(a), 1);

    const b = await instance({ name: 'b', env });
    const c = await instance({ name: 'c', env });
    await until(() => b.sent.length + c.sent.length >= 1, 5000);
    await quiet([b, c]);
    expect(b.sent.length + c.sent.length).toBe(1);
    const d = await detail(b, r.id);
    expect(d.deliveries.map((e: { status: string }) => e.status)).toEqual(['missed', 'delivered']);
    expect(d.deliveries.map((e: { runAt: string }) => e.runAt)).toEqual([new Date(at(-50)).toISOString(), new Date(at(-5)).toISOString()]);
    expect(d.deliveries[1].lagMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(d.deliveries[1].lagMs).toBeLessThan(7 * 60_000);
    expect(d.lastRunAt).toBe(new Date(at(-5)).toISOString());
    expect(d.nextRunAt).toBe(new Date(at(10)).toISOString());
  });
});
