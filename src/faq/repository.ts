import { z } from 'zod';
import type { Store, StoreOp } from '../store/store.js';
import { FaqEntrySchema } from './schema.js';

/**
 * FAQ entries written at run time (the curator console), kept in the Store so that every instance
 * sharing it answers with them. A record either holds an entry (new, or replacing a shipped one
 * with the same id) or is a tombstone (`entry: null`) hiding a shipped entry. Every write bumps
 * `faq:version` in the same transaction, conditioned on the version the writer read: instances poll
 * the version, and two concurrent writers cannot both validate against a stale set.
 */
/** The `{faq}` hash tag keeps one transaction's keys in one Redis Cluster slot. */
const F = '{faq}';
export const FAQ_KEYS = {
  version: `${F}:version`,
  ids: `${F}:ids`,
  entry: (id: string) => `${F}:entry:${id}`,
  lastEval: `${F}:eval:last`,
};

export const StoredFaqSchema = z.object({
  id: z.string(),
  entry: FaqEntrySchema.nullable(),
  updatedAt: z.string(),
  by: z.string(),
});
export type StoredFaq = z.infer<typeof StoredFaqSchema>;

export class FaqRepository {
  constructor(private readonly store: Store) {}

  /** The version counter (null before the first write). */
  async version(): Promise<string | null> {
    return this.store.get(FAQ_KEYS.version);
  }

  /** Every stored record (entries and tombstones). */
  async all(): Promise<StoredFaq[]> {
    const ids = (await this.store.setMembers(FAQ_KEYS.ids)).sort();
    const out: StoredFaq[] = [];
    for (const id of ids) {
      const raw = await this.store.get(FAQ_KEYS.entry(id));
      if (raw === null) continue;
      const parsed = StoredFaqSchema.safeParse(JSON.parse(raw));
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  /**
   * Writes (or, with null, removes) one record and bumps the version, if the version is still
   * `readVersion`; false when another writer came first (the caller re-reads and retries).
   */
  async write(id: string, record: StoredFaq | null, readVersion: string | null): Promise<boolean> {
    const ops: StoreOp[] =
      record === null
        ? [
            { op: 'del', key: FAQ_KEYS.entry(id) },
            { op: 'setRemove', key: FAQ_KEYS.ids, member: id },
          ]
        : [
            { op: 'set', key: FAQ_KEYS.entry(id), value: JSON.stringify(record) },
            { op: 'setAdd', key: FAQ_KEYS.ids, member: id },
          ];
    ops.push({ op: 'set', key: FAQ_KEYS.version, value: String(Number(readVersion ?? '0') + 1) });
    return this.store.transaction(ops, [{ key: FAQ_KEYS.version, equals: readVersion }]);
  }

  async saveEval(result: unknown): Promise<void> {
    await this.store.transaction([{ op: 'set', key: FAQ_KEYS.lastEval, value: JSON.stringify(result) }]);
  }

  async lastEval(): Promise<unknown> {
    const raw = await this.store.get(FAQ_KEYS.lastEval);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  }
}
