import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { AdapterContext } from '../../adapters/adapter.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import type { ConversationTarget, OutboundMessage } from '../../src/core/messenger.js';
import { createLogger } from '../../src/logging/logger.js';
import { remindersFor, type RemindersHandle } from '../../src/reminders/start.js';
import { createApp } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { type RunningService, startServices } from '../../src/server/services.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { TEST_REDIS_URL } from '../support/redis.js';

/** The tests' one Redis setting (test/support/redis.ts), under the name the reminder tests use. */
export const REDIS_URL = TEST_REDIS_URL;
export const ADMIN = 'admin-token-0123456789';
export const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

export interface Sent {
  target: ConversationTarget;
  message: OutboundMessage;
  at: number;
  instance: string;
}

let bot: Promise<TeleworkBot> | null = null;
const sharedBot = (): Promise<TeleworkBot> => (bot ??= TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' }));

export interface Instance {
  name: string;
  base: string;
  ctx: AdapterContext;
  reminders: RemindersHandle;
  services: RunningService[];
  /** What this instance's messengers sent. */
  sent: Sent[];
  /** Make the next `n` sends throw (a Slack API error, say). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** A unique key prefix for one test on the shared Redis, and a way to delete exactly its keys. */
export function redisNamespace(): { prefix: string; env: Record<string, string>; cleanup(): Promise<void> } {
  const prefix = `test:reminders:${randomUUID().slice(0, 8)}:`;
  return {
    prefix,
    env: { REDIS_URL, REDIS_PREFIX: prefix },
    async cleanup() {
      const r = new Redis(REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await r.del(...keys);
        } while (cursor !== '0');
      } finally {
        await r.quit();
      }
    },
  };
}

/**
 * One instance of the server's reminder side: the real app (admin API), the real services, a
 * recording messenger for Slack and Teams, on the memory store or a Redis namespace.
 */
export async function startInstance(opts: { name?: string; env?: Record<string, string>; start?: boolean } = {}): Promise<Instance> {
  const settings = loadSettings({ LOG_LEVEL: 'silent', ADMIN_TOKEN: ADMIN, ...opts.env });
  const store: Store = settings.REDIS_URL !== undefined ? RedisStore.fromUrl(settings.REDIS_URL, settings.REDIS_PREFIX) : new MemoryStore();
  const ctx = buildContext({ bot: await sharedBot(), store, logger: createLogger({ level: 'silent' }), settings });
  const name = opts.name ?? 'a';
  const sent: Sent[] = [];
  let failures = 0;
  for (const platform of ['slack', 'teams'] as const) {
    ctx.messengers.register({
      platform,
      async send(target, message) {
        if (failures > 0) {
          failures--;
          throw new Error('stub: channel_not_found');
        }
        sent.push({ target, message, at: Date.now(), instance: name });
      },
    });
  }
  const services = await startServices(ctx);
  const app = await createApp(ctx, [], services);
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  if (opts.start !== false) for (const s of services) await s.start?.();
  const reminders = remindersFor(store);
  if (reminders === undefined) throw new Error('the reminders service did not start');
  return {
    name,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ctx,
    reminders,
    services,
    sent,
    failNext(n) {
      failures = n;
    },
    async close() {
      for (const s of services) await s.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` is true or the time is up. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(stepMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

/**
 * Waits until the instances' schedulers are quiet: no run waiting or in progress, and none due
 * within `horizonMs`. Asserting "nothing more was sent" after this catches a late duplicate,
 * whatever its delay, where a fixed sleep would only catch a quick one.
 */
export async function quiet(instances: Instance[], horizonMs = 30_000, timeoutMs = 15_000): Promise<void> {
  await until(async () => {
    for (const i of instances) {
      const s = i.reminders.scheduler as unknown as { quietFor(ms: number): Promise<boolean> };
      if (!(await s.quietFor(horizonMs))) return false;
    }
    return true;
  }, timeoutMs);
}

/** An ISO time `ms` from now, for one-shot reminders in tests. */
export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

const DAY_MS = 24 * 60 * 60 * 1000;
const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;

/**
 * A weekly cron in Asia/Tokyo whose runs are all `awayMs` or more from now (3.5 days by
 * default: the one before is 3.5 days ago, the next 3.5 days ahead), so no run can fall due
 * while a test runs, whatever the wall clock says. With the JST weekday and time it runs at.
 */
export function weeklyCronAwayFromNow(awayMs = 3.5 * DAY_MS): { cron: string; weekdayJa: string; hhmm: string } {
  const jst = new Date(Date.now() + awayMs + 9 * 60 * 60 * 1000);
  const [h, m, dow] = [jst.getUTCHours(), jst.getUTCMinutes(), jst.getUTCDay()];
  return { cron: `${m} ${h} * * ${dow}`, weekdayJa: JA_WEEKDAYS[dow]!, hhmm: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` };
}

/** A daily cron in UTC at now + 12 h: no run within 12 hours either side of now. */
export function dailyCronAwayFromNow(): { cron: string; timezone: 'UTC' } {
  const t = new Date(Date.now() + DAY_MS / 2);
  return { cron: `${t.getUTCMinutes()} ${t.getUTCHours()} * * *`, timezone: 'UTC' };
}
