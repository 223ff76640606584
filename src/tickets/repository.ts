import type { Store, StoreOp } from '../store/store.js';
import { formatTicketId, type ListFilter, type Ticket, type TicketEvent, type TicketRecord, type TicketRequester, type TicketStatus } from './model.js';

/** True when at least one of the ticket's channels still has to be sent (whatever its status). */
export const hasPendingDelivery = (t: Pick<TicketRecord, 'deliveries'>): boolean => Object.values(t.deliveries).includes('pending');

/** True when a follow-up answer still has to be sent to the asker. */
export const hasPendingFollowUp = (t: Pick<TicketRecord, 'followUps'>): boolean => (t.followUps ?? []).some((f) => f.state === 'pending');

/**
 * Every ticket key carries the `{tickets}` hash tag so that one transaction's keys share a
 * Redis Cluster slot (a multi-key script is refused across slots).
 */
const T = '{tickets}';
export const TICKET_KEYS = {
  head: (id: string) => `${T}:ticket:${id}`,
  history: (id: string) => `${T}:ticket:${id}:history`,
  all: `${T}:all`,
  byStatus: (s: TicketStatus) => `${T}:status:${s}`,
  byOffice: (route: string) => `${T}:office:${route}`,
  byRequester: (r: Pick<TicketRequester, 'platform' | 'userId'>) => `${T}:requester:${r.platform}:${r.userId}`,
  seq: (year: number) => `${T}:seq:${year}`,
  idempotency: (key: string) => `${T}:idem:${key}`,
  answerLock: (id: string) => `${T}:ticket:${id}:answer-lock`,
  /**
   * Tickets with at least one pending delivery, whatever their status: what the sweep re-queues.
   * Kept in the same transaction as the head, so it can never miss a pending channel.
   */
  pendingDelivery: `${T}:pending-delivery`,
  /** Tickets with a follow-up answer still to be sent (kept with the head, like pendingDelivery). */
  pendingFollowUp: `${T}:pending-follow-up`,
  followUpLock: (id: string, n: number) => `${T}:ticket:${id}:follow-up-lock:${n}`,
};

/** The change an update wants: a new head and the events to append, or null for "nothing to do". */
export type Mutation = { record: TicketRecord; events: TicketEvent[] } | null;

const CAS_TRIES = 20;

/** Tickets on the Store: head JSON, append-only history, and set indexes, all written atomically. */
export class TicketRepository {
  constructor(private readonly store: Store) {}

  async nextId(now: Date): Promise<string> {
    const year = now.getUTCFullYear();
    return formatTicketId(year, await this.store.incr(TICKET_KEYS.seq(year)));
  }

  /**
   * Writes a new ticket with its indexes, history and idempotency mapping in one step.
   * Returns the existing ticket id instead when the idempotency key was taken first.
   */
  async create(record: TicketRecord, event: TicketEvent, idempotencyKey?: string): Promise<{ created: true } | { created: false; existingId: string | null }> {
    const ops: StoreOp[] = [
      { op: 'set', key: TICKET_KEYS.head(record.id), value: JSON.stringify(record) },
      { op: 'listPush', key: TICKET_KEYS.history(record.id), value: JSON.stringify(event) },
      { op: 'setAdd', key: TICKET_KEYS.all, member: record.id },
      { op: 'setAdd', key: TICKET_KEYS.byStatus(record.status), member: record.id },
      { op: 'setAdd', key: TICKET_KEYS.byOffice(record.route), member: record.id },
      { op: 'setAdd', key: TICKET_KEYS.byRequester(record.requester), member: record.id },
    ];
    if (hasPendingDelivery(record)) ops.push({ op: 'setAdd', key: TICKET_KEYS.pendingDelivery, member: record.id });
    const conditions = [{ key: TICKET_KEYS.head(record.id), equals: null }];
    if (idempotencyKey !== undefined) {
      ops.push({ op: 'set', key: TICKET_KEYS.idempotency(idempotencyKey), value: record.id });
      conditions.push({ key: TICKET_KEYS.idempotency(idempotencyKey), equals: null });
    }
    if (await this.store.transaction(ops, conditions)) return { created: true };
    return { created: false, existingId: idempotencyKey === undefined ? null : await this.idFor(idempotencyKey) };
  }

