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
  /** Stops taking jobs and waits for the ones running. */
  close(): Promise<void>;
}

export const backoffDelay = (policy: RetryPolicy, attemptsMade: number): number => policy.backoffMs * 2 ** Math.max(0, attemptsMade - 1);
