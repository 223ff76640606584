import type { AuditActor, AuditLog } from '../audit/audit-log.js';
import type { TeleworkBot } from '../core/bot.js';
import { MESSAGES } from '../core/messages.js';
import type { Messengers } from '../core/messenger.js';
import type { Office } from '../core/office.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logging/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { ticketMail } from '../mail/ticket-mail.js';
import { channelsFor, type DeliveryPlan } from './delivery-config.js';
import { TicketError, storeStep, withTimeout } from './errors.js';
import type { DeliveryChannel, ListFilter, Ticket, TicketEvent, TicketFollowUp, TicketRecord, TicketRequester } from './model.js';
import { redactForTicket } from './redaction.js';
import { TicketRepository } from './repository.js';

/** A job on the tickets queue: send a new ticket on one channel, or send the office's answer back. */
export type TicketJob =
  | { kind: 'deliver'; ticketId: string; channel: DeliveryChannel; round: number }
  | { kind: 'answer'; ticketId: string; round: number }
  /** The n-th follow-up answer (index into followUps) to the asker. */
  | { kind: 'follow-up'; ticketId: string; n: number; round: number };

export const jobIdFor = (job: TicketJob): string =>
  job.kind === 'deliver' ? `${job.ticketId}--${job.channel}--${job.round}` : job.kind === 'answer' ? `${job.ticketId}--answer--${job.round}` : `${job.ticketId}--follow-up-${job.n}--${job.round}`;

/** What applyOfficeReply did with an office's reply. */
export type OfficeReplyOutcome = 'answered' | 'follow-up' | 'duplicate';

export interface CreateTicketInput {
  question: string;
  route?: string;
  requester: TicketRequester;
  source: TicketRecord['source'];
  answerId?: string;
  lang?: 'ja' | 'en';
  idempotencyKey?: string;
  /** What the bot had answered (shown to the office in the ticket mail); redacted before it is stored. */
  botAnswer?: string;
}

/** The bot's answer shown to the office is kept short. */
const BOT_ANSWER_MAX = 2000;

export interface TicketServiceDeps {
  repo: TicketRepository;
  bot: Pick<TeleworkBot, 'ask' | 'office' | 'offices' | 'knowledge'>;
  audit: AuditLog;
  logger: Logger;
  messengers: Messengers;
  plan: DeliveryPlan;
  mailer: Mailer | null;
  queue: JobQueue<TicketJob>;
  lang: 'ja' | 'en';
  /** How long a queue add may take before the sweep is left to do it (Redis away). */
  enqueueTimeoutMs?: number;
  now?: () => Date;
}

const ANSWER_LOCK_MS = 60_000;
/** Tickets read at once by the sweep. */
const SWEEP_CHUNK = 100;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The tickets loop: create (redacted, routed, idempotent), deliver to the office on each of
 * its channels as retried jobs, take the office's answer and send it back to the asker.
 * Every step is a compare-and-set on the store, so two instances never do one step twice.
 */
/** How many taken ids creation skips before giving up (a counter far behind its tickets). */
const MAX_TAKEN_IDS = 100_000;

export class TicketService {
  readonly repo: TicketRepository;
  private pendingIndexed = false;

  constructor(private readonly d: TicketServiceDeps) {
    this.repo = d.repo;
  }

  private now(): Date {
    return this.d.now?.() ?? new Date();
  }

  private office(route: string): Office {
    const o = this.d.bot.office(route);
    if (o === undefined) throw new TicketError(400, `unknown route "${route}" (offices: ${this.d.bot.offices.map((x) => x.id).join(', ')})`);
    return o;
  }

  /** The office that owns the question: the operator's override, else the core's decision. */
  async decideRoute(question: string, override?: string): Promise<string> {
    if (override !== undefined) return this.office(override).id;
    const { answer } = await this.d.bot.ask(question);
    return answer.route ?? this.d.bot.knowledge.contacts.defaultOffice;
  }

