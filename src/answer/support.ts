import type { Composition } from './extractive-composer.js';

/** Below this support the bot says its knowledge does not cover the question. */
export const ANSWER_THRESHOLD = 0.5;
/**
 * A passage that covers this much of the question answers it even when no one sentence covers half:
 * a paraphrase spreads the question's words over the passage's sentences …
 */
export const PASSAGE_SUPPORT = 0.6;
/** … provided its chosen sentences still cover this much (both measured on the development sets). */
export const SPREAD_SENTENCE_SUPPORT = 0.2;

/** Whether a composition answers the question, given how much of it the answering passage covers. */
export function answersQuestion(composition: Composition, passageCoverage: number): boolean {
  if (composition.parts.length === 0) return false;
  if (composition.support >= ANSWER_THRESHOLD) return true;
  // The figure of the asker's own size band, or the kind of answer asked for (発行時期 → 令和3年4月), is a
  // precise answer, however much else the message says.
  if ((composition.bandFigure || composition.askedKind) && composition.support >= SPREAD_SENTENCE_SUPPORT) return true;
  return passageCoverage >= PASSAGE_SUPPORT && composition.support >= SPREAD_SENTENCE_SUPPORT;
}
