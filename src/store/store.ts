/**
 * One key-value store interface for state, dedupe, feedback, tickets and reminders.
 * Implementations: MemoryStore (embedded default) and RedisStore (ioredis).
 * Keys are given without the deployment prefix; the implementation adds it.
 */
export interface Store {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, opts?: { ttlMs?: number }): Promise<void>;
  /** Atomic create-if-absent; true when this call created the key. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  del(key: string): Promise<void>;
  incr(key: string): Promise<number>;
  /** Append to a list (append-only history, logs). */
  listPush(key: string, value: string): Promise<void>;
  /** Items start..stop inclusive; negative indexes count from the end (like LRANGE). */
  listRange(key: string, start: number, stop: number): Promise<string[]>;
  setAdd(key: string, member: string): Promise<void>;
  setRemove(key: string, member: string): Promise<void>;
  setMembers(key: string): Promise<string[]>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
