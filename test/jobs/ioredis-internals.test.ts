import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { dropConnection } from '../../src/jobs/bullmq-queue.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/**
 * The BullMQ queue's forced close calls two ioredis internals (setStatus, flushQueue) on a client
 * that is between reconnect attempts. package.json pins ioredis exactly; this checks the pin and
 * that the path still does what the queue relies on, so an upgrade that breaks it fails here.
 */
const proxies: TcpProxy[] = [];
const clients: Redis[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.disconnect();
  for (const p of proxies.splice(0)) await p.close();
});

describe('ioredis internals used by the BullMQ queue', () => {
  it('runs on the exact ioredis version package.json pins', () => {
    const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies['ioredis'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const installed = (JSON.parse(readFileSync('node_modules/ioredis/package.json', 'utf8')) as { version: string }).version;
    expect(installed).toBe(pinned);
  });

  it('a client between reconnect attempts ends for good, and its queued command fails at once', async () => {
    const target = new URL(TEST_REDIS_URL);
    const p = await startTcpProxy(Number(target.port || 6379), target.hostname);
    proxies.push(p);
    const c = new Redis(p.url, { maxRetriesPerRequest: null, retryStrategy: () => 60_000 });
    clients.push(c);
    c.on('error', () => {});
    expect(await c.ping()).toBe('PONG');
    await p.cut();
    await new Promise<void>((resolve) => {
      const check = (): void => (c.status === 'reconnecting' ? resolve() : void setTimeout(check, 10));
      check();
    });
    const queued = c.get('never-answered').then(
      () => 'answered',
      (e: Error) => e.message,
    );
    const ended = new Promise<void>((r) => c.once('end', () => r()));
    dropConnection(c);
    expect(c.status).toBe('end');
    expect(await queued).toBe('Connection is closed.');
    await ended;
  });
});
