import type { AnswerResult } from './answer.js';
import { MESSAGES } from './messages.js';
import type { Office } from './office.js';
import type { Reply, ReplyAction } from './reply.js';

/** Builds the one platform-neutral Reply that every adapter renders. */
export function toReply(result: AnswerResult, safeQuestion: string, offices: { office(id: string): Office | undefined }): Reply {
  const { answer, detail } = result;
  const lang = detail.lang;
  const office = answer.route === null ? null : (offices.office(answer.route) ?? null);
  const action = (kind: ReplyAction['kind'], label: string): ReplyAction => ({ kind, label, value: detail.answerId });
  const actions: ReplyAction[] = [];
  if (detail.kind !== 'error' && detail.kind !== 'smalltalk') {
    if (!answer.outOfScope) {
      if (detail.kind === 'answer') actions.push(action('resolved', MESSAGES.actions.resolved[lang]));
      if (office !== null) actions.push(action('escalate', MESSAGES.actions.escalate[lang]));
    }
    actions.push(action('feedback-helpful', MESSAGES.actions.helpful[lang]));
    actions.push(action('feedback-unhelpful', MESSAGES.actions.unhelpful[lang]));
  }
  return {
    answerId: detail.answerId,
    lang,
    kind: detail.kind,
    question: safeQuestion,
    text: answer.answer,
    sources: detail.sources,
    office,
    escalate: answer.escalate,
    confidence: answer.confidence,
    actions,
  };
}
