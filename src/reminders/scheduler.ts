/** One scheduled run of one reminder. */
export interface FireJob {
  reminderId: string;
  /** The planned run time, epoch ms (part of the job's identity). */
  runAtMs: number;
}

export interface FireAttempt {
  /** 1 for the first try. */
  attempt: number;
  /** True when no retry follows a failure of this attempt. */
  final: boolean;
}

/** Throwing from the handler means "retry with backoff" unless the attempt was final. */
export type FireHandler = (job: FireJob, attempt: FireAttempt) => Promise<void>;

export interface RetryPolicy {
  attempts: number;
  /** First backoff; doubled on each further retry. */
  backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2000 };

/**
 * Where runs wait until they are due: BullMQ delayed jobs on Redis (shared by every instance)
 * or timers in this process (the embedded default).
 */
export interface FireScheduler {
  readonly kind: 'bullmq' | 'in-process';
  /** Idempotent: scheduling the same (reminderId, runAtMs) twice makes one run. */
  schedule(job: FireJob): Promise<void>;
  cancel(job: FireJob): Promise<void>;
  start(handler: FireHandler): Promise<void>;
  stop(): Promise<void>;
}

/** The deterministic id of a run; BullMQ ignores a second job with the same id. */
export const jobIdOf = (job: FireJob): string => `${job.reminderId}-${job.runAtMs}`;
