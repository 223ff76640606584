/** One write inside a transaction. */
export type StoreOp =
  | { op: 'set'; key: string; value: string; ttlMs?: number }
  | { op: 'del'; key: string }
  | { op: 'listPush'; key: string; value: string }
  | { op: 'setAdd'; key: string; member: string }
  | { op: 'setRemove'; key: string; member: string };

/** A precondition of a transaction: the string at `key` equals `equals` (null: the key is absent). */
export interface StoreCondition {
  key: string;
  equals: string | null;
}

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
  /**
   * Applies every op or none: the conditions are checked and the writes made in one atomic step
   * (a Lua script on Redis). False, with nothing written, when a condition does not hold.
   * A backend that cannot be reached throws before anything is written.
   */
  transaction(ops: StoreOp[], conditions?: StoreCondition[]): Promise<boolean>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
