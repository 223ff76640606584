/**
 * Work an adapter has accepted but not finished (answers being written after the ack).
 * stop() waits for it, up to a limit, so that a shutdown does not cut replies off.
 */
export class InFlight {
  private readonly work = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.work.add(work);
    void work.finally(() => this.work.delete(work)).catch(() => {});
    return work;
  }

  get size(): number {
    return this.work.size;
  }

  /**
   * Resolves when everything tracked has settled, or after `limitMs`, whichever comes first.
   * Work tracked while draining (an answer queued by an event being processed) is waited for too.
   */
  async drain(limitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve();
      }, limitMs);
      timer.unref();
    });
    while (this.work.size > 0 && !timedOut) await Promise.race([Promise.allSettled([...this.work]), deadline]);
    clearTimeout(timer);
  }
}
