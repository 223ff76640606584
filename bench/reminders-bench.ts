/**
 * Reminder figures for `npm run bench` (real Redis and BullMQ, own key prefix, removed afterwards):
 * - scheduling 10,000 cron reminders through the service: time and Redis memory used,
 * - delivery lag p50/p99/max when 1,000 one-shot reminders fall due in the same minute (all
 *   at the same instant, the worst case), delivered by two instances sharing the queue.
 * Needs Redis: REDIS_URL, else redis://127.0.0.1:6379; skipped with a note when unreachable.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { AuditLog } from '../src/audit/audit-log.js';
import { Messengers } from '../src/core/messenger.js';
import { createLogger } from '../src/logging/logger.js';
import { BullMqScheduler } from '../src/reminders/bullmq-scheduler.js';
import { ReminderRepository } from '../src/reminders/repository.js';
import { ReminderRunner } from '../src/reminders/runner.js';
import { ReminderService } from '../src/reminders/service.js';
import { RedisStore } from '../src/store/redis-store.js';
import { percentile, round } from './stats.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SCHEDULED = Number(process.env['BENCH_REMINDERS'] ?? 10_000);
const BURST = Number(process.env['BENCH_REMINDER_BURST'] ?? 1_000);
const logger = createLogger({ level: 'silent' });

async function usedMemory(r: Redis): Promise<number> {
  const info = await r.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** One instance: store, scheduler (BullMQ), service and runner, with a messenger that records send times. */
function instance(prefix: string, sent: Map<string, number>) {
  const store = RedisStore.fromUrl(REDIS_URL, prefix);
  const scheduler = new BullMqScheduler({ redisUrl: REDIS_URL, redisPrefix: prefix, logger, concurrency: 200 });
  const repo = new ReminderRepository(store);
  const messengers = new Messengers();
  messengers.register({
    platform: 'slack',
    async send(target) {
      sent.set(target.channelId ?? '', Date.now());
    },
  });
  const runner = new ReminderRunner({ repo, messengers, scheduler, logger, catchUpMaxAgeMs: 3_600_000, instance: prefix });
  const service = new ReminderService({ repo, scheduler, audit: new AuditLog(store), logger });
  return { store, scheduler, service, runner };
}

async function cleanup(r: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length > 0) await r.unlink(...keys);
  } while (cursor !== '0');
}

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (i < items.length) await work(items[i++]!);
  }));
}

async function main(): Promise<void> {
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
  try {
    await admin.connect();
    await admin.ping();
  } catch {
    console.log(`\nreminders: skipped (no Redis at ${REDIS_URL})`);
    admin.disconnect();
    return;
  }
  const prefix = `bench:reminders:${randomUUID().slice(0, 8)}:`;
  const sent = new Map<string, number>();
  const a = instance(prefix, sent);
  const b = instance(prefix, sent);
  try {
    // 1) Scheduling 10,000 reminders (weekday 9:00 with holidays skipped), 20 requests in flight.
    const before = await usedMemory(admin);
    const items = Array.from({ length: SCHEDULED }, (_, i) => i);
    const t0 = performance.now();
    await pool(items, 20, async (i) => {
      await a.service.create({ text: `勤怠入力のお願い #${i} {date}`, target: { platform: 'slack', channelId: `CSCHED${i}` }, cron: `${i % 60} 9 * * 1-5`, skipHolidays: true, skipYearEnd: true }, { admin: true });
    });
    const scheduleMs = performance.now() - t0;
    const after = await usedMemory(admin);
    const delayed = (await a.scheduler.counts())['delayed'] ?? 0;
    // The 10,000 are not needed for the burst; clear them so the burst measures delivery only.
    await a.scheduler.obliterate();
    await cleanup(admin, prefix);

    // 2) 1,000 one-shot reminders due at the same instant, two instances delivering.
    await a.scheduler.start(async (job, at) => void (await a.runner.fire(job, at)));
    await b.scheduler.start(async (job, at) => void (await b.runner.fire(job, at)));
    const due = Date.now() + 15_000;
    const burst = Array.from({ length: BURST }, (_, i) => i);
    await pool(burst, 20, async (i) => {
      await a.service.create({ text: `一斉 #${i}`, target: { platform: 'slack', channelId: `CBURST${i}` }, at: new Date(due).toISOString() }, { admin: true });
    });
    if (Date.now() > due) throw new Error('creating the burst took longer than its lead time');
    const deadline = due + 60_000;
    while (sent.size < BURST && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const lags = [...sent.values()].map((t) => t - due);

    console.log('\nreminders (Redis + BullMQ)');
    console.log(`  schedule ${SCHEDULED.toLocaleString('en-US')} cron reminders: ${round(scheduleMs / 1000, 2)} s (${round(SCHEDULED / (scheduleMs / 1000), 0)}/s), ${delayed.toLocaleString('en-US')} delayed jobs`);
    console.log(`  Redis memory for them: ${round((after - before) / 1024 / 1024, 1)} MiB (${round((after - before) / SCHEDULED, 0)} bytes per reminder, incl. audit entries)`);
    console.log(`  ${BURST.toLocaleString('en-US')} due at the same instant, 2 instances: delivered ${sent.size}, lag p50 ${percentile(lags, 50)} ms, p99 ${percentile(lags, 99)} ms, max ${Math.max(...lags)} ms`);
  } finally {
    await a.scheduler.stop();
    await b.scheduler.stop();
    await a.store.close();
    await b.store.close();
    await cleanup(admin, prefix);
    await admin.quit();
  }
}

main().catch((e: unknown) => {
  console.error(`reminders bench failed: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
});