  /**
   * Re-writes an idempotency mapping unchanged, as a transaction: on Redis with replica
   * confirmation (WAIT) a replayed answer then also waits until the replicas have the ticket,
   * so a retry never acknowledges a ticket whose first write was not confirmed.
   */
  async confirmIdempotent(idempotencyKey: string, id: string): Promise<void> {
    const key = TICKET_KEYS.idempotency(idempotencyKey);
    await this.store.transaction([{ op: 'set', key, value: id }], [{ key, equals: id }]);
  }

  async idFor(idempotencyKey: string): Promise<string | null> {
    return this.store.get(TICKET_KEYS.idempotency(idempotencyKey));
  }

  async getRecord(id: string): Promise<TicketRecord | null> {
    const raw = await this.store.get(TICKET_KEYS.head(id));
    return raw === null ? null : (JSON.parse(raw) as TicketRecord);
  }

  async get(id: string): Promise<Ticket | null> {
    const record = await this.getRecord(id);
    if (record === null) return null;
    const history = (await this.store.listRange(TICKET_KEYS.history(id), 0, -1)).map((h) => JSON.parse(h) as TicketEvent);
    return { ...record, history };
  }

  /**
   * Compare-and-set update: re-reads and retries when another instance changed the ticket in
   * between, so transitions (open → notified) happen exactly once across instances.
   */
  async update(id: string, mutate: (current: TicketRecord) => Mutation): Promise<{ record: TicketRecord; changed: boolean } | null> {
    for (let i = 0; i < CAS_TRIES; i++) {
      const raw = await this.store.get(TICKET_KEYS.head(id));
      if (raw === null) return null;
      const current = JSON.parse(raw) as TicketRecord;
      const change = mutate(structuredClone(current));
      if (change === null) return { record: current, changed: false };
      const ops: StoreOp[] = [{ op: 'set', key: TICKET_KEYS.head(id), value: JSON.stringify(change.record) }];
      for (const e of change.events) ops.push({ op: 'listPush', key: TICKET_KEYS.history(id), value: JSON.stringify(e) });
      if (change.record.status !== current.status) {
        ops.push({ op: 'setRemove', key: TICKET_KEYS.byStatus(current.status), member: id });
        ops.push({ op: 'setAdd', key: TICKET_KEYS.byStatus(change.record.status), member: id });
      }
      // A transfer moves the ticket to the other office's index in the same step.
      if (change.record.route !== current.route) {
        ops.push({ op: 'setRemove', key: TICKET_KEYS.byOffice(current.route), member: id });
        ops.push({ op: 'setAdd', key: TICKET_KEYS.byOffice(change.record.route), member: id });
      }
      // The pending-delivery index follows the head in the same step (sent/failed → out; redelivered → in).
      if (hasPendingDelivery(change.record)) ops.push({ op: 'setAdd', key: TICKET_KEYS.pendingDelivery, member: id });
      else if (hasPendingDelivery(current)) ops.push({ op: 'setRemove', key: TICKET_KEYS.pendingDelivery, member: id });
      if (hasPendingFollowUp(change.record)) ops.push({ op: 'setAdd', key: TICKET_KEYS.pendingFollowUp, member: id });
      else if (hasPendingFollowUp(current)) ops.push({ op: 'setRemove', key: TICKET_KEYS.pendingFollowUp, member: id });
      if (await this.store.transaction(ops, [{ key: TICKET_KEYS.head(id), equals: raw }])) return { record: change.record, changed: true };
    }
    throw new Error(`ticket ${id} is being changed too often; try again`);
  }

  /** Ids of the tickets with a pending delivery, oldest first. */
  async pendingDeliveryIds(): Promise<string[]> {
    return (await this.store.setMembers(TICKET_KEYS.pendingDelivery)).sort();
  }

