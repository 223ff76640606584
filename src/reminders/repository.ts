import type { Store } from '../store/store.js';
import type { DeliveryLogEntry, Reminder } from './model.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Run markers outlive any retry or catch-up window by far. */
const MARKER_TTL_MS = 30 * DAY_MS;

/** Store keys owned by reminders (the store adds the deployment prefix). */
export const REMINDER_KEYS = {
  reminder: (id: string) => `reminder:${id}`,
  index: 'reminders:index',
  log: (id: string) => `reminder:log:${id}`,
  /** Set once a run is finished (delivered, given up or skipped): a later copy of the job does nothing. */
  done: (id: string, runAtMs: number) => `reminder:done:${id}:${runAtMs}`,
  /** Set per recipient, so a retry after a partial failure does not message the others twice. */
  sent: (id: string, runAtMs: number, recipient: string) => `reminder:sent:${id}:${runAtMs}:${recipient}`,
};

/** Reminders, their delivery logs and run markers on the shared Store (memory or Redis). */
export class ReminderRepository {
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<Reminder | null> {
    const raw = await this.store.get(REMINDER_KEYS.reminder(id));
    return raw === null ? null : (JSON.parse(raw) as Reminder);
  }

  async save(r: Reminder): Promise<void> {
    await this.store.set(REMINDER_KEYS.reminder(r.id), JSON.stringify(r));
    await this.store.setAdd(REMINDER_KEYS.index, r.id);
  }

  /**
   * Read-modify-write; `change` returns null to leave the reminder as it is. Not atomic across
   * instances: the runner re-checks status and nextRunAt before it acts, which makes a lost race
   * harmless (a stale run is skipped, never sent twice: the job id and run markers see to that).
   */
  async update(id: string, change: (r: Reminder) => Reminder | null): Promise<Reminder | null> {
    const current = await this.get(id);
    if (current === null) return null;
    const next = change(current);
    if (next === null) return null;
    await this.save(next);
    return next;
  }

  async delete(id: string): Promise<void> {
    await this.store.del(REMINDER_KEYS.reminder(id));
    await this.store.setRemove(REMINDER_KEYS.index, id);
    await this.store.del(REMINDER_KEYS.log(id));
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
