import { readFile } from 'node:fs/promises';
import { bigrams, jaccard, normalizeForOverlap } from '../text/similarity.js';
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

// The measure lives in src/text (the review groups questions with it too); re-exported for existing callers.
export { bigrams, jaccard, normalizeForOverlap, questionSimilarity } from '../text/similarity.js';

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
