import type { KnowledgeChunk } from '../knowledge/model.js';
import { foldForMatch } from '../text/synonyms.js';

/**
 * Families of near-duplicate passages: yearly versions and copies of one section (same heading,
 * nearly the same text once figures are set aside). Retrieval keeps one passage per family in its
 * candidate pool, so that ten versions of one section cannot crowd every other passage out of it.
 */

/** Shingle length (characters) and sketch size of the bottom-k similarity estimate. */
const SHINGLE = 4;
const SKETCH = 32;
/** Share of the sketch two passages must share to be one family. */
const SAME_FAMILY = 0.5;

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The smallest SKETCH shingle hashes of the text without its figures (a bottom-k MinHash sketch). */
function sketchOf(text: string): number[] {
  const t = foldForMatch(text).replace(/[\d\s.,%]+/g, '');
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE <= t.length; i++) hashes.add(hash(t.slice(i, i + SHINGLE)));
  return [...hashes].sort((a, b) => a - b).slice(0, SKETCH);
}

/** Estimated resemblance of two bottom-k sketches: the share of the union's k smallest in both. */
function resemblance(a: number[], b: number[]): number {
  const inA = new Set(a);
  const inB = new Set(b);
  const union = [...new Set([...a, ...b])].sort((x, y) => x - y).slice(0, SKETCH);
  if (union.length === 0) return 1;
  return union.filter((h) => inA.has(h) && inB.has(h)).length / union.length;
}

/** The heading a family shares, figures and brackets set aside (令和5年度 and 令和6年度 versions match). */
function headingKey(chunk: KnowledgeChunk): string {
  return foldForMatch(chunk.sectionPath.at(-1) ?? chunk.title).replace(/[\d\s()（）.,]+/g, '');
}

/** A family id per chunk (the index of its first member); chunks of no family are their own. */
export function nearDuplicateFamilies(chunks: KnowledgeChunk[]): Int32Array {
  const families = new Int32Array(chunks.length);
  const representatives = new Map<string, { index: number; sketch: number[] }[]>();
  chunks.forEach((chunk, i) => {
    const key = headingKey(chunk);
    const sketch = sketchOf(chunk.text);
    const reps = representatives.get(key) ?? [];
    const rep = reps.find((r) => resemblance(r.sketch, sketch) >= SAME_FAMILY);
    if (rep) {
      families[i] = rep.index;
    } else {
      families[i] = i;
      reps.push({ index: i, sketch });
      representatives.set(key, reps);
    }
  });
  return families;
}
