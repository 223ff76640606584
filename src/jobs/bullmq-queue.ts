import { Queue, Worker } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { createRedisClient } from '../store/redis-store.js';
import type { JobHandler, JobQueue, RetryPolicy } from './queue.js';

const DAY_S = 24 * 60 * 60;

/**
 * BullMQ on Redis: jobs survive restarts and are shared by every instance; the custom job id
 * makes a second add (from any instance) a no-op, and BullMQ's lock runs each job on one worker.
 */
export class BullJobQueue<T> implements JobQueue<T> {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  // BullMQ wants its own connections with maxRetriesPerRequest: null (blocking commands).
  private readonly queueConnection: Redis | Cluster;
  private readonly workerConnection: Redis | Cluster;

  constructor(
    redisUrl: string,
    readonly name: string,
    private readonly prefix: string,
    private readonly policy: RetryPolicy,
    private readonly opts: { concurrency?: number; onError?: (e: Error) => void } = {},
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

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    for (const c of [this.queueConnection, this.workerConnection]) {
      try {
        await c.quit();
      } catch {
        c.disconnect();
      }
    }
  }
}
