import { Queue, Worker } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { createRedisClient } from '../store/redis-store.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, settlesWithin, type JobHandler, type JobQueue, type RetryPolicy } from './queue.js';

const DAY_S = 24 * 60 * 60;
/** After a forced close, how long to wait for BullMQ to notice its dropped connections. */
const FORCED_GRACE_MS = 1000;

/**
 * Disconnects for good, failing every command still waiting. ioredis' disconnect() on a client that
 * is between reconnect attempts (status 'reconnecting', no socket) only cancels the retry timer: no
 * close event follows, so its queued commands would wait for ever and 'end' never comes. That close
 * is finished here, as ioredis itself does for a manual close (status 'end', queue flushed).
 * setStatus and flushQueue are ioredis internals with no public equivalent: package.json pins the
 * exact ioredis version, and test/jobs/ioredis-internals.test.ts checks this path on it.
 */
export function dropConnection(c: Redis | Cluster): void {
  c.disconnect();
  if (c.status === 'reconnecting') {
    const internals = c as unknown as { setStatus?: (s: string) => void; flushQueue?: (e: Error) => void };
    internals.setStatus?.call(c, 'end');
    internals.flushQueue?.call(c, new Error('Connection is closed.'));
  }
}

/**
 * BullMQ on Redis: jobs survive restarts and are shared by every instance; the custom job id
 * makes a second add (from any instance) a no-op, and BullMQ's lock runs each job on one worker.
 */
export class BullJobQueue<T> implements JobQueue<T> {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private closing: Promise<void> | null = null;
  // BullMQ wants its own connections with maxRetriesPerRequest: null (blocking commands).
  private readonly queueConnection: Redis | Cluster;
  private readonly workerConnection: Redis | Cluster;

  constructor(
    redisUrl: string,
    readonly name: string,
    private readonly prefix: string,
    private readonly policy: RetryPolicy,
    private readonly opts: {
      concurrency?: number;
      onError?: (e: Error) => void;
      /** Told when close() ran out of time and dropped the connections (Redis unreachable, a job stuck). */
      onForcedClose?: (timeoutMs: number) => void;
    } = {},
  ) {
    const options = { maxRetriesPerRequest: null, connectTimeout: 3000 };
    this.queueConnection = createRedisClient(redisUrl, options);
    this.workerConnection = createRedisClient(redisUrl, options);
    // Without listeners ioredis prints every failed reconnect as an unhandled error.
    for (const c of [this.queueConnection, this.workerConnection]) c.on('error', (e: Error) => this.opts.onError?.(e));
    this.queue = new Queue(name, { connection: this.queueConnection, prefix });
    this.queue.on('error', (e: Error) => this.opts.onError?.(e));
  }

  async add(jobId: string, data: T): Promise<void> {
    await this.queue.add(this.name, data, {
      jobId,
      attempts: this.policy.attempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      // Kept for a while so that a repeated add with the same id stays a no-op.
      removeOnComplete: { age: 7 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    });
  }

  async start(handler: JobHandler<T>): Promise<void> {
    const attempts = this.policy.attempts;
    this.worker = new Worker(
      this.name,
      async (job) => {
        const attempt = job.attemptsMade + 1;
        await handler(job.data as T, { jobId: job.id ?? '', attempt, final: attempt >= attempts });
      },
      { connection: this.workerConnection, prefix: this.prefix, concurrency: this.opts.concurrency ?? 16 },
    );
    this.worker.on('error', (e: Error) => this.opts.onError?.(e));
  }

  /**
   * Graceful first: running jobs finish, then QUIT. Every one of these waits for Redis (the
   * connections keep commands while offline, with no retry limit, as BullMQ needs), so after
   * `timeoutMs` the close is forced: the worker and queue drop their connections, ours are
   * disconnected, and whatever still waited on Redis (a job, an add, a QUIT) fails at once.
   * (worker.close(true) cannot be used at that point: BullMQ keeps the first close call's promise.)
   */
  close(opts: { timeoutMs?: number } = {}): Promise<void> {
    return (this.closing ??= this.shutdown(opts.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS));
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const connections = [this.queueConnection, this.workerConnection];
    let clean = false;
    const graceful = (async () => {
      await this.worker?.close();
      await this.queue.close();
      await Promise.all(connections.map((c) => c.quit()));
      clean = true;
    })();
    await settlesWithin(graceful, timeoutMs);
    if (clean) return;
    this.opts.onForcedClose?.(timeoutMs);
    for (const c of connections) dropConnection(c);
    // BullMQ's own blocking connection (a duplicate of ours) is dropped the same way.
    const blocking = (this.worker?.getBackend() as { blockingClient?: Promise<Redis | Cluster> } | undefined)?.blockingClient;
    const drops = [blocking?.then(dropConnection, () => {})];
    await settlesWithin(Promise.allSettled([graceful, ...drops]), FORCED_GRACE_MS);
  }
}
