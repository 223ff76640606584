import type { Logger } from '../logging/logger.js';
import { DEFAULT_RETRY, type FireHandler, type FireJob, type FireScheduler, type RetryPolicy, jobIdOf } from './scheduler.js';

/** setTimeout holds at most about 24.8 days; longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs in this process with timers: the embedded default without Redis. Nothing survives a
 * restart here (the memory store does not either), and only one instance may use it.
 */
export class InProcessScheduler implements FireScheduler {
  readonly kind = 'in-process' as const;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each armed run (or its retry) is due, epoch ms. */
  private readonly dueAt = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private handler: FireHandler | null = null;
  private stopped = false;
  /** Jobs scheduled before start(); armed once a handler exists. */
  private readonly pending: FireJob[] = [];

  constructor(
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async schedule(job: FireJob): Promise<void> {
    if (this.stopped) return;
    if (this.handler === null) {
      this.pending.push(job);
      return;
    }
    const id = jobIdOf(job);
    if (this.timers.has(id)) return;
    this.arm(id, job, 1, job.runAtMs);
  }

  async cancel(job: FireJob): Promise<void> {
    const id = jobIdOf(job);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    this.dueAt.delete(id);
  }

  /** True when no run is in progress and none is due within `horizonMs` (tests wait for this). */
  async quietFor(horizonMs: number): Promise<boolean> {
    const limit = Date.now() + horizonMs;
    return this.running.size === 0 && [...this.dueAt.values()].every((due) => due > limit);
  }

  async start(handler: FireHandler): Promise<void> {
    this.handler = handler;
    for (const job of this.pending.splice(0)) await this.schedule(job);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.dueAt.clear();
    await Promise.allSettled([...this.running]);
  }

  private arm(id: string, job: FireJob, attempt: number, dueMs: number): void {
    const wait = Math.max(0, dueMs - Date.now());
    const timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) return this.arm(id, job, attempt, dueMs);
        const run = this.run(id, job, attempt);
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    // A pending reminder must not keep a CLI or test process alive.
    timer.unref();
    this.timers.set(id, timer);
    this.dueAt.set(id, dueMs);
  }

  private async run(id: string, job: FireJob, attempt: number): Promise<void> {
    const final = attempt >= this.retry.attempts;
    try {
      await this.handler!(job, { attempt, final });
      this.timers.delete(id);
      this.dueAt.delete(id);
    } catch (err) {
      if (final || this.stopped) {
        this.timers.delete(id);
        this.dueAt.delete(id);
        this.logger.error({ err, reminderId: job.reminderId, attempt }, 'reminder run failed; no retry left');
        return;
      }
      this.arm(id, job, attempt + 1, Date.now() + this.retry.backoffMs * 2 ** (attempt - 1));
    }
  }
}
