import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimOnce } from '../../src/store/dedupe.js';
import type { Store } from '../../src/store/store.js';

export interface StoreFixture {
  store: Store;
  /** A second instance on the same backend (for cross-instance checks), or the same one. */
  other: Store;
  cleanup: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One behaviour suite for every Store implementation. */
export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let f: StoreFixture;
    beforeAll(async () => {
      f = await make();
    });
    afterAll(async () => {
      await f.cleanup();
    });

    it('round-trips values and deletes them', async () => {
      expect(await f.store.get('a')).toBeNull();
      await f.store.set('a', 'テレワーク');
      expect(await f.store.get('a')).toBe('テレワーク');
      await f.store.del('a');
      expect(await f.store.get('a')).toBeNull();
    });

    it('expires keys after their ttl', async () => {
      await f.store.set('ttl', 'x', { ttlMs: 150 });
      expect(await f.store.get('ttl')).toBe('x');
      await sleep(300);
      expect(await f.store.get('ttl')).toBeNull();
    });

    it('creates a key once under concurrency, and again after expiry', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? f.other : f.store).setIfAbsent('nx', String(i), 200)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await sleep(350);
      expect(await f.store.setIfAbsent('nx', 'again', 200)).toBe(true);
    });

    it('counts atomically', async () => {
      const n = await Promise.all(Array.from({ length: 20 }, () => f.store.incr('counter')));
      expect(n.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('appends to lists in order and reads ranges like LRANGE', async () => {
      for (const v of ['1', '2', '3', '4']) await f.store.listPush('list', v);
      expect(await f.store.listRange('list', 0, -1)).toEqual(['1', '2', '3', '4']);
      expect(await f.store.listRange('list', -2, -1)).toEqual(['3', '4']);
      expect(await f.store.listRange('list', 1, 1)).toEqual(['2']);
      expect(await f.store.listRange('list', 10, 20)).toEqual([]);
      expect(await f.store.listRange('missing', 0, -1)).toEqual([]);
    });

    it('keeps sets', async () => {
      await f.store.setAdd('set', 'hr');
      await f.store.setAdd('set', 'security');
      await f.store.setAdd('set', 'hr');
      expect((await f.store.setMembers('set')).sort()).toEqual(['hr', 'security']);
      await f.store.setRemove('set', 'hr');
      expect(await f.store.setMembers('set')).toEqual(['security']);
    });

    it('claims a dedupe key exactly once across instances', async () => {
      const claims = await Promise.all([claimOnce(f.store, 'ev1', 5000), claimOnce(f.other, 'ev1', 5000), claimOnce(f.store, 'ev1', 5000)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('applies a transaction whole, only when its conditions hold', async () => {
      const ops = [
        { op: 'set' as const, key: 'tx:rec', value: 'v1' },
        { op: 'setAdd' as const, key: 'tx:idx', member: 'a' },
        { op: 'listPush' as const, key: 'tx:hist', value: 'created' },
      ];
      expect(await f.store.transaction(ops, [{ key: 'tx:rec', equals: null }])).toBe(true);
      expect(await f.other.get('tx:rec')).toBe('v1');
      expect(await f.other.setMembers('tx:idx')).toEqual(['a']);
      expect(await f.other.listRange('tx:hist', 0, -1)).toEqual(['created']);
      // A second create-if-absent writes nothing at all.
      expect(await f.other.transaction([{ op: 'set', key: 'tx:rec', value: 'v2' }, { op: 'setAdd', key: 'tx:idx', member: 'b' }], [{ key: 'tx:rec', equals: null }])).toBe(false);
      expect(await f.store.get('tx:rec')).toBe('v1');
      expect(await f.store.setMembers('tx:idx')).toEqual(['a']);
      // Compare-and-set: exactly one of two racing updates from the same version wins.
      const cas = (v: string, s: typeof f.store) =>
        s.transaction([{ op: 'set', key: 'tx:rec', value: v }, { op: 'setRemove', key: 'tx:idx', member: 'a' }, { op: 'setAdd', key: 'tx:idx', member: v }], [{ key: 'tx:rec', equals: 'v1' }]);
      const wins = await Promise.all([cas('x', f.store), cas('y', f.other)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      const winner = wins[0] ? 'x' : 'y';
      expect(await f.store.get('tx:rec')).toBe(winner);
      expect(await f.store.setMembers('tx:idx')).toEqual([winner]);
      await f.store.transaction([{ op: 'del', key: 'tx:rec' }, { op: 'set', key: 'tx:ttl', value: '1', ttlMs: 150 }]);
      expect(await f.store.get('tx:rec')).toBeNull();
      await sleep(300);
      expect(await f.store.get('tx:ttl')).toBeNull();
    });

    it('answers ping', async () => {
      await expect(f.store.ping()).resolves.toBeUndefined();
    });
  });
}
