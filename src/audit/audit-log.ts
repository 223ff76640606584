import { redactPersonalData } from '../safety/redact.js';
import type { Store } from '../store/store.js';

/** Who did something: a chat user, an admin API caller, or the bot itself. */
export type AuditActor = { platform: string; userId: string } | { admin: true } | { system: string };

export interface AuditEvent {
  /** What happened, e.g. 'ticket.created', 'ticket.answered', 'reminder.paused', 'answer.given'. */
  action: string;
  subject: { type: 'ticket' | 'reminder' | 'answer' | 'faq'; id: string };
  actor: AuditActor;
  /** Free-form details; every string in it is redacted before it is stored. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditEvent {
  at: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS_KEY = 'audit:days';
const dayKey = (day: string) => `audit:day:${day}`;

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactPersonalData(value).text;
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}

/**
 * Append-only audit log of ticket and reminder events and answers given, redacted, kept in
 * day buckets so that retention drops whole days (no per-entry expiry needed in the store).
 */
export class AuditLog {
  private lastPrunedDay = '';

  constructor(
    private readonly store: Store,
    private readonly opts: { retentionDays?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async record(event: AuditEvent): Promise<AuditEntry> {
    const at = this.now();
    // Ids (answer UUIDs, Slack U…, Teams 19:…) are not personal data and must stay searchable;
    // the free-form details are where personal data could be.
    const entry: AuditEntry = {
      ...event,
      ...(event.details !== undefined ? { details: redactDeep(event.details) as Record<string, unknown> } : {}),
      at: at.toISOString(),
    };
    const day = entry.at.slice(0, 10);
    await this.store.setAdd(DAYS_KEY, day);
    await this.store.listPush(dayKey(day), JSON.stringify(entry));
    if (day !== this.lastPrunedDay) {
      this.lastPrunedDay = day;
      await this.prune();
    }
    return entry;
  }

  /** Entries oldest first, filtered; `since`/`until` are ISO times. */
  async query(raw: { since?: string; until?: string; subjectType?: string; subjectId?: string; action?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    // Entries are stored in UTC (…Z): compare times in UTC whatever offset the caller used.
    const utc = (t: string | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
    const filter = { ...raw, since: utc(raw.since), until: utc(raw.until) };
    const days = (await this.store.setMembers(DAYS_KEY)).sort();
    const out: AuditEntry[] = [];
    for (const day of days) {
      if (filter.since !== undefined && day < filter.since.slice(0, 10)) continue;
      if (filter.until !== undefined && day > filter.until.slice(0, 10)) continue;
      for (const raw of await this.store.listRange(dayKey(day), 0, -1)) {
        const e = JSON.parse(raw) as AuditEntry;
        if (filter.since !== undefined && e.at < filter.since) continue;
        if (filter.until !== undefined && e.at > filter.until) continue;
        if (filter.subjectType !== undefined && e.subject.type !== filter.subjectType) continue;
        if (filter.subjectId !== undefined && e.subject.id !== filter.subjectId) continue;
        if (filter.action !== undefined && e.action !== filter.action) continue;
        out.push(e);
      }
    }
    return filter.limit !== undefined ? out.slice(-filter.limit) : out;
  }

  /** Drops day buckets older than the retention (default 365 days). */
  async prune(): Promise<number> {
    const keepFrom = new Date(this.now().getTime() - (this.opts.retentionDays ?? 365) * DAY_MS).toISOString().slice(0, 10);
    let dropped = 0;
    for (const day of await this.store.setMembers(DAYS_KEY)) {
      if (day >= keepFrom) continue;
      await this.store.del(dayKey(day));
      await this.store.setRemove(DAYS_KEY, day);
      dropped++;
    }
    return dropped;
  }
}
