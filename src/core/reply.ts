import type { AnswerKind, Lang, SourceRef } from './answer.js';
import type { Office } from './office.js';

/**
 * The one platform-neutral reply model. Adapters render it natively
 * (Block Kit, Adaptive Cards, HTML, terminal) and add no logic of their own.
 */
export interface Reply {
  answerId: string;
  lang: Lang;
  kind: AnswerKind;
  /** The question as received (already safe to show: broadcast mentions neutralised). */
  question: string;
  /** Answer text, safe to show (no broadcast mentions, no personal data from the question). */
  text: string;
  /** Numbered sources; text refers to them as [n]. */
  sources: SourceRef[];
  /** The office that owns the topic, or null when out of scope. */
  office: Office | null;
  /** True when the bot proposes handing the question to the office. */
  escalate: boolean;
  confidence: number;
  actions: ReplyAction[];
}

export type ReplyActionKind = 'resolved' | 'escalate' | 'feedback-helpful' | 'feedback-unhelpful';

export interface ReplyAction {
  kind: ReplyActionKind;
  /** Button label in the reply's language (e.g. 「解決しました」). */
  label: string;
  /** Opaque value the adapter sends back when the action is taken: the answerId. */
  value: string;
}
