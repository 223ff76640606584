/**
 * Ticket figures for `npm run bench`, measured from outside like a real client:
 * - tickets created per second through POST /api/tickets (admin) on Redis, 16 requests in flight,
 *   with the route given (the ticket path alone) and with the route left to the core's decision,
 * - delivery lag p50/p99: ticket creation (201 received) → the office's mail accepted by an SMTP server,
 *   at a steady 20 tickets/s, and p99 during the burst (when deliveries queue behind creation).
 * The bot runs as `telework-bot serve` in its own process; Redis is REDIS_URL (default 127.0.0.1:6379)
 * under a prefix of its own that is deleted afterwards; the SMTP server is a loopback `smtp-server`.
 * Three runs; the medians are printed.
 */
import { createServer as createNetServer } from 'node:net';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { startServe, stopServe } from './serve-process.js';
import { median, percentile, round } from './stats.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'bench-admin-token-0123456789';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 400);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const PACED = 100;
const PACED_PER_SECOND = 20;
const QUESTIONS = ['テレワークの規程整備について担当者に相談したいです', '端末の暗号化の要件を個別に確認したいです', '特別交付税の対象経費について判断をお願いします'];

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** An SMTP server that notes when each ticket's mail arrived (ticket id from the Message-ID). */
async function startSmtp(): Promise<{ url: string; received: Map<string, number>; close: () => Promise<void> }> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const id = /Message-ID:\s*<(TW-\d{4}-\d+)\./i.exec(head)?.[1];
        if (id !== undefined && !received.has(id)) received.set(id, performance.now());
        cb();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function deletePrefix(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

/** Creates `n` tickets with IN_FLIGHT requests at a time; returns tickets/s and each ticket's creation time. */
async function createMany(base: string, n: number, withRoute: boolean): Promise<{ perSecond: number; createdAt: Map<string, number> }> {
  const createdAt = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${base}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'idempotency-key': `bench-${process.pid}-${withRoute}-${i}` },
        body: JSON.stringify({ question: `${QUESTIONS[i % QUESTIONS.length]}(${i})`, ...(withRoute ? { route: i % 2 ? 'hr' : 'security' } : {}) }),
      });
      if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${await res.text()}`);
      createdAt.set(((await res.json()) as { id: string }).id, performance.now());
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { perSecond: n / ((performance.now() - started) / 1000), createdAt };
}

/** Creates tickets at a steady rate (one at a time), as offices would see them; returns creation times. */
async function createPaced(base: string, n: number, perSecond: number): Promise<Map<string, number>> {
  const createdAt = new Map<string, number>();
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      (async () => {
        const res = await fetch(`${base}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ question: `${QUESTIONS[i % QUESTIONS.length]}(paced ${i})`, route: i % 2 ? 'hr' : 'security' }),
        });
        if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}`);
        createdAt.set(((await res.json()) as { id: string }).id, performance.now());
      })(),
    );
  }
  await Promise.all(pending);
  return createdAt;
}

async function waitForMails(received: Map<string, number>, ids: Iterable<string>, timeoutMs = 60_000): Promise<void> {
  const want = [...ids];
  const until = performance.now() + timeoutMs;
  while (want.some((id) => !received.has(id)) && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  const missing = want.filter((id) => !received.has(id)).length;
  if (missing > 0) throw new Error(`${missing} of ${want.length} mails did not arrive within ${timeoutMs / 1000} s`);
}

const lagsOf = (created: Map<string, number>, received: Map<string, number>): number[] => [...created].map(([id, at]) => received.get(id)! - at);

async function run(): Promise<{ routed: number; decided: number; lagP50: number; lagP99: number; burstP99: number }> {
  const prefix = `bench:tickets:${process.pid}:${Date.now()}:`;
  const smtp = await startSmtp();
  const port = await freePort();
  const { child, base } = await startServe({ PORT: String(port), REDIS_URL, REDIS_PREFIX: prefix, ADMIN_TOKEN: TOKEN, SMTP_URL: smtp.url, MAIL_FROM: 'bench@example.invalid', TICKET_DELIVERY_BACKOFF_MS: '200' });
  try {
    // Steady load first (the lag an office sees), then bursts (throughput, and the lag while a backlog drains).
    const paced = await createPaced(base, PACED, PACED_PER_SECOND);
    await waitForMails(smtp.received, paced.keys());
    const lags = lagsOf(paced, smtp.received);
    const routed = await createMany(base, TICKETS, true);
    await waitForMails(smtp.received, routed.createdAt.keys());
    const burst = lagsOf(routed.createdAt, smtp.received);
    const decided = await createMany(base, Math.round(TICKETS / 4), false);
    await waitForMails(smtp.received, decided.createdAt.keys());
    return { routed: routed.perSecond, decided: decided.perSecond, lagP50: percentile(lags, 50), lagP99: percentile(lags, 99), burstP99: percentile(burst, 99) };
  } finally {
    await stopServe(child);
    await smtp.close();
    await deletePrefix(prefix);
  }
}

/** The bench needs a real Redis; without one it says so and skips (the rest of `npm run bench` goes on). */
async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

if (!(await redisReachable())) {
  console.log(`\ntickets bench skipped: no Redis at ${REDIS_URL} (set REDIS_URL)`);
  process.exit(0);
}

try {
  const runs: Awaited<ReturnType<typeof run>>[] = [];
  for (let i = 0; i < 3; i++) runs.push(await run());
  const m = (k: keyof Awaited<ReturnType<typeof run>>) => median(runs.map((r) => r[k]));
  console.log('');
  console.log(`tickets (Redis, ${TICKETS} tickets per run, ${IN_FLIGHT} in flight, e-mail to a loopback SMTP server; medians of 3 runs)`);
  console.log(`  created per second, route given:          ${round(m('routed'), 0)}`);
  console.log(`  created per second, route from the core:  ${round(m('decided'), 0)}`);
  console.log(`  delivery lag (201 → SMTP receipt) at ${PACED_PER_SECOND} tickets/s: p50 ${round(m('lagP50'), 0)} ms, p99 ${round(m('lagP99'), 0)} ms`);
  console.log(`  delivery lag p99 during the ${TICKETS}-ticket burst (backlog draining): ${round(m('burstP99'), 0)} ms`);
} catch (e) {
  console.error(`tickets bench skipped: ${(e as Error).message}`);
  process.exitCode = 1;
}
