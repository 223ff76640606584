import type { Store } from './store.js';

/**
 * Claims `key` for this process: true exactly once across every instance sharing the store
 * within `ttlMs` (retried Slack events, doubled button clicks, reminder runs).
 */
export async function claimOnce(store: Store, key: string, ttlMs: number): Promise<boolean> {
  return store.setIfAbsent(`once:${key}`, String(process.pid), ttlMs);
}
