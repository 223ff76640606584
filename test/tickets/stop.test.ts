import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import { createLogger } from '../../src/logging/logger.js';
import { buildContext } from '../../src/server/context.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { startTicketService } from '../../src/tickets/start.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { REDIS_URL, deletePrefix, fixtureBot, newPrefix, sleep, startTicketsServer } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

async function proxy(): Promise<TcpProxy> {
  const p = await startTcpProxy(6379);
  cleanups.push(() => p.close());
  return p;
}
function ownPrefix(): string {
  const p = newPrefix();
  cleanups.unshift(() => deletePrefix(p)); // runs last
  return p;
}
/** How long `work` took, or 'hung' after `limitMs` (so a test reports instead of timing out). */
async function timed(work: Promise<unknown>, limitMs = 15_000): Promise<number | 'hung'> {
  const started = Date.now();
  const r = await Promise.race([work.then(() => 'done' as const), sleep(limitMs).then(() => 'hung' as const)]);
  return r === 'hung' ? 'hung' : Date.now() - started;
}

describe('stopping while Redis is unreachable', () => {
  it('the BullMQ queue closes within its time limit, and an add waiting on Redis fails instead of hanging', async () => {
    const p = await proxy();
    const prefix = ownPrefix();
    const forced: number[] = [];
    const q = new BullJobQueue<string>(p.url, 'stop-test', `${prefix}bull`, { attempts: 2, backoffMs: 50 }, { onError: () => {}, onForcedClose: (ms) => void forced.push(ms) });
    const ran: string[] = [];
    await q.start(async (data) => void ran.push(data));
    await q.add('job-1', 'one');
    for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(50);
    expect(ran).toEqual(['one']);

    await p.cut();
    const waiting = q.add('job-2', 'two').then(
      () => 'added',
      (e: Error) => e.message,
    );
    await sleep(300);
    const took = await timed(q.close({ timeoutMs: 1000 }));
    expect(took).not.toBe('hung');
    expect(took as number).toBeLessThan(3500);
    expect(forced).toEqual([1000]);
    expect(await Promise.race([waiting, sleep(2000).then(() => 'still waiting')])).toMatch(/closed/i);
  });

  it('stop() resolves within its time limit with a sweep in flight on an unreachable queue', async () => {
    const p = await proxy();
    const prefix = ownPrefix();
    // The store stays reachable (direct); only the queue's Redis (through the proxy) goes away, so the sweep
    // finds pending deliveries and waits on queue adds.
    const store = RedisStore.fromUrl(REDIS_URL, prefix);
    cleanups.push(() => store.close());
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug' }, new Writable({ write: (c: Buffer, _e, cb) => void (logs.push(c.toString()), cb()) }));
    const settings = loadSettings({ REDIS_URL: p.url, REDIS_PREFIX: prefix, TICKET_ROUTES_JSON: JSON.stringify({ hr: { webhook: 'http://127.0.0.1:9/tickets' } }), TICKET_DELIVERY_BACKOFF_MS: '60000' });
    const ctx = buildContext({ bot: await fixtureBot(), store, logger, settings });
    const tickets = await startTicketService(ctx, { sweepMs: 100, stopTimeoutMs: 1500, enqueueTimeoutMs: 60_000 });
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await tickets.stop();
    });
    await tickets.start?.();
    expect(tickets.service['d'].queue.kind).toBe('bullmq');

    await p.cut();
    // Created while the queue is away: stored with a pending delivery, its own add left to the sweep.
    const created = tickets.service.create({ question: '規程について相談したいです', route: 'hr', requester: { platform: 'api', userId: 'ops' }, source: 'api' }, { admin: true });
    await sleep(800); // sweeps start every 100 ms and wait on the add
    const took = await timed(tickets.stop());
    stopped = took !== 'hung';
    expect(took).not.toBe('hung');
    expect(took as number).toBeLessThan(4000);
    expect(logs.some((l) => l.includes('did not finish within 1500 ms'))).toBe(true);
    expect(logs.some((l) => l.includes('connections were dropped'))).toBe(true);
    // The request's own add fails with the dropped connection too: the ticket is kept, pending.
    const { ticket } = await created;
    expect((await tickets.service.get(ticket.id))!.deliveries).toEqual({ webhook: 'pending' });
  });

  it('a whole server (store and queue on the unreachable Redis) closes within a few seconds', async () => {
    const p = await proxy();
    const prefix = ownPrefix();
    const srv = await startTicketsServer({ prefix, redisUrl: p.url, service: { stopTimeoutMs: 1500 } });
    const res = await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' } });
    expect(res.status).toBe(201);
    await p.cut();
    await sleep(700);
    const took = await timed(srv.close());
    expect(took).not.toBe('hung');
    expect(took as number).toBeLessThan(4500);
  });
});
