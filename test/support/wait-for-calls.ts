/**
 * Waits until `find()` returns at least `count` recorded calls. A recording stub keeps the
 * `waiters` set and calls each waiter whenever it records a call.
 */
export function waitForCalls<T>(
  waiters: Set<() => boolean>,
  find: () => T[],
  count: number,
  timeoutMs: number,
  describeTimeout: () => string,
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const found = find();
      if (found.length < count) return false;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(describeTimeout()));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}
