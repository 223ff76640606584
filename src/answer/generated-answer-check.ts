import { neutralizeBroadcastMentions } from '../safety/mentions.js';
import { redactPersonalData } from '../safety/redact.js';
import { nfkc, stripThousandsSeparators } from '../text/normalize.js';

export type RejectionReason = 'timeout' | 'no-citation' | 'invented-fact' | 'empty' | 'provider-error';

/** The generator's answer was not used; the extractive answer stands. */
export class GenerationRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(`${reason}: ${message}`);
    this.name = 'GenerationRejected';
  }
}

const comparable = (s: string): string => stripThousandsSeparators(nfkc(s)).toLowerCase().replace(/\s+/g, '');

/** Figures, phone numbers, e-mail addresses and URLs: what a model must never make up. */
const FACT_PATTERNS = [
  /https?:\/\/[^\s)\]）」]+/g,
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g,
  /\d[\d,]*(?:\.\d+)?(?:-\d+)*/g,
];

/**
 * Accepts a generated answer only when it cites at least one given passage, cites nothing
 * else, and every figure, address and URL in it occurs in the passages. Returns the cleaned
 * text and the citation numbers; throws GenerationRejected otherwise.
 */
export function checkGeneratedAnswer(raw: string, passages: { n: number; text: string; title: string; section: string | null }[]): { text: string; cited: number[] } {
  const text = neutralizeBroadcastMentions(raw).trim();
  if (text === '') throw new GenerationRejected('empty', 'the model returned no text');
  const valid = new Set(passages.map((p) => p.n));
  const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
  if (cited.length === 0) throw new GenerationRejected('no-citation', 'the answer cites no passage');
  const unknown = cited.filter((n) => !valid.has(n));
  if (unknown.length > 0) throw new GenerationRejected('no-citation', `the answer cites unknown passages ${unknown.join(', ')}`);
  const source = comparable(passages.map((p) => `${p.title} ${p.section ?? ''} ${p.text}`).join(' '));
  const withoutCitations = text.replace(/\[\d+\]/g, ' ');
  for (const re of FACT_PATTERNS) {
    for (const m of withoutCitations.matchAll(re)) {
      const fact = m[0].replace(/[.,]+$/, '');
      if (/^\d$/.test(fact)) continue; // single digits ("3つ", "第2章") are too common to check
      if (!source.includes(comparable(fact))) throw new GenerationRejected('invented-fact', `"${fact}" is not in the passages`);
    }
  }
  // Personal data is never sent on, even if a passage somehow held it.
  return { text: redactPersonalData(text, new Set(passages.flatMap((p) => [...p.text.matchAll(FACT_PATTERNS[1]!)].map((x) => x[0])))).text, cited: cited.sort((a, b) => a - b) };
}
