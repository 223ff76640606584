import type { EscalationPort, EscalationResult } from '../core/escalation.js';
import type { FeedbackRecorder, Requester } from '../feedback/recorder.js';
import type { TicketService } from './service.js';

/** The chat action id: one ticket per answer and person, however often the button is pressed. */
export const chatIdempotencyKey = (answerId: string, r: Pick<Requester, 'platform' | 'userId'>): string => `${r.platform}:${answerId}:${r.userId}`;

/**
 * 「担当窓口に問い合わせる」 with tickets running: the escalated answer's (already redacted)
 * question becomes a ticket for the office the core chose. Platform-neutral: Slack, Teams and
 * the web chat all call ctx.escalations.request(answerId, requester).
 */
export class TicketEscalations implements EscalationPort {
  constructor(
    private readonly tickets: TicketService,
    private readonly feedback: FeedbackRecorder,
  ) {}

  async request(answerId: string, requester: Requester, opts: { idempotencyKey?: string; route?: string } = {}): Promise<EscalationResult | null> {
    const answer = await this.feedback.getAnswer(answerId);
    if (answer === null) return null;
    const { ticket, created } = await this.tickets.create(
      {
        question: answer.question,
        route: opts.route ?? answer.route ?? undefined,
        requester,
        source: 'chat',
        answerId,
        idempotencyKey: opts.idempotencyKey ?? chatIdempotencyKey(answerId, requester),
      },
      { platform: requester.platform, userId: requester.userId },
    );
    // The review list of escalation requests keeps working as before.
    if (created) await this.feedback.recordEscalationRequest(answerId, requester);
    return { route: ticket.route, ticketId: ticket.id, created };
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
