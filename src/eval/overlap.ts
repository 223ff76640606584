import { readFile } from 'node:fs/promises';
import { normalizeForEval } from '../text/normalize.js';
import { parseEvalFile } from './eval-case.js';
import { evalFiles } from './run-eval.js';

/**
 * Overlap between a blind eval set and the gated one: a set only counts as blind when none of its
 * questions is a copy or a near copy of a question the engine was tuned on (issue 8, item 5).
 */

export interface OverlapCase {
  file: string;
  id: string;
  q: string;
}

export interface OverlapPair {
  blind: OverlapCase;
  gated: OverlapCase;
  /** Jaccard similarity of the two questions' character bigrams, 0..1. */
  similarity: number;
  /** Equal after normalisation. */
  exact: boolean;
}

export const DEFAULT_OVERLAP_THRESHOLD = 0.6;

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

/** Similarity of two questions as the overlap check measures it. */
export function questionSimilarity(a: string, b: string): number {
  const na = normalizeForOverlap(a);
  const nb = normalizeForOverlap(b);
  return na === nb ? 1 : jaccard(bigrams(na), bigrams(nb));
}

/** Every (blind, gated) pair at or above the threshold, exact copies first, then by similarity. */
export function findOverlaps(blind: OverlapCase[], gated: OverlapCase[], threshold = DEFAULT_OVERLAP_THRESHOLD): OverlapPair[] {
  const prepared = (cs: OverlapCase[]) => cs.map((c) => ({ c, n: normalizeForOverlap(c.q), g: bigrams(normalizeForOverlap(c.q)) }));
  const gatedPrepared = prepared(gated);
  const pairs: OverlapPair[] = [];
  for (const b of prepared(blind)) {
    for (const g of gatedPrepared) {
      const exact = b.n === g.n;
      const similarity = exact ? 1 : jaccard(b.g, g.g);
      if (similarity >= threshold) pairs.push({ blind: b.c, gated: g.c, similarity, exact });
    }
  }
  return pairs.sort((x, y) => Number(y.exact) - Number(x.exact) || y.similarity - x.similarity || x.blind.id.localeCompare(y.blind.id));
}

/** The questions of an eval file, or of every .jsonl file in a folder (the same files `eval` reads). */
export async function loadOverlapCases(path: string): Promise<OverlapCase[]> {
  const cases: OverlapCase[] = [];
  for (const file of await evalFiles(path)) {
    for (const c of parseEvalFile(await readFile(file, 'utf8'), file)) cases.push({ file, id: c.id, q: c.q });
  }
  return cases;
}

export interface OverlapReport {
  pairs: OverlapPair[];
  blindCount: number;
  gatedCount: number;
  threshold: number;
  /** Blind questions that are an exact copy of some gated question. */
  exactCopies: number;
  /** Blind questions that are not exact copies but near copies (at or above the threshold). */
  nearCopies: number;
}

export async function checkOverlap(blindPath: string, gatedPaths: string[], threshold = DEFAULT_OVERLAP_THRESHOLD): Promise<OverlapReport> {
  const blind = await loadOverlapCases(blindPath);
  const gated = (await Promise.all(gatedPaths.map(loadOverlapCases))).flat();
  const pairs = findOverlaps(blind, gated, threshold);
  const key = (c: OverlapCase) => `${c.file}\u0000${c.id}`;
  const exact = new Set(pairs.filter((p) => p.exact).map((p) => key(p.blind)));
  const near = new Set(pairs.filter((p) => !exact.has(key(p.blind))).map((p) => key(p.blind)));
  return { pairs, blindCount: blind.length, gatedCount: gated.length, threshold, exactCopies: exact.size, nearCopies: near.size };
}

/** One line per pair, then a summary line (the pairs name both files and ids so a curator can act). */
export function formatOverlapReport(r: OverlapReport): string {
  const lines = r.pairs.map(
    (p) =>
      `${p.similarity.toFixed(2)}  ${p.exact ? 'exact' : 'near '}  ${p.blind.file}#${p.blind.id} ${JSON.stringify(p.blind.q)}  ~  ${p.gated.file}#${p.gated.id} ${JSON.stringify(p.gated.q)}`,
  );
  if (lines.length > 0) lines.push('');
  lines.push(
    `overlap: ${r.exactCopies} exact and ${r.nearCopies} near copies (similarity ≥ ${r.threshold}) among ${r.blindCount} blind questions vs ${r.gatedCount} gated; ${r.pairs.length} pairs`,
  );
  return lines.join('\n');
}
