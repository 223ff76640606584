import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { AdapterContext, ChatAdapter } from '../../adapters/adapter.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { startTicketService, type TicketServiceOptions } from '../../src/tickets/start.js';
import { logSink } from '../support/log-sink.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

/** The tests' one Redis setting (test/support/redis.ts), under the name the ticket tests use. */
export const REDIS_URL = TEST_REDIS_URL;
export const ADMIN_TOKEN = 'tickets-admin-token-0123456789';

let botPromise: Promise<TeleworkBot> | null = null;
/** The small fixture knowledge: offices hr (hr@example.invalid) and security (sec@example.invalid). */
export const fixtureBot = (): Promise<TeleworkBot> => (botPromise ??= TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' }));

/** A prefix of our own: tests delete only these keys (and BullMQ's under `<prefix>bull`). */
export const newPrefix = (): string => `test:tickets:${process.pid}:${randomUUID().slice(0, 8)}:`;

/** Deletes only keys under `prefix` (SCAN, never FLUSHDB: the server is shared). */
export async function deletePrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Every key under a prefix (to prove nothing was half-written). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      out.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return out;
  } finally {
    r.disconnect();
  }
}

/** Every string value stored under a prefix, whatever the Redis type (to prove no personal data was stored). */
export async function storedUnder(prefix: string): Promise<string> {
  const r = new Redis(REDIS_URL);
  try {
    const out: string[] = [];
    for (const k of await keysUnder(prefix)) {
      const type = await r.type(k);
      if (type === 'string') out.push((await r.get(k)) ?? '');
      else if (type === 'list') out.push(...(await r.lrange(k, 0, -1)));
      else if (type === 'set') out.push(...(await r.smembers(k)));
      else if (type === 'hash') out.push(...Object.values(await r.hgetall(k)));
      else if (type === 'zset') out.push(...((await r.call('ZRANGE', k, '0', '-1')) as string[]));
    }
    return out.join('\n');
  } finally {
    r.disconnect();
  }
}

export interface TicketsServer {
  base: string;
  ctx: AdapterContext;
  store: Store;
  service: Awaited<ReturnType<typeof startTicketService>>['service'];
  /** Captured log lines (JSON) of this instance. */
  logs: string[];
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * One bot instance as `serve` builds it: the real app on loopback, the tickets service started
 * (worker, sweep), on Redis with the given prefix (or the embedded store), logs captured.
 */
export async function startTicketsServer(opts: {
  prefix: string;
  env?: Record<string, string>;
  redisUrl?: string | null;
  service?: TicketServiceOptions;
  adapters?: (ctx: AdapterContext) => Promise<ChatAdapter[]>;
}): Promise<TicketsServer> {
  const redisUrl = opts.redisUrl === undefined ? REDIS_URL : opts.redisUrl;
  const settings = loadSettings({
    LOG_LEVEL: 'debug',
    ADMIN_TOKEN,
    REDIS_PREFIX: opts.prefix,
    TICKET_DELIVERY_ATTEMPTS: '6',
    TICKET_DELIVERY_BACKOFF_MS: '200',
    // These suites escalate far more than a person would: flood limits are off here and proven
    // with their defaults in flood.test.ts.
    RATE_LIMIT_ASK_PER_MINUTE: '0',
    RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE: '0',
    RATE_LIMIT_ESCALATIONS_PER_DAY: '0',
    ...(redisUrl !== null ? { REDIS_URL: redisUrl } : {}),
    ...opts.env,
  });
  const { lines: logs, sink } = logSink();
  const logger = createLogger({ level: 'debug' }, sink);
  const store: Store = redisUrl !== null ? RedisStore.fromUrl(redisUrl, opts.prefix) : new MemoryStore();
  const ctx = buildContext({ bot: await fixtureBot(), store, logger, settings });
  const tickets = await startTicketService(ctx, { sweepMs: 500, smtpTimeoutMs: 1000, ...opts.service });
  const adapters = opts.adapters ? await opts.adapters(ctx) : [];
  const app = await createApp(ctx, adapters, [tickets]);
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  for (const a of adapters) await a.start?.();
  await tickets.start?.();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    ctx,
    store,
    service: tickets.service,
    logs,
    api: (path, init = {}) =>
      fetch(`${base}${path}`, {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? ADMIN_TOKEN}` }),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    async close() {
      for (const a of adapters) await a.stop();
      await tickets.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

/**
 * The suites' usual set-up: an SMTP sink and one tickets server mailing to it, started before the
 * file's tests and stopped after them (then only `prefix`'s keys deleted). Read `srv`/`smtp` inside tests.
 */
export function useMailedTicketsServer(prefix: string): { readonly srv: TicketsServer; readonly smtp: SmtpSink } {
  const live = {} as { srv: TicketsServer; smtp: SmtpSink };
  beforeAll(async () => {
    live.smtp = await startSmtpSink();
    live.srv = await startTicketsServer({ prefix, env: { SMTP_URL: live.smtp.url, MAIL_FROM: 'bot@example.invalid' } });
  });
  afterAll(async () => {
    await live.srv?.close();
    await live.smtp?.close();
    await deletePrefix(prefix);
  });
  return live;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined/false) or times out. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The personal data every test question carries; none of it may come out anywhere. */
export const PERSONAL = ['1234-5678-9012', '090-1234-5678', 'taro@example.jp', '山田太郎'];
export const QUESTION_WITH_PD = '山田太郎さん(マイナンバー 1234-5678-9012、電話 090-1234-5678、taro@example.jp)の端末の暗号化について、団体としての判断を教えてください。';
