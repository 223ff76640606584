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

  /** Resolves when everything tracked has settled, or after `limitMs`, whichever comes first. */
  async drain(limitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.work]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, limitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }
}
