import type { Store } from './store.js';
import { isStoreUnavailableError } from './unavailable.js';

/**
 * Claims `key` for this process: true exactly once across every instance sharing the store
 * within `ttlMs` (retried Slack events, doubled button clicks, reminder runs).
 */
export async function claimOnce(store: Store, key: string, ttlMs: number): Promise<boolean> {
  return store.setIfAbsent(`once:${key}`, String(process.pid), ttlMs);
}

/**
 * A dedupe claim for answering a message: a store that cannot serve now must not stop the answer,
 * so it counts as claimed (a platform retry may then be answered twice) and `onUnavailable` is told.
 */
export async function claimToAnswer(claim: () => Promise<boolean>, onUnavailable: (e: unknown) => void): Promise<boolean> {
  try {
    return await claim();
  } catch (e) {
    if (!isStoreUnavailableError(e)) throw e;
    onUnavailable(e);
    return true;
  }
}
