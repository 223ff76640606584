import type { FeedbackRecorder, Requester } from '../feedback/recorder.js';

export interface EscalationResult {
  route: string | null;
  /** Set once tickets exist: the human-friendly ticket id. */
  ticketId?: string;
  /** False when the same request was made before (idempotent repeat, or the same question again). */
  created?: boolean;
  /** The language of the answer escalated: the receipt is written in it. */
  lang?: 'ja' | 'en';
  /** Set when the person's escalations for the day are used up: no ticket was made. */
  rateLimited?: { limit: number; retryAfterSeconds: number };
}

/**
 * What pressing 「担当窓口に問い合わせる」 does. Adapters call this and render the result;
 * the tickets service replaces the record-only default.
 */
export interface EscalationPort {
  /** null when the answer is unknown or expired. */
  /** `rateKey` names the person for the flood limits when the requester id does not (the web's client). */
  request(answerId: string, requester: Requester, opts?: { idempotencyKey?: string; route?: string; rateKey?: string }): Promise<EscalationResult | null>;
}

/** The default before tickets are configured: the request is recorded for review. */
export class RecordOnlyEscalations implements EscalationPort {
  constructor(private readonly feedback: FeedbackRecorder) {}

  async request(answerId: string, requester: Requester): Promise<EscalationResult | null> {
    const record = await this.feedback.recordEscalationRequest(answerId, requester);
    return record === null ? null : { route: record.route, created: true, ...(record.lang ? { lang: record.lang } : {}) };
  }
}
