import { Cluster, Redis } from 'ioredis';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { BullMqScheduler, bullPrefixFor } from '../../src/reminders/bullmq-scheduler.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { REDIS_URL, redisNamespace, sleep, until } from './harness.js';

const quiet = createLogger({ level: 'silent' });

/** Records warnings, so a test can see that stop() had to force. */
function recordingLogger() {
  const warnings: string[] = [];
  return {
    warnings,
    logger: { error: () => {}, info: () => {}, warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') } as unknown as ConstructorParameters<typeof BullMqScheduler>[0]['logger'],
  };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});

const redisPort = Number(new URL(REDIS_URL).port || 6379);
const redisHost = new URL(REDIS_URL).hostname;

/** A scheduler reaching Redis through a proxy the test can cut, in its own key namespace. */
async function throughProxy(extra: { stopTimeoutMs?: number } = {}) {
  const proxy: TcpProxy = await startTcpProxy(redisPort, redisHost);
  const ns = redisNamespace();
  cleanups.push(() => proxy.close(), () => ns.cleanup());
  const { logger, warnings } = recordingLogger();
  const scheduler = new BullMqScheduler({ redisUrl: proxy.url, redisPrefix: ns.prefix, logger, retry: { attempts: 1, backoffMs: 100 }, ...extra });
  return { proxy, ns, scheduler, warnings };
}

describe('BullMQ key prefix', () => {
  test('the deployment prefix plus "bull"; in a Cluster hash tag for redis+cluster://, as tickets do', () => {
    expect(bullPrefixFor('redis://127.0.0.1:6379', 'telework:')).toBe('telework:bull');
    expect(bullPrefixFor('redis+sentinel://h1:26379,h2:26379/mymaster', 'telework:')).toBe('telework:bull');
    expect(bullPrefixFor('redis+cluster://h1:6379,h2:6379', 'telework:')).toBe('{telework:bull}');
    expect(bullPrefixFor('redis+cluster://h1:6379', 'x:::')).toBe('{x:bull}');
  });
});

describe('BullMqScheduler connections', () => {
  test('a redis+cluster:// URL gets Cluster connections (createRedisClient), and stop() still returns promptly with no node up', async () => {
    // Port 1 refuses connections: the cluster never becomes ready.
    const { logger } = recordingLogger();
    const s = new BullMqScheduler({ redisUrl: 'redis+cluster://127.0.0.1:1', redisPrefix: 'test:reminders:cluster:', logger, stopTimeoutMs: 500 });
    const conn = (s as unknown as { queueConnection: unknown }).queueConnection;
    expect(conn).toBeInstanceOf(Cluster);
    expect((conn as Cluster).options.redisOptions?.maxRetriesPerRequest).toBeNull();
    const t0 = Date.now();
    await s.stop();
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  test('a redis:// URL gets plain connections with maxRetriesPerRequest null (BullMQ requires it)', async () => {
    const ns = redisNamespace();
    cleanups.push(() => ns.cleanup());
    const s = new BullMqScheduler({ redisUrl: REDIS_URL, redisPrefix: ns.prefix, logger: quiet });
    cleanups.push(() => s.stop());
    const conn = (s as unknown as { queueConnection: Redis }).queueConnection;
    expect(conn).toBeInstanceOf(Redis);
    expect(conn.options.maxRetriesPerRequest).toBeNull();
    await s.schedule({ reminderId: 'rem_aaaaaaaaaaaa', runAtMs: Date.now() + 60 * 60_000 });
    expect((await s.counts())['delayed']).toBe(1);
    const keys = await conn.keys(`${ns.prefix}bull:reminders:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});

describe('BullMqScheduler.stop()', () => {
  test('with Redis healthy, stop waits for a run in progress and returns quickly, without forcing', async () => {
    const { scheduler, warnings } = await throughProxy();
    let finished = false;
    let started = false;
    await scheduler.start(async () => {
      started = true;
      await sleep(400);
      finished = true;
    });
    await scheduler.schedule({ reminderId: 'rem_bbbbbbbbbbbb', runAtMs: Date.now() });
    await until(() => started, 5000);
    const t0 = Date.now();
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(warnings).toEqual([]);
  });

  test('with Redis gone (proxy cut), stop returns within its time limit, having disconnected for good', async () => {
    const { proxy, scheduler, warnings } = await throughProxy({ stopTimeoutMs: 1000 });
    await scheduler.start(async () => {});
    await scheduler.schedule({ reminderId: 'rem_cccccccccccc', runAtMs: Date.now() + 60 * 60_000 });
    await proxy.cut();
    await sleep(200); // the worker is now blocked on a dead connection
    const t0 = Date.now();
    await scheduler.stop();
    const took = Date.now() - t0;
    expect(took).toBeLessThan(3000);
    expect(warnings.some((w) => w.includes('by force'))).toBe(true);
    // Disconnected for good: nothing reconnects once Redis is back.
    await proxy.restore();
    await sleep(1000);
    const s = scheduler as unknown as { queueConnection: Redis; workerConnection: Redis };
    for (const c of [s.queueConnection, s.workerConnection]) expect(['connecting', 'connect', 'ready']).not.toContain(c.status);
  });

  test('a command stuck in the offline queue (maxRetriesPerRequest null) does not hold stop() up', async () => {
    const { proxy, scheduler } = await throughProxy();
    await scheduler.start(async () => {});
    await proxy.cut();
    void scheduler.schedule({ reminderId: 'rem_dddddddddddd', runAtMs: Date.now() + 60_000 }).catch(() => {});
    const t0 = Date.now();
    await scheduler.stop();
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  test('a run that never finishes: stop gives up after the default 5 s and forces the worker closed', async () => {
    const { scheduler, warnings } = await throughProxy();
    let started = false;
    await scheduler.start(async () => {
      started = true;
      await new Promise(() => {}); // hangs for ever (a send that never returns)
    });
    await scheduler.schedule({ reminderId: 'rem_eeeeeeeeeeee', runAtMs: Date.now() });
    await until(() => started, 5000);
    const t0 = Date.now();
    await scheduler.stop();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(7000);
    expect(warnings.some((w) => w.includes('by force'))).toBe(true);
  }, 20_000);
});
