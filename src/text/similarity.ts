import { normalizeForEval } from './normalize.js';

/**
 * How alike two short questions are: the eval judge's normalisation, punctuation dropped, then
 * Jaccard similarity of character bigrams. Used by the eval-overlap check and the review's grouping.
 */

/**
 * The judge's normalisation (NFKC, lower case, no white space, no thousands separators), and
 * punctuation and symbols dropped too: 「?」 against 「？」 or a missing 「、」 does not make a new question.
 */
export function normalizeForOverlap(q: string): string {
  return normalizeForEval(q).replace(/[\p{P}\p{S}]/gu, '');
}

/** Character bigrams of a normalised string (a one-character string is its own gram). */
export function bigrams(normalized: string): Set<string> {
  const chars = [...normalized];
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Similarity of two questions, 0..1 (1 when equal after normalisation). */
export function questionSimilarity(a: string, b: string): number {
  const na = normalizeForOverlap(a);
  const nb = normalizeForOverlap(b);
  return na === nb ? 1 : jaccard(bigrams(na), bigrams(nb));
}