  /** Ids of every office tickets can be routed to. */
  officeIds(): string[] {
    return this.d.bot.offices.map((o) => o.id);
  }

  /** The chat conversation an office's tickets are posted to (and may be answered from), if any. */
  officeConversation(route: string, platform: 'slack' | 'teams' | 'lineworks'): string | null {
    const d = this.d.plan.byOffice.get(route);
    return (platform === 'slack' ? d?.slackChannel : platform === 'teams' ? d?.teamsConversation : d?.lineworksChannel) ?? null;
  }

  /** What would be sent for this question (the confirm step shows exactly this). */
  preview(question: string, route: string): { question: string; redacted: string[]; office: Office } {
    const r = redactForTicket(question, this.d.bot.offices);
    return { question: r.text, redacted: r.kinds, office: this.office(route) };
  }

  async create(input: CreateTicketInput, actor: AuditActor): Promise<{ ticket: Ticket; created: boolean }> {
    // A repeat is answered before any work (and before the route decision, which may call an LLM).
    if (input.idempotencyKey !== undefined) {
      const existing = await storeStep(() => this.repo.idFor(input.idempotencyKey!));
      if (existing !== null) return this.replay(input.idempotencyKey, existing);
    }
    const route = await this.decideRoute(input.question, input.route);
    const p = this.preview(input.question, route);
    const at = this.now();
    let id = await storeStep(() => this.repo.nextId(at));
    const channels = channelsFor(this.d.plan, route);
    const record: TicketRecord = {
      id,
      status: 'open',
      route,
      officeName: p.office.name,
      question: p.question,
      redacted: p.redacted,
      requester: input.requester,
      ...(input.answerId !== undefined ? { answerId: input.answerId } : {}),
      ...(input.botAnswer !== undefined && input.botAnswer.trim() !== '' ? { botAnswer: redactForTicket(input.botAnswer.slice(0, BOT_ANSWER_MAX), this.d.bot.offices).text } : {}),
      source: input.source,
      lang: input.lang ?? this.d.lang,
      deliveries: Object.fromEntries(channels.map((c) => [c, 'pending'])),
      deliveryRound: 0,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    const event: TicketEvent = { at: record.createdAt, type: 'created', ...(channels.length === 0 ? { detail: 'no delivery channel is configured for this office: kept, not sent' } : {}) };
    for (let taken = 0; ; taken++) {
      const result = await storeStep(() => this.repo.create(record, event, input.idempotencyKey));
      if (result.created) break;
      // Another request with the same key won the race: answer with its ticket.
      if (result.existingId !== null) return this.replay(input.idempotencyKey!, result.existingId);
      // The id exists already: the counter went back (a failover lost its last increments while the
      // tickets survived, or it was reset). Never overwrite: take the next id.
      if (taken >= MAX_TAKEN_IDS) throw new Error(`ticket ids up to ${id} are all taken; the ticket counter is far behind`);
      if (taken === 0) this.d.logger.warn({ ticketId: id }, 'ticket id already taken (the counter went back); taking the next one');
      id = await storeStep(() => this.repo.nextId(at));
      record.id = id;
    }
    this.d.logger.info({ ticketId: id, route, channels, redacted: p.redacted }, 'ticket created');
    await this.audit({ action: 'ticket.created', id, actor, details: { route, source: input.source, platform: input.requester.platform, redacted: p.redacted, channels } });
    await this.enqueueDeliveries(record);
    return { ticket: { ...record, history: [event] }, created: true };
  }

  async get(id: string): Promise<Ticket | null> {
    return storeStep(() => this.repo.get(id));
  }

  async list(filter: Partial<ListFilter> & { requester?: Pick<TicketRequester, 'platform' | 'userId'> }): Promise<Ticket[]> {
    return storeStep(() => this.repo.list(filter));
  }

  /** The ticket an earlier request with this Idempotency-Key made, once the replicas have it too. */
  private async replay(idempotencyKey: string, id: string): Promise<{ ticket: Ticket; created: false }> {
    await storeStep(() => this.repo.confirmIdempotent(idempotencyKey, id));
    return { ticket: await this.mustGet(id), created: false };
  }

  private async mustGet(id: string): Promise<Ticket> {
    const t = await this.get(id);
    if (t === null) throw new TicketError(404, `no ticket ${id}`);
    return t;
  }

  /**
   * The office's answer: redacted, stored (answered), then sent to the asker's conversation;
   * the ticket closes once it is delivered (at once for web/API/CLI askers, who have no thread).
   */
  async answer(id: string, text: string, actor: AuditActor, by = 'office'): Promise<Ticket> {
    const r = redactForTicket(text, this.d.bot.offices);
    const at = this.now().toISOString();
    const updated = await storeStep(() =>
      this.repo.update(id, (t) => {
        if (t.status === 'answered' || t.status === 'closed') throw new TicketError(409, `ticket ${id} is already ${t.status}`);
        const events: TicketEvent[] = [{ at, type: 'answered', detail: `by ${by}` }];
        t.status = 'answered';
        t.answer = { text: r.text, redacted: r.kinds, at, by };
        t.updatedAt = at;
        if (!this.canReply(t.requester)) {
          events.push({ at, type: 'closed', detail: 'the asker has no conversation to reply in: the answer is stored' });
          t.status = 'closed';
        }
        return { record: t, events };
      }),
    );
    if (updated === null) throw new TicketError(404, `no ticket ${id}`);
    await this.afterAnswered(updated.record, actor, by, r);
    return this.mustGet(id);
  }

  /**
   * An office's reply (e-mail): the answer while the ticket is open, a follow-up once it is
   * answered or closed. `source` (the reply's Message-ID) is stored with it and checked in the
   * same compare-and-set write, so the same reply is applied once however often it is handed in
   * (two pollers, a restart between applying it and recording that it was applied).
   */
  async applyOfficeReply(id: string, text: string, opts: { source: string; by: string; actor: AuditActor }): Promise<{ outcome: OfficeReplyOutcome; ticket: Ticket }> {
    const r = redactForTicket(text, this.d.bot.offices);
    const at = this.now().toISOString();
    let outcome = 'duplicate' as OfficeReplyOutcome;
    const updated = await storeStep(() =>
      this.repo.update(id, (t) => {
        outcome = 'duplicate';
        if (t.answer?.source === opts.source || (t.followUps ?? []).some((f) => f.source === opts.source)) return null;
        const entry = { text: r.text, redacted: r.kinds, at, by: opts.by, source: opts.source };
        t.updatedAt = at;
        if (t.status === 'open' || t.status === 'notified') {
          outcome = 'answered';
          t.status = 'answered';
          t.answer = entry;
          const events: TicketEvent[] = [{ at, type: 'answered', detail: `by ${opts.by}` }];
          if (!this.canReply(t.requester)) {
            events.push({ at, type: 'closed', detail: 'the asker has no conversation to reply in: the answer is stored' });
            t.status = 'closed';
          }
          return { record: t, events };
        }
        outcome = 'follow-up';
        const followUps = t.followUps ?? [];
        followUps.push({ ...entry, state: this.canReply(t.requester) ? 'pending' : 'stored' });
        t.followUps = followUps;
        return { record: t, events: [{ at, type: 'follow-up', detail: `by ${opts.by}` }] };
      }),
    );
    if (updated === null) throw new TicketError(404, `no ticket ${id}`);
    if (outcome === 'answered') await this.afterAnswered(updated.record, opts.actor, opts.by, r);
    else if (outcome === 'follow-up') {
      const n = updated.record.followUps!.length - 1;
      this.d.logger.info({ ticketId: id, redacted: r.kinds, followUp: n }, 'ticket follow-up');
      await this.audit({ action: 'ticket.follow-up', id, actor: opts.actor, details: { by: opts.by, answer: r.text, redacted: r.kinds } });
      if (updated.record.followUps![n]!.state === 'pending') {
        let sent = false;
        if (this.d.messengers.has(updated.record.requester.platform)) {
          try {
            sent = await this.deliverFollowUp(id, n);
          } catch (e) {
            this.d.logger.warn({ err: e, ticketId: id }, 'follow-up could not be sent at once; retrying as a job');
          }
        }
        if (!sent) await this.enqueue({ kind: 'follow-up', ticketId: id, n, round: 0 });
      }
    }
    return { outcome, ticket: await this.mustGet(id) };
  }

  /** After the answer is stored: log, audit, and send it to the asker (at once, else as a job). */
  private async afterAnswered(record: TicketRecord, actor: AuditActor, by: string, r: { text: string; kinds: string[] }): Promise<void> {
    const id = record.id;
    this.d.logger.info({ ticketId: id, redacted: r.kinds }, 'ticket answered');
    await this.audit({ action: 'ticket.answered', id, actor, details: { by, answer: r.text, redacted: r.kinds } });
    if (record.status === 'answered') {
      // Try at once when this process can reach the asker's platform; otherwise (or on failure) a retried job does it.
      let sent = false;
      if (this.d.messengers.has(record.requester.platform)) {
        try {
          sent = await this.deliverAnswer(id);
        } catch (e) {
          this.d.logger.warn({ err: e, ticketId: id }, 'answer could not be sent at once; retrying as a job');
        }
      }
      if (!sent) await this.enqueue({ kind: 'answer', ticketId: id, round: record.answerRound ?? 0 });
    } else {
      await this.audit({ action: 'ticket.closed', id, actor: { system: 'tickets' }, details: { reason: 'answer stored' } });
    }
  }

  /**
   * Hands the ticket to another office: it belongs to that office from now on and is delivered to
   * it on its own channels (fresh job ids through a new delivery round). The note is redacted.
   * A ticket already answered or closed cannot move (409): the asker has, or is getting, the answer.
   */
  async transfer(id: string, to: string, note: string, actor: AuditActor, by = 'office'): Promise<Ticket> {
    const target = this.office(to);
    const r = redactForTicket(note, this.d.bot.offices);
    const at = this.now().toISOString();
    const channels = channelsFor(this.d.plan, target.id);
    let from = '';
    const updated = await storeStep(() =>
      this.repo.update(id, (t) => {
        if (t.status === 'answered' || t.status === 'closed') throw new TicketError(409, `ticket ${id} is already ${t.status}`);
        if (t.route === target.id) throw new TicketError(400, `ticket ${id} already belongs to ${target.id}`);
        from = t.route;
        t.transferredFrom = { route: t.route, officeName: t.officeName, note: r.text, at };
        t.route = target.id;
        t.officeName = target.name;
        // The new office has not been told yet: back to open, with its own channels pending.
        t.status = 'open';
        t.deliveries = Object.fromEntries(channels.map((c) => [c, 'pending']));
        t.deliveryRound = (t.deliveryRound ?? 0) + 1;
        t.updatedAt = at;
        const events: TicketEvent[] = [{ at, type: 'transferred', from, to: target.id, ...(r.text !== '' ? { note: r.text } : {}), detail: `by ${by}` }];
        return { record: t, events };
      }),
    );
    if (updated === null) throw new TicketError(404, `no ticket ${id}`);
    this.d.logger.info({ ticketId: id, from, to: target.id, channels, redacted: r.kinds }, 'ticket transferred');
    await this.audit({ action: 'ticket.transferred', id, actor, details: { from, to: target.id, note: r.text, by, channels } });
    if (channels.length === 0) this.d.logger.warn({ ticketId: id, office: target.id }, 'no delivery channel is configured for this office: the transferred ticket is kept, not sent');
    await this.enqueueDeliveries(updated.record);
    return this.mustGet(id);
  }

  /** Closes a ticket without an answer (a duplicate, settled elsewhere); the note is redacted. */
  async close(id: string, note: string, actor: AuditActor, by = 'office'): Promise<Ticket> {
    const r = redactForTicket(note, this.d.bot.offices);
    const at = this.now().toISOString();
    const updated = await storeStep(() =>
      this.repo.update(id, (t) => {
        // An answered ticket is on its way to the asker: closing it now would drop the answer.
        if (t.status === 'answered' || t.status === 'closed') throw new TicketError(409, `ticket ${id} is already ${t.status}`);
        t.status = 'closed';
        t.updatedAt = at;
        return { record: t, events: [{ at, type: 'closed', detail: `by ${by}${r.text !== '' ? `: ${r.text}` : ''}`, ...(r.text !== '' ? { note: r.text } : {}) }] };
      }),
    );
    if (updated === null) throw new TicketError(404, `no ticket ${id}`);
    this.d.logger.info({ ticketId: id }, 'ticket closed without an answer');
    await this.audit({ action: 'ticket.closed', id, actor, details: { reason: 'closed by the office', by, note: r.text } });
    return this.mustGet(id);
  }

  /** Chat platforms get the answer in their thread; web, API and CLI askers only have it stored. */
  private canReply(r: TicketRequester): boolean {
    return (r.platform === 'slack' || r.platform === 'teams' || r.platform === 'lineworks') && (r.channelId !== undefined || r.userId !== undefined);
  }

  /** Sets failed channels back to pending and sends again (an operator's retry after fixing the cause). */
  async redeliver(id: string, actor: AuditActor): Promise<Ticket> {
    const at = this.now().toISOString();
    const updated = await storeStep(() =>
      this.repo.update(id, (t) => {
        const failed = (Object.keys(t.deliveries) as DeliveryChannel[]).filter((c) => t.deliveries[c] === 'failed');
        const events: TicketEvent[] = failed.map((channel) => ({ at, type: 'delivery-requeued' as const, channel }));
        if (failed.length > 0) t.deliveryRound = (t.deliveryRound ?? 0) + 1;
        for (const c of failed) t.deliveries[c] = 'pending';
        // An answer that could not reach the asker is sent again too (fresh job ids: the failed ones are kept).
        if (t.status === 'answered') {
          t.answerRound = (t.answerRound ?? 0) + 1;
          events.push({ at, type: 'delivery-requeued', detail: 'answer' });
        }
        // Follow-ups that could not reach the asker go out again too.
        for (const f of t.followUps ?? []) {
          if (f.state !== 'failed') continue;
          f.state = 'pending';
          f.round = (f.round ?? 0) + 1;
          events.push({ at, type: 'delivery-requeued', detail: 'follow-up' });
        }
        if (events.length === 0) return null;
        t.updatedAt = at;
        return { record: t, events };
      }),
    );
    if (updated === null) throw new TicketError(404, `no ticket ${id}`);
    if (updated.changed) {
      await this.audit({ action: 'ticket.redelivery', id, actor });
      await this.enqueueDeliveries(updated.record);
      if (updated.record.status === 'answered') {
        await this.repo.unlockAnswer(id).catch(() => {});
        await this.enqueue({ kind: 'answer', ticketId: id, round: updated.record.answerRound ?? 0 });
      }
      for (const [n, f] of (updated.record.followUps ?? []).entries()) {
        if (f.state !== 'pending') continue;
        await this.repo.unlockFollowUp(id, n).catch(() => {});
        await this.enqueue({ kind: 'follow-up', ticketId: id, n, round: f.round ?? 0 });
      }
    }
    return this.mustGet(id);
  }

  private async enqueueDeliveries(t: TicketRecord): Promise<void> {
    for (const [channel, state] of Object.entries(t.deliveries) as [DeliveryChannel, string][]) {
      if (state === 'pending') await this.enqueue({ kind: 'deliver', ticketId: t.id, channel, round: t.deliveryRound ?? 0 });
    }
  }

  /** A failed add is not fatal: the ticket is stored, and the sweep adds the job later. */
  private async enqueue(job: TicketJob): Promise<void> {
    try {
      await withTimeout(this.d.queue.add(jobIdFor(job), job), this.d.enqueueTimeoutMs ?? 3000, 'queueing the delivery');
    } catch (e) {
      this.d.logger.warn({ err: e, ticketId: job.ticketId, job: jobIdFor(job) }, 'delivery not queued yet; the sweep will queue it');
    }
  }

  /**
   * Re-queues what should be queued (pending deliveries, undelivered answers): after a
   * restart, a lost in-process queue or a failed add. Job ids make repeats harmless.
   *
   * Pending deliveries come from their own index (kept with the head in one transaction), so a
   * channel left pending on a ticket that is already `notified` (another channel got through),
   * or put back by a redelivery, is found whatever the status; offices without any channel never
   * enter it, so their tickets cannot crowd the others out.
   *
   * Every add has a time limit, and `stopping` is checked between tickets: with Redis away the
   * sweep fails (and is tried again later) instead of hanging, and cannot hold up a stop.
   */
  async sweep(opts: { stopping?: () => boolean } = {}): Promise<number> {
    const stopping = opts.stopping ?? (() => false);
    const add = (job: TicketJob): Promise<void> => withTimeout(this.d.queue.add(jobIdFor(job), job), this.d.enqueueTimeoutMs ?? 3000, 'queueing a ticket job (sweep)');
    if (!this.pendingIndexed) {
      // Tickets written before the index existed (once per process; conditional, so harmless to repeat).
      const added = await this.repo.indexPendingDeliveries();
      if (added > 0) this.d.logger.info({ tickets: added }, 'indexed tickets with pending deliveries');
      this.pendingIndexed = true;
    }
    let n = 0;
    const ids = await this.repo.pendingDeliveryIds();
    for (let i = 0; i < ids.length; i += SWEEP_CHUNK) {
      if (stopping()) return n;
      const chunk = ids.slice(i, i + SWEEP_CHUNK);
      const records = await Promise.all(chunk.map((id) => this.repo.getRecord(id)));
      for (const [j, t] of records.entries()) {
        if (stopping()) return n;
        const pending = t === null ? [] : (Object.keys(t.deliveries) as DeliveryChannel[]).filter((c) => t.deliveries[c] === 'pending');
        // Once the office has answered, a late "new ticket" notice would only confuse: drop it.
        if (t === null || pending.length === 0 || t.status === 'answered' || t.status === 'closed') {
          await this.repo.prunePendingDelivery(chunk[j]!);
          continue;
        }
        for (const channel of pending) {
          await add({ kind: 'deliver', ticketId: t.id, channel, round: t.deliveryRound ?? 0 });
          n++;
        }
      }
    }
    for (const id of await this.repo.pendingFollowUpIds()) {
      if (stopping()) return n;
      const t = await this.repo.getRecord(id);
      for (const [i, f] of (t?.followUps ?? []).entries()) {
        if (f.state !== 'pending') continue;
        await add({ kind: 'follow-up', ticketId: id, n: i, round: f.round ?? 0 });
        n++;
      }
    }
    for (const t of await this.repo.list({ status: 'answered', limit: 1000 })) {
      if (stopping()) return n;
      // Given up on (until an operator's redeliver): not re-queued.
      if (t.history.findLast((e) => e.type === 'answer-delivery-failed' || e.type === 'delivery-requeued')?.type === 'answer-delivery-failed') continue;
      await add({ kind: 'answer', ticketId: t.id, round: t.answerRound ?? 0 });
      n++;
    }
    return n;
  }

  /** The queue's handler. Throwing makes the queue retry with backoff; the final try records the failure. */
  async runJob(job: TicketJob, info: { attempt: number; final: boolean }): Promise<void> {
    try {
      if (job.kind === 'deliver') await this.deliverTicket(job.ticketId, job.channel);
      else if (job.kind === 'follow-up') {
        if (!(await this.deliverFollowUp(job.ticketId, job.n))) throw new Error('the follow-up is being sent by another worker');
      } else if (!(await this.deliverAnswer(job.ticketId))) throw new Error('the answer is being sent by another worker');
    } catch (e) {
      const message = (e as Error).message;
      this.d.logger.warn({ err: e, ticketId: job.ticketId, job: jobIdFor(job), attempt: info.attempt, final: info.final }, 'ticket job failed');
      if (info.final) await this.recordFailure(job, message, info.attempt);
      throw e;
    }
  }

  private async recordFailure(job: TicketJob, message: string, attempts: number): Promise<void> {
    const at = this.now().toISOString();
    const detail = `${attempts} attempt(s): ${redactForTicket(message, this.d.bot.offices).text}`.slice(0, 500);
    this.d.logger.error({ ticketId: job.ticketId, job: jobIdFor(job), attempts }, `ticket delivery failed for good: ${message}`);
    await this.repo.update(job.ticketId, (t) => {
      if (job.kind === 'deliver') {
        if (t.deliveries[job.channel] !== 'pending') return null;
        t.deliveries[job.channel] = 'failed';
        t.updatedAt = at;
        return { record: t, events: [{ at, type: 'delivery-failed', channel: job.channel, detail }] };
      }
      if (job.kind === 'follow-up') {
        const f = t.followUps?.[job.n];
        if (f?.state !== 'pending') return null;
        f.state = 'failed';
        t.updatedAt = at;
        return { record: t, events: [{ at, type: 'follow-up-delivery-failed', detail }] };
      }
      if (t.status !== 'answered') return null;
      t.updatedAt = at;
      return { record: t, events: [{ at, type: 'answer-delivery-failed', detail }] };
    });
    const action = job.kind === 'deliver' ? 'ticket.delivery-failed' : job.kind === 'follow-up' ? 'ticket.follow-up-delivery-failed' : 'ticket.answer-delivery-failed';
    await this.audit({ action, id: job.ticketId, actor: { system: 'tickets' }, details: { ...(job.kind === 'deliver' ? { channel: job.channel } : {}), detail } });
  }

  /** Sends a new ticket on one channel, once: skipped when that channel already went out. */
  private async deliverTicket(id: string, channel: DeliveryChannel): Promise<void> {
    const t = await this.repo.getRecord(id);
    // A ticket closed before its notice went out (closed by the office) is not sent any more.
    if (t === null || t.deliveries[channel] !== 'pending' || t.status === 'closed') return;
    const office = this.office(t.route);
    const dest = this.d.plan.byOffice.get(t.route);
    switch (channel) {
      case 'email': {
        if (this.d.mailer === null || !dest?.email) throw new Error('e-mail delivery is not configured');
        await this.d.mailer.send(ticketMail(t, office, dest.email, { replyTo: this.d.plan.replyTo }));
        break;
      }
      case 'webhook': {
        if (!dest?.webhook) throw new Error('no webhook is configured');
        const res = await fetch(dest.webhook, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${t.id}--webhook` },
          body: JSON.stringify({ ticket: { id: t.id, route: t.route, office: office.name, question: t.question, redacted: t.redacted, createdAt: t.createdAt, answerPath: `/api/tickets/${t.id}/answer` } }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`the webhook answered ${res.status}`);
        break;
      }
      case 'slack':
      case 'teams':
      case 'lineworks': {
        const conversation = this.officeConversation(t.route, channel);
        if (!conversation) throw new Error(`no ${channel} conversation is configured`);
        const question = t.transferredFrom ? `${t.question}\n\n(${MESSAGES.tickets.transferredFrom[t.lang](t.transferredFrom.officeName, t.transferredFrom.note)})` : t.question;
        await this.d.messengers.send({ platform: channel, channelId: conversation }, { text: MESSAGES.tickets.officeNotice[t.lang](t.id, question, channel), lang: t.lang });
        break;
      }
    }
    await this.markDelivered(id, channel);
  }

  private async markDelivered(id: string, channel: DeliveryChannel): Promise<void> {
    const at = this.now().toISOString();
    const r = await this.repo.update(id, (t) => {
      if (t.deliveries[channel] === 'sent') return null;
      t.deliveries[channel] = 'sent';
      const events: TicketEvent[] = [{ at, type: 'delivered', channel }];
      // The first channel that reaches the office moves open → notified (once: compare-and-set).
      if (t.status === 'open') {
        t.status = 'notified';
        events.push({ at, type: 'notified' });
      }
      t.updatedAt = at;
      return { record: t, events };
    });
    if (r?.changed) {
      this.d.logger.info({ ticketId: id, channel }, 'ticket delivered');
      await this.audit({ action: 'ticket.delivered', id, actor: { system: 'tickets' }, details: { channel } });
    }
  }

  /** Sends the stored answer to the asker and closes the ticket; false when another worker holds it. */
  private async deliverAnswer(id: string): Promise<boolean> {
    const t = await this.repo.getRecord(id);
    if (t === null || t.status !== 'answered' || t.answer === undefined) return true;
    if (!(await this.repo.lockAnswer(id, ANSWER_LOCK_MS))) return false;
    try {
      const text = MESSAGES.tickets.answer[t.lang](t.id, t.officeName, t.answer.text);
      const r = t.requester;
      await this.d.messengers.send({ platform: r.platform, ...(r.channelId ? { channelId: r.channelId } : {}), ...(r.threadId ? { threadId: r.threadId } : {}), userId: r.userId }, { text, lang: t.lang });
    } catch (e) {
      await this.repo.unlockAnswer(id).catch(() => {});
      throw e;
    }
    const at = this.now().toISOString();
    await this.repo.update(id, (cur) => {
      if (cur.status !== 'answered') return null;
      cur.status = 'closed';
      cur.updatedAt = at;
      return { record: cur, events: [{ at, type: 'answer-delivered', detail: t.requester.platform }, { at, type: 'closed' }] };
    });
    this.d.logger.info({ ticketId: id, platform: t.requester.platform }, 'ticket answer delivered; closed');
    await this.audit({ action: 'ticket.closed', id, actor: { system: 'tickets' }, details: { reason: 'answer delivered', platform: t.requester.platform } });
    return true;
  }

  /** Sends the n-th follow-up to the asker, once; false when another worker holds it. */
  private async deliverFollowUp(id: string, n: number): Promise<boolean> {
    const t = await this.repo.getRecord(id);
    const f: TicketFollowUp | undefined = t?.followUps?.[n];
    if (t === null || f === undefined || f.state !== 'pending') return true;
    if (!(await this.repo.lockFollowUp(id, n, ANSWER_LOCK_MS))) return false;
    try {
      const r = t.requester;
      const text = MESSAGES.tickets.followUp[t.lang](t.id, t.officeName, f.text);
      await this.d.messengers.send({ platform: r.platform, ...(r.channelId ? { channelId: r.channelId } : {}), ...(r.threadId ? { threadId: r.threadId } : {}), userId: r.userId }, { text, lang: t.lang });
    } catch (e) {
      await this.repo.unlockFollowUp(id, n).catch(() => {});
      throw e;
    }
    const at = this.now().toISOString();
    // The lock stays until it expires: with the state written, a late job finds nothing to do.
    await this.repo.update(id, (cur) => {
      const c = cur.followUps?.[n];
      if (c?.state !== 'pending') return null;
      c.state = 'sent';
      cur.updatedAt = at;
      return { record: cur, events: [{ at, type: 'follow-up-delivered', detail: t.requester.platform }] };
    });
    this.d.logger.info({ ticketId: id, followUp: n, platform: t.requester.platform }, 'ticket follow-up delivered');
    return true;
  }

  /** Audit failures are logged, not thrown: the ticket itself is already safely stored. */
  private async audit(e: { action: string; id: string; actor: AuditActor; details?: Record<string, unknown> }): Promise<void> {
    try {
      await this.d.audit.record({ action: e.action, subject: { type: 'ticket', id: e.id }, actor: e.actor, ...(e.details ? { details: e.details } : {}) });
    } catch (err) {
      this.d.logger.warn({ err, ticketId: e.id, action: e.action }, 'audit record failed');
    }
  }
}

