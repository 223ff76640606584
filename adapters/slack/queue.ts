/** How long an answer may be held back while requests keep arriving. */
const MAX_HOLD_MS = 1500;

/**
 * Answers run behind the acknowledgements: while Slack requests are being read and acknowledged
 * (`busy`), answers (CPU work: retrieval, rendering, redaction) wait, up to MAX_HOLD_MS; then they
 * start a few at a time from the event loop's check phase, so a burst of events is acknowledged
 * first and answered right after.
 */
export class AnswerQueue {
  private readonly jobs: Array<{ run: () => Promise<void>; since: number }> = [];
  private running = 0;
  private waiting = false;

  constructor(
    private readonly concurrency: number,
    private readonly onError: (err: unknown) => void,
    private readonly busy: () => boolean = () => false,
  ) {}

  /** Queues `work`; the returned promise settles when it has run (for stop() to wait on). */
  push(work: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.jobs.push({
        since: Date.now(),
        run: async () => {
          try {
            await work();
          } catch (err) {
            this.onError(err);
          } finally {
            resolve();
          }
        },
      });
      this.pump();
    });
  }

  get pending(): number {
    return this.jobs.length + this.running;
  }

  private pump(): void {
    if (this.jobs.length === 0 || this.running >= this.concurrency) return;
    if (this.busy() && Date.now() - this.jobs[0]!.since < MAX_HOLD_MS) {
      // Acknowledgements first: look again in a moment.
      if (!this.waiting) {
        this.waiting = true;
        setTimeout(() => {
          this.waiting = false;
          this.pump();
        }, 2).unref();
      }
      return;
    }
    while (this.running < this.concurrency && this.jobs.length > 0) {
      const job = this.jobs.shift()!;
      this.running++;
      // setImmediate, not a microtask: pending I/O (new requests, acks) is served first.
      setImmediate(() => {
        void job.run().finally(() => {
          this.running--;
          this.pump();
        });
      });
    }
  }
}
