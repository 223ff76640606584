import type { EscalationPort, EscalationResult } from '../core/escalation.js';
import type { FeedbackRecorder, Requester } from '../feedback/recorder.js';
import type { EscalationGuard } from './escalation-limit.js';
import { TicketError, storeStep } from './errors.js';
import { IdempotencyKeySchema } from './model.js';
import type { TicketService } from './service.js';

/**
 * The idempotency-key namespace of escalations from a platform: `web:`, `slack:`, `teams:`, `cli:`.
 * Never `api:`, the admin API's (POST /api/tickets stores `api:<key>`): an escalation from an
 * `api` requester gets `chat-api:` instead, so no escalation key can equal an admin key.
 */
export const escalationNamespace = (platform: Requester['platform']): string => (platform === 'api' ? 'chat-api:' : `${platform}:`);

/** The chat action id: one ticket per answer and person, however often the button is pressed. */
export const chatIdempotencyKey = (answerId: string, r: Pick<Requester, 'platform' | 'userId'>): string => `${escalationNamespace(r.platform)}${answerId}:${r.userId}`;

/**
 * The stored idempotency key of an escalation. A caller's key (the web's `Idempotency-Key`
 * header, or the Teams adapter's `teams:<answerId>:<userId>`) must pass IdempotencyKeySchema
 * (1-200 printable ASCII characters); a bad one is refused with a 400 TicketError — the same as
 * the admin API does — rather than silently dropped, so a client never believes it is protected
 * against double submission when it is not. A valid key is put in the requester's platform
 * namespace; one that already starts with it (the adapters' `slack:…` / `teams:…` keys) is kept
 * as it is, so keys stored before this change still match. Without a key: chatIdempotencyKey.
 */
export function escalationIdempotencyKey(answerId: string, requester: Pick<Requester, 'platform' | 'userId'>, key: string | undefined): string {
  if (key === undefined) return chatIdempotencyKey(answerId, requester);
  const parsed = IdempotencyKeySchema.safeParse(key);
  if (!parsed.success) throw new TicketError(400, `Idempotency-Key: ${parsed.error.issues[0]?.message ?? 'invalid'} (1-200 printable ASCII characters)`);
  const ns = escalationNamespace(requester.platform);
  return parsed.data.startsWith(ns) ? parsed.data : `${ns}${parsed.data}`;
}

/**
 * 「担当窓口に問い合わせる」 with tickets running: the escalated answer's (already redacted)
 * question becomes a ticket for the office the core chose. Platform-neutral: Slack, Teams and
 * the web chat all call ctx.escalations.request(answerId, requester).
 */
export class TicketEscalations implements EscalationPort {
  constructor(
    private readonly tickets: TicketService,
    private readonly feedback: FeedbackRecorder,
    private readonly guard: EscalationGuard | null = null,
  ) {}

  /**
   * Throws a 400 TicketError for an invalid idempotency key (see escalationIdempotencyKey).
   * A repeat (same key) answers with its ticket; the same question from the same person within a
   * day joins that person's open ticket; past the day's limit no ticket is made (`rateLimited`).
   */
  async request(answerId: string, requester: Requester, opts: { idempotencyKey?: string; route?: string; rateKey?: string } = {}): Promise<EscalationResult | null> {
    const idempotencyKey = escalationIdempotencyKey(answerId, requester, opts.idempotencyKey);
    const answer = await this.feedback.getAnswer(answerId);
    if (answer === null) return null;
    const guard = this.guard;
    const person = guard?.person(requester, opts.rateKey) ?? '';
    if (guard !== null) {
      const repeat = await storeStep(() => this.tickets.repo.idFor(idempotencyKey));
      if (repeat !== null) return this.existing(repeat, answer.route);
      const earlier = await storeStep(() => guard.earlier(person, answer.question));
      if (earlier !== null) {
        const t = await this.tickets.get(earlier);
        if (t !== null && (t.status === 'open' || t.status === 'notified')) return { route: t.route, ticketId: t.id, created: false };
      }
      const quota = await storeStep(() => guard.take(person));
      if (!quota.ok) return { route: answer.route, rateLimited: { limit: guard.perDay, retryAfterSeconds: quota.retryAfterSeconds } };
    }
    let result;
    try {
      result = await this.tickets.create(
        {
          question: answer.question,
          route: opts.route ?? answer.route ?? undefined,
          requester,
          source: 'chat',
          answerId,
          idempotencyKey,
          botAnswer: answer.text,
          // The asker is told of the office's answer in the language they asked in.
          ...(answer.lang ? { lang: answer.lang } : {}),
        },
        { platform: requester.platform, userId: requester.userId },
      );
    } catch (err) {
      await guard?.giveBack(person);
      throw err;
    }
    const { ticket, created } = result;
    if (guard !== null) {
      if (created) await guard.remember(person, answer.question, ticket.id).catch(() => undefined);
      else await guard.giveBack(person);
    }
    // The review list of escalation requests keeps working as before.
    if (created) await this.feedback.recordEscalationRequest(answerId, requester);
    return { route: ticket.route, ticketId: ticket.id, created, ...(answer.lang ? { lang: answer.lang } : {}) };
  }

  private async existing(id: string, route: string | null): Promise<EscalationResult> {
    const t = await this.tickets.get(id);
    return { route: t?.route ?? route, ticketId: id, created: false };
  }

  /** The confirm step: exactly what a press of 送信する would send, or null for an expired answer. */
  async preview(answerId: string, route?: string): Promise<{ question: string; officeName: string; route: string } | null> {
    const answer = await this.feedback.getAnswer(answerId);
    if (answer === null) return null;
    const r = route ?? answer.route ?? (await this.tickets.decideRoute(answer.question));
    const p = this.tickets.preview(answer.question, r);
    return { question: p.question, officeName: p.office.name, route: p.office.id };
  }
}