  /**
   * Drops an index member whose ticket has nothing pending any more (a stale entry), only if the
   * head is still the one that was read: a concurrent redelivery keeps its entry.
   */
  async prunePendingDelivery(id: string): Promise<void> {
    const raw = await this.store.get(TICKET_KEYS.head(id));
    if (raw !== null && hasPendingDelivery(JSON.parse(raw) as TicketRecord)) return;
    await this.store.transaction([{ op: 'setRemove', key: TICKET_KEYS.pendingDelivery, member: id }], [{ key: TICKET_KEYS.head(id), equals: raw }]);
  }

  /**
   * Adds the open and notified tickets with a pending delivery to the index (tickets written
   * before the index existed). Conditioned on the head read, so it never races an update.
   * Returns how many were added.
   */
  async indexPendingDeliveries(): Promise<number> {
    const ids = [...new Set([...(await this.store.setMembers(TICKET_KEYS.byStatus('open'))), ...(await this.store.setMembers(TICKET_KEYS.byStatus('notified')))])];
    const indexed = new Set(await this.store.setMembers(TICKET_KEYS.pendingDelivery));
    let n = 0;
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200).filter((id) => !indexed.has(id));
      const raws = await Promise.all(chunk.map((id) => this.store.get(TICKET_KEYS.head(id))));
      for (const [j, raw] of raws.entries()) {
        if (raw === null || !hasPendingDelivery(JSON.parse(raw) as TicketRecord)) continue;
        const id = chunk[j]!;
        if (await this.store.transaction([{ op: 'setAdd', key: TICKET_KEYS.pendingDelivery, member: id }], [{ key: TICKET_KEYS.head(id), equals: raw }])) n++;
      }
    }
    return n;
  }

  /** One sender of a ticket's answer at a time (an inline try and a queued job must not both send). */
  async lockAnswer(id: string, ttlMs: number): Promise<boolean> {
    return this.store.setIfAbsent(TICKET_KEYS.answerLock(id), String(process.pid), ttlMs);
  }

  async unlockAnswer(id: string): Promise<void> {
    await this.store.del(TICKET_KEYS.answerLock(id));
  }

  /** One sender of a follow-up at a time (as lockAnswer). */
  async lockFollowUp(id: string, n: number, ttlMs: number): Promise<boolean> {
    return this.store.setIfAbsent(TICKET_KEYS.followUpLock(id, n), String(process.pid), ttlMs);
  }

  async unlockFollowUp(id: string, n: number): Promise<void> {
    await this.store.del(TICKET_KEYS.followUpLock(id, n));
  }

  /** Ids of the tickets with a follow-up still to be sent. */
  async pendingFollowUpIds(): Promise<string[]> {
    return (await this.store.setMembers(TICKET_KEYS.pendingFollowUp)).sort();
  }

  /** Tickets matching the filter, newest first. */
  async list(filter: Partial<ListFilter> & { requester?: Pick<TicketRequester, 'platform' | 'userId'> }): Promise<Ticket[]> {
    const sets: string[][] = [];
    if (filter.status !== undefined) sets.push(await this.store.setMembers(TICKET_KEYS.byStatus(filter.status)));
    if (filter.office !== undefined) sets.push(await this.store.setMembers(TICKET_KEYS.byOffice(filter.office)));
    if (filter.requester !== undefined) sets.push(await this.store.setMembers(TICKET_KEYS.byRequester(filter.requester)));
    if (sets.length === 0) sets.push(await this.store.setMembers(TICKET_KEYS.all));
    const [first, ...rest] = sets;
    const ids = (first ?? []).filter((id) => rest.every((s) => s.includes(id)));
    // Ids sort chronologically: TW-<year>-<zero-padded counter>.
    ids.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    // Issued together: the client sends them on one connection without waiting for each answer.
    const got = await Promise.all(ids.slice(0, filter.limit ?? 100).map((id) => this.get(id)));
    return got.filter((t): t is Ticket => t !== null);
  }
}
