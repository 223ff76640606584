import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { ReminderIdSchema } from './model.js';
import { DEFAULT_RETRY, type FireHandler, type FireJob, type FireScheduler, type RetryPolicy, jobIdOf } from './scheduler.js';

export const REMINDER_QUEUE = 'reminders';

/** BullMQ's key prefix for a deployment prefix: "telework:" → "telework:bull". */
export const bullPrefixFor = (redisPrefix: string): string => `${redisPrefix.replace(/:+$/, '')}:bull`;

export interface BullMqSchedulerOptions {
  redisUrl: string;
  /** The deployment's REDIS_PREFIX; BullMQ keys live under `${prefix}bull:`. */
  redisPrefix: string;
  logger: Pick<Logger, 'error' | 'warn' | 'info'>;
  retry?: RetryPolicy;
  /** Runs delivered at the same time by one instance (1,000 may be due in the same minute). */
  concurrency?: number;
}

const DAY_S = 24 * 60 * 60;

/** Job data comes back from Redis: checked before it is trusted. */
const FireJobSchema = z.object({ reminderId: ReminderIdSchema, runAtMs: z.number().int().positive() });

/**
 * One delayed BullMQ job per run, with the deterministic id `${reminderId}-${runAtMs}`: every
 * instance may schedule the same run, BullMQ keeps one job, and one worker takes it (exactly
 * once across instances). Failed runs are retried with exponential backoff by BullMQ.
 */
export class BullMqScheduler implements FireScheduler {
  readonly kind = 'bullmq' as const;
  private readonly queue: Queue<FireJob>;
  private readonly queueConnection: Redis;
  private worker: Worker<FireJob> | null = null;
  private workerConnection: Redis | null = null;
  private readonly retry: RetryPolicy;
  private readonly prefix: string;

  constructor(private readonly opts: BullMqSchedulerOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.prefix = bullPrefixFor(opts.redisPrefix);
    this.queueConnection = this.connect();
    this.queue = new Queue<FireJob>(REMINDER_QUEUE, { connection: this.queueConnection, prefix: this.prefix });
    this.queue.on('error', (err) => opts.logger.warn({ err }, 'reminder queue error'));
  }

  /** BullMQ wants its own connections, and maxRetriesPerRequest null so blocking reads never give up. */
  private connect(): Redis {
    const c = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: null });
    c.on('error', (err: Error) => this.opts.logger.warn({ err }, 'reminder queue connection error'));
    return c;
  }

  async schedule(job: FireJob): Promise<void> {
    await this.queue.add('fire', job, {
      jobId: jobIdOf(job),
      delay: Math.max(0, job.runAtMs - Date.now()),
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      // Kept a while for inspection, then dropped; the run markers guard against a late re-add.
      removeOnComplete: { age: DAY_S, count: 10_000 },
      removeOnFail: { age: 7 * DAY_S },
    });
  }

  async cancel(job: FireJob): Promise<void> {
    try {
      await this.queue.remove(jobIdOf(job));
    } catch (err) {
      // A run being processed is locked; the runner sees the new status and skips it.
      this.opts.logger.warn({ err, reminderId: job.reminderId }, 'could not remove a scheduled reminder run');
    }
  }

  async start(handler: FireHandler): Promise<void> {
    this.workerConnection = this.connect();
    this.worker = new Worker<FireJob>(
      REMINDER_QUEUE,
      async (job) => {
        const data = FireJobSchema.safeParse(job.data);
        if (!data.success) {
          this.opts.logger.error({ jobId: job.id }, 'malformed reminder job dropped');
          return;
        }
        const attempt = job.attemptsMade + 1;
        await handler(data.data, { attempt, final: attempt >= (job.opts.attempts ?? 1) });
      },
      { connection: this.workerConnection, prefix: this.prefix, concurrency: this.opts.concurrency ?? 100 },
    );
    this.worker.on('error', (err) => this.opts.logger.warn({ err }, 'reminder worker error'));
    await this.worker.waitUntilReady();
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    for (const c of [this.workerConnection, this.queueConnection]) {
      if (c === null) continue;
      try {
        await c.quit();
      } catch {
        c.disconnect();
      }
    }
  }

  /** Jobs waiting or delayed (for the benchmark and tests). */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('delayed', 'waiting', 'active', 'completed', 'failed');
  }

  /** Removes this queue's keys entirely (tests and the benchmark only). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}
