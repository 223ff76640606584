import type { Store, StoreOp } from '../store/store.js';
import type { DeliveryLogEntry, Reminder } from './model.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Run markers outlive any retry or catch-up window by far. */
const MARKER_TTL_MS = 30 * DAY_MS;

/**
 * Store keys owned by reminders (the store adds the deployment prefix). The record, the index and
 * the log carry the `{reminders}` hash tag so that one transaction's keys share a Redis Cluster
 * slot (a multi-key script is refused across slots). The run markers are single-key writes.
 */
const R = '{reminders}';
export const REMINDER_KEYS = {
  reminder: (id: string) => `${R}:reminder:${id}`,
  index: `${R}:index`,
  log: (id: string) => `${R}:log:${id}`,
  /** Set once a run is finished (delivered, given up or skipped): a later copy of the job does nothing. */
  done: (id: string, runAtMs: number) => `reminder:done:${id}:${runAtMs}`,
  /** Set per recipient, so a retry after a partial failure does not message the others twice. */
  sent: (id: string, runAtMs: number, recipient: string) => `reminder:sent:${id}:${runAtMs}:${recipient}`,
};

/** Where earlier versions kept reminders (without the hash tag); moved by migrateLegacy(). */
const LEGACY_KEYS = {
  reminder: (id: string) => `reminder:${id}`,
  index: 'reminders:index',
  log: (id: string) => `reminder:log:${id}`,
};

/** Compare-and-set attempts before an update gives up (each one re-reads the reminder). */
const CAS_TRIES = 20;

export class ReminderConflictError extends Error {
  override readonly name = 'ReminderConflictError';
}

/** Reminders, their delivery logs and run markers on the shared Store (memory or Redis). */
export class ReminderRepository {
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<Reminder | null> {
    const raw = await this.store.get(REMINDER_KEYS.reminder(id));
    return raw === null ? null : (JSON.parse(raw) as Reminder);
  }

  /**
   * Writes a new reminder and its index entry in one step (version 1). False, with nothing
   * written, when a reminder with this id exists already.
   */
  async create(r: Reminder): Promise<boolean> {
    const record: Reminder = { ...r, version: 1 };
    return this.store.transaction(
      [
        { op: 'set', key: REMINDER_KEYS.reminder(r.id), value: JSON.stringify(record) },
        { op: 'setAdd', key: REMINDER_KEYS.index, member: r.id },
      ],
      [{ key: REMINDER_KEYS.reminder(r.id), equals: null }],
    );
  }

  /**
   * Compare-and-set update: `change` sees the current reminder and returns the new one, or null
   * to leave it as it is (it may also throw, e.g. "not active"). The write only lands when the
   * stored reminder is still the one `change` saw (same JSON, so the same version); otherwise it
   * is re-read and `change` applied again. A reminder deleted in between stays deleted: null.
   */
  async update(id: string, change: (r: Reminder) => Reminder | null): Promise<Reminder | null> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const raw = await this.store.get(REMINDER_KEYS.reminder(id));
      if (raw === null) return null;
      const current = JSON.parse(raw) as Reminder;
      const next = change(structuredClone(current));
      if (next === null) return null;
      const record: Reminder = { ...next, id, version: (current.version ?? 0) + 1 };
      const ok = await this.store.transaction(
        [{ op: 'set', key: REMINDER_KEYS.reminder(id), value: JSON.stringify(record) }],
        [{ key: REMINDER_KEYS.reminder(id), equals: raw }],
      );
      if (ok) return record;
    }
    throw new ReminderConflictError(`reminder ${id} is being changed too often; try again`);
  }

  /** Removes the reminder, its index entry and its log in one step: what was removed, or null when nothing was. */
  async delete(id: string): Promise<Reminder | null> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const raw = await this.store.get(REMINDER_KEYS.reminder(id));
      if (raw === null) return null;
      const ok = await this.store.transaction(
        [
          { op: 'del', key: REMINDER_KEYS.reminder(id) },
          { op: 'setRemove', key: REMINDER_KEYS.index, member: id },
          { op: 'del', key: REMINDER_KEYS.log(id) },
        ],
        [{ key: REMINDER_KEYS.reminder(id), equals: raw }],
      );
      if (ok) return JSON.parse(raw) as Reminder;
    }
    throw new ReminderConflictError(`reminder ${id} is being changed too often; try again`);
  }

  /**
   * Moves reminders stored by earlier versions (keys without the hash tag) to the current keys;
   * idempotent, safe with several instances starting at once. Returns how many were moved.
   */
  async migrateLegacy(): Promise<number> {
    let moved = 0;
    for (const id of await this.store.setMembers(LEGACY_KEYS.index)) {
      const raw = await this.store.get(LEGACY_KEYS.reminder(id));
      if (raw !== null) {
        const log = await this.store.listRange(LEGACY_KEYS.log(id), 0, -1);
        const record = { ...(JSON.parse(raw) as Reminder), version: 1 };
        const ops: StoreOp[] = [
          { op: 'set', key: REMINDER_KEYS.reminder(id), value: JSON.stringify(record) },
          { op: 'setAdd', key: REMINDER_KEYS.index, member: id },
          ...log.map((value): StoreOp => ({ op: 'listPush', key: REMINDER_KEYS.log(id), value })),
        ];
        if (await this.store.transaction(ops, [{ key: REMINDER_KEYS.reminder(id), equals: null }])) moved++;
        await this.store.del(LEGACY_KEYS.log(id));
        await this.store.del(LEGACY_KEYS.reminder(id));
      }
      await this.store.setRemove(LEGACY_KEYS.index, id);
    }
    return moved;
  }

  async list(): Promise<Reminder[]> {
    const ids = await this.store.setMembers(REMINDER_KEYS.index);
    const all = await Promise.all(ids.map((id) => this.get(id)));
    return all.filter((r): r is Reminder => r !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async appendLog(id: string, entry: DeliveryLogEntry): Promise<void> {
    await this.store.listPush(REMINDER_KEYS.log(id), JSON.stringify(entry));
  }

  /** The last `limit` delivery log entries, oldest first. */
  async log(id: string, limit = 100): Promise<DeliveryLogEntry[]> {
    return (await this.store.listRange(REMINDER_KEYS.log(id), -limit, -1)).map((s) => JSON.parse(s) as DeliveryLogEntry);
  }

  async isDone(id: string, runAtMs: number): Promise<boolean> {
    return (await this.store.get(REMINDER_KEYS.done(id, runAtMs))) !== null;
  }

  /** True for the one caller that finishes this run. */
  async markDone(id: string, runAtMs: number): Promise<boolean> {
    return this.store.setIfAbsent(REMINDER_KEYS.done(id, runAtMs), new Date().toISOString(), MARKER_TTL_MS);
  }

  async wasSent(id: string, runAtMs: number, recipient: string): Promise<boolean> {
    return (await this.store.get(REMINDER_KEYS.sent(id, runAtMs, recipient))) !== null;
  }

  async markSent(id: string, runAtMs: number, recipient: string): Promise<void> {
    await this.store.set(REMINDER_KEYS.sent(id, runAtMs, recipient), '1', { ttlMs: MARKER_TTL_MS });
  }
}
