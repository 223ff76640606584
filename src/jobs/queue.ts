/** Retry policy shared by both queue implementations. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Delay before the 2nd try; each later retry waits twice as long (exponential backoff). */
  backoffMs: number;
}

/**
 * Runs one job. `attempt` counts from 1; `final` is true on the last allowed try, so the handler
 * can record a permanent failure before throwing (nothing is dropped silently).
 */
export type JobHandler<T> = (data: T, info: { jobId: string; attempt: number; final: boolean }) => Promise<void>;

/** A durable-enough job queue: BullMQ on Redis, or in-process when there is no Redis. */
export interface JobQueue<T> {
  readonly kind: 'bullmq' | 'memory';
  /** Adds a job once: a second add with the same id (from any instance) is ignored. */
  add(jobId: string, data: T): Promise<void>;
  /** Starts processing with the handler (one handler per queue). */
  start(handler: JobHandler<T>): Promise<void>;
  /**
   * Stops taking jobs and waits for the ones running, for `timeoutMs` at most (default 5 s): then
   * it gives up on them and drops its connections (Redis away must not hold a shutdown for ever).
   */
  close(opts?: { timeoutMs?: number }): Promise<void>;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

/** Waits for `work` to settle (resolve or reject), `ms` at most; true when it settled in time. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), Math.max(0, ms));
    timer.unref();
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const backoffDelay = (policy: RetryPolicy, attemptsMade: number): number => policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
