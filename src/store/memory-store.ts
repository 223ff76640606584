import type { Store, StoreCondition, StoreOp } from './store.js';

interface Entry {
  value: string | string[] | Set<string>;
  expiresAt: number | null;
}

/**
 * The embedded default store: everything lives in this process and is lost on restart.
 * Mirrors Redis semantics closely enough that one contract suite covers both.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, Entry>();
  private closed = false;

  private live(key: string): Entry | undefined {
    this.assertOpen();
    const e = this.data.get(key);
    if (e === undefined) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  private typed<T extends Entry['value']>(key: string, check: (v: Entry['value']) => boolean, make: () => T): { entry: Entry; value: T } {
    const e = this.live(key);
    if (e === undefined) {
      const entry: Entry = { value: make(), expiresAt: null };
      this.data.set(key, entry);
      return { entry, value: entry.value as T };
    }
    if (!check(e.value)) throw new Error(`WRONGTYPE: ${key} holds another kind of value`);
    return { entry: e, value: e.value as T };
  }

  async get(key: string): Promise<string | null> {
    const e = this.live(key);
    if (e === undefined) return null;
    if (typeof e.value !== 'string') throw new Error(`WRONGTYPE: ${key} is not a string`);
    return e.value;
  }

  async set(key: string, value: string, opts: { ttlMs?: number } = {}): Promise<void> {
    this.assertOpen();
    this.data.set(key, { value, expiresAt: opts.ttlMs !== undefined ? Date.now() + opts.ttlMs : null });
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key) !== undefined) return false;
    this.data.set(key, { value, expiresAt: ttlMs !== undefined ? Date.now() + ttlMs : null });
    return true;
  }

  async del(key: string): Promise<void> {
    this.assertOpen();
    this.data.delete(key);
  }

  async incr(key: string): Promise<number> {
    const e = this.live(key);
    const current = e === undefined ? 0 : Number(e.value);
    if (e !== undefined && (typeof e.value !== 'string' || !Number.isInteger(current))) {
      throw new Error(`ERR value at ${key} is not an integer`);
    }
    const next = current + 1;
    this.data.set(key, { value: String(next), expiresAt: e?.expiresAt ?? null });
    return next;
  }

  async listPush(key: string, value: string): Promise<void> {
    this.typed<string[]>(key, Array.isArray, () => []).value.push(value);
  }

  async listRange(key: string, start: number, stop: number): Promise<string[]> {
    const e = this.live(key);
    if (e === undefined) return [];
    if (!Array.isArray(e.value)) throw new Error(`WRONGTYPE: ${key} is not a list`);
    const list = e.value;
    const n = list.length;
    const from = Math.max(0, start < 0 ? n + start : start);
    const to = Math.min(n - 1, stop < 0 ? n + stop : stop);
    return from > to ? [] : list.slice(from, to + 1);
  }

  async setAdd(key: string, member: string): Promise<void> {
    this.typed<Set<string>>(key, (v) => v instanceof Set, () => new Set()).value.add(member);
  }

  async setRemove(key: string, member: string): Promise<void> {
    const e = this.live(key);
    if (e === undefined) return;
    if (!(e.value instanceof Set)) throw new Error(`WRONGTYPE: ${key} is not a set`);
    e.value.delete(member);
    if (e.value.size === 0) this.data.delete(key);
  }

  async setMembers(key: string): Promise<string[]> {
    const e = this.live(key);
    if (e === undefined) return [];
    if (!(e.value instanceof Set)) throw new Error(`WRONGTYPE: ${key} is not a set`);
    return [...e.value];
  }

  async transaction(ops: StoreOp[], conditions: StoreCondition[] = []): Promise<boolean> {
    // Everything below is synchronous, so no other call can interleave: all or nothing.
    for (const c of conditions) {
      const e = this.live(c.key);
      const current = e === undefined ? null : typeof e.value === 'string' ? e.value : undefined;
      if (current !== c.equals) return false;
    }
    // Check types first so that a WRONGTYPE op cannot leave the batch half applied.
    for (const o of ops) {
      const e = this.live(o.key);
      if (e === undefined || o.op === 'set' || o.op === 'del') continue;
      const ok = o.op === 'listPush' ? Array.isArray(e.value) : e.value instanceof Set;
      if (!ok) throw new Error(`WRONGTYPE: ${o.key} holds another kind of value`);
    }
    for (const o of ops) {
      switch (o.op) {
        case 'set':
          this.data.set(o.key, { value: o.value, expiresAt: o.ttlMs !== undefined ? Date.now() + o.ttlMs : null });
          break;
        case 'del':
          this.data.delete(o.key);
          break;
        case 'listPush':
          this.typed<string[]>(o.key, Array.isArray, () => []).value.push(o.value);
          break;
        case 'setAdd':
          this.typed<Set<string>>(o.key, (v) => v instanceof Set, () => new Set()).value.add(o.member);
          break;
        case 'setRemove': {
          const e = this.live(o.key);
          if (e !== undefined && e.value instanceof Set) {
            e.value.delete(o.member);
            if (e.value.size === 0) this.data.delete(o.key);
          }
          break;
        }
      }
    }
    return true;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.data.clear();
  }
}
