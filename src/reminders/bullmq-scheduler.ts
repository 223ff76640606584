import { Queue, Worker } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { createRedisClient } from '../store/redis-store.js';
import { ReminderIdSchema } from './model.js';
import { DEFAULT_RETRY, type FireHandler, type FireJob, type FireScheduler, type RetryPolicy, jobIdOf } from './scheduler.js';

export const REMINDER_QUEUE = 'reminders';

/**
 * BullMQ's key prefix for a deployment prefix: "telework:" → "telework:bull"; on Redis Cluster
 * in a hash tag ("{telework:bull}"), so that one queue's keys share a slot (as tickets do).
 */
export const bullPrefixFor = (redisUrl: string, redisPrefix: string): string => {
  const p = `${redisPrefix.replace(/:+$/, '')}:bull`;
  return redisUrl.startsWith('redis+cluster:') ? `{${p}}` : p;
};

/** How long stop() waits for runs in progress and a clean disconnect before forcing. */
export const DEFAULT_STOP_TIMEOUT_MS = 5000;

type Connection = Redis | Cluster;

/** Resolves true when `p` settles within `ms`, false otherwise (p keeps running; its rejection is swallowed). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = p.then(
    () => true,
    () => true,
  );
  const timeout = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface BullMqSchedulerOptions {
  /** Any REDIS_URL form: redis://, rediss://, redis+sentinel://, redis+cluster:// (see createRedisClient). */
  redisUrl: string;
  /** The deployment's REDIS_PREFIX; BullMQ keys live under `${prefix}bull:` (`{${prefix}bull}:` on Cluster). */
  redisPrefix: string;
  logger: Pick<Logger, 'error' | 'warn' | 'info'>;
  retry?: RetryPolicy;
  /** Runs delivered at the same time by one instance (1,000 may be due in the same minute). */
  concurrency?: number;
  /** stop() gives up waiting after this long and forces the worker and connections closed (5 s). */
  stopTimeoutMs?: number;
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
  private readonly queueConnection: Connection;
  private worker: Worker<FireJob> | null = null;
  private workerConnection: Connection | null = null;
  /** Handler calls in progress, so stop() can let them finish (within its time limit). */
  private readonly running = new Set<Promise<void>>();
  private readonly retry: RetryPolicy;
  private readonly prefix: string;

  constructor(private readonly opts: BullMqSchedulerOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.prefix = bullPrefixFor(opts.redisUrl, opts.redisPrefix);
    this.queueConnection = this.connect();
    this.queue = new Queue<FireJob>(REMINDER_QUEUE, { connection: this.queueConnection, prefix: this.prefix });
    this.queue.on('error', (err) => opts.logger.warn({ err }, 'reminder queue error'));
  }

  /**
   * BullMQ wants its own connections, and maxRetriesPerRequest null so blocking reads never give
   * up. createRedisClient understands every REDIS_URL form (one server, Sentinel, Cluster).
   */
  private connect(): Connection {
    const c = createRedisClient(this.opts.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: true });
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
        const run = handler(data.data, { attempt, final: attempt >= (job.opts.attempts ?? 1) });
        this.running.add(run);
        try {
          await run;
        } finally {
          this.running.delete(run);
        }
      },
      { connection: this.workerConnection, prefix: this.prefix, concurrency: this.opts.concurrency ?? 100 },
    );
    this.worker.on('error', (err) => this.opts.logger.warn({ err }, 'reminder worker error'));
    await this.worker.waitUntilReady();
  }

  /**
   * Stops taking runs, lets the ones in progress finish, closes the worker and the connections,
   * all within stopTimeoutMs. With Redis down (commands wait in the offline queue for ever, as
   * maxRetriesPerRequest is null) whatever is left is forced: the worker is closed with
   * force and the connections are disconnected. A run cut off that way keeps its BullMQ lock
   * until it expires, then another instance takes it; the run markers keep it from being sent twice.
   */
  async stop(): Promise<void> {
    const limit = this.opts.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    const deadline = Date.now() + limit;
    const left = (): number => Math.max(0, deadline - Date.now());
    let clean = true;
    const worker = this.worker;
    if (worker !== null) {
      // pause(true) only stops fetching (no Redis round trip); the runs already started go on.
      clean = (await within(worker.pause(true), left())) && clean;
      clean = (await within(Promise.allSettled([...this.running]), left())) && clean;
      // Forced: the runs are finished (or given up on), and a forced close never waits for Redis.
      clean = (await within(worker.close(true), left())) && clean;
    }
    clean = (await within(this.queue.close(), left())) && clean;
    for (const c of [this.workerConnection, this.queueConnection]) {
      if (c === null) continue;
      // QUIT waits for replies still due (a job being marked completed); a dead link cannot answer.
      if (c.status === 'ready') clean = (await within(c.quit(), left())) && clean;
      else clean = false;
      if (c.status !== 'end') c.disconnect();
    }
    if (!clean) this.opts.logger.warn({ timeoutMs: limit }, 'reminder scheduler stopped by force (Redis unreachable or runs still in progress)');
  }

  /** Jobs waiting or delayed (for the benchmark and tests). */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('delayed', 'waiting', 'active', 'completed', 'failed');
  }

  /**
   * True when no run is waiting or in progress on any instance and no delayed run is due within
   * `horizonMs` (tests wait for this before asserting that nothing more is delivered).
   */
  async quietFor(horizonMs: number): Promise<boolean> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
    if (Object.values(c).some((n) => n > 0)) return false;
    const limit = Date.now() + horizonMs;
    const delayed = await this.queue.getDelayed();
    return delayed.every((j) => j.timestamp + (j.delay ?? 0) > limit);
  }

  /** Removes this queue's keys entirely (tests and the benchmark only). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true });
  }
}
