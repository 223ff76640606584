import type { FeedbackRecorder, Requester } from '../feedback/recorder.js';

export interface EscalationResult {
  route: string | null;
  /** Set once tickets exist: the human-friendly ticket id. */
  ticketId?: string;
  /** False when the same request was made before (idempotent repeat). */
  created?: boolean;
  /** The language of the answer escalated: the receipt is written in it. */
  lang?: 'ja' | 'en';
}

/**
 * What pressing 「担当窓口に問い合わせる」 does. Adapters call this and render the result;
 * the tickets service replaces the record-only default.
 */
export interface EscalationPort {
  /** null when the answer is unknown or expired. */
  request(answerId: string, requester: Requester, opts?: { idempotencyKey?: string; route?: string }): Promise<EscalationResult | null>;
}

/** The default before tickets are configured: the request is recorded for review. */
export class RecordOnlyEscalations implements EscalationPort {
  constructor(private readonly feedback: FeedbackRecorder) {}

  async request(answerId: string, requester: Requester): Promise<EscalationResult | null> {
    const record = await this.feedback.recordEscalationRequest(answerId, requester);
    return record === null ? null : { route: record.route, created: true, ...(record.lang ? { lang: record.lang } : {}) };
  }
}
