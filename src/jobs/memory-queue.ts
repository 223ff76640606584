import type { Logger } from '../logging/logger.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, backoffDelay, settlesWithin, type JobHandler, type JobQueue, type RetryPolicy } from './queue.js';

interface Pending<T> {
  jobId: string;
  data: T;
  attemptsMade: number;
}

/** Job ids remembered after they finish, for "add once" (like BullMQ's kept completed jobs). */
const REMEMBER = 10_000;

/**
 * The in-process queue used without Redis: same semantics as the BullMQ one (add-once ids,
 * attempts, exponential backoff, a final try flagged), but lost on restart like the memory store.
 */
export class MemoryJobQueue<T> implements JobQueue<T> {
  readonly kind = 'memory' as const;
  private handler: JobHandler<T> | null = null;
  private readonly known = new Set<string>();
  private readonly waiting: Pending<T>[] = [];
  private readonly timers = new Map<NodeJS.Timeout, string>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly policy: RetryPolicy,
    /** Told about every job given up (last attempt failed, or a retry still waiting at close). */
    private readonly logger?: Pick<Logger, 'error' | 'warn'>,
  ) {}

  async add(jobId: string, data: T): Promise<void> {
    if (this.closed) throw new Error('the job queue is closed');
    if (this.known.has(jobId)) return;
    this.remember(jobId);
    this.schedule({ jobId, data, attemptsMade: 0 }, 0);
  }

  async start(handler: JobHandler<T>): Promise<void> {
    this.handler = handler;
    for (const p of this.waiting.splice(0)) this.schedule(p, 0);
  }

  async close(opts: { timeoutMs?: number } = {}): Promise<void> {
    this.closed = true;
    for (const t of this.timers.keys()) clearTimeout(t);
    // In-process jobs do not outlive the process (like the memory store); say which ones go.
    const dropped = [...new Set([...this.timers.values(), ...this.waiting.map((p) => p.jobId)])];
    if (dropped.length > 0) this.logger?.warn({ jobIds: dropped.slice(0, 50), count: dropped.length }, 'in-process jobs dropped at close: waiting for a try');
    this.timers.clear();
    // A handler stuck on something unreachable is left behind after the time limit.
    await settlesWithin(Promise.allSettled([...this.running]), opts.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
  }

  private remember(jobId: string): void {
    this.known.add(jobId);
    if (this.known.size > REMEMBER) this.known.delete(this.known.values().next().value as string);
  }

  private schedule(p: Pending<T>, delayMs: number): void {
    if (this.closed) {
      // A try that failed while the queue was closing: its retry will not happen.
      this.logger?.warn({ jobIds: [p.jobId], count: 1 }, 'in-process jobs dropped at close: waiting for a try');
      return;
    }
    if (this.handler === null) {
      this.waiting.push(p);
      return;
    }
    // Unref'd: a pending retry must not keep a finished process (CLI, tests) alive.
    const t = setTimeout(() => {
      this.timers.delete(t);
      const run = this.run(p).finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    t.unref();
    this.timers.set(t, p.jobId);
  }

  private async run(p: Pending<T>): Promise<void> {
    const attempt = p.attemptsMade + 1;
    const final = attempt >= this.policy.attempts;
    try {
      await this.handler!(p.data, { jobId: p.jobId, attempt, final });
    } catch (e) {
      if (!final) this.schedule({ ...p, attemptsMade: attempt }, backoffDelay(this.policy, attempt));
      else this.logger?.error({ jobId: p.jobId, attempts: attempt, err: e }, `job ${p.jobId} dropped after its last attempt (${attempt} of ${this.policy.attempts})`);
    }
  }
}
