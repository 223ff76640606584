import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25.js';

const tf = (...terms: string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

describe('BM25 index', () => {
  const index = new Bm25Index();
  index.add(tf('テレワーク', '導入', '率'));
  index.add(tf('特別交付税', '措置', '率'));
  index.add(tf('テレワーク', 'セキュリティ', 'ガイドライン', 'ガイドライン'));

  it('ranks the document with the rare matching term first', () => {
    const hits = index.search(new Map([['措置', 1], ['率', 1]]), 3);
    expect(hits[0]!.index).toBe(1);
  });
  it('gives rare terms more weight than common ones', () => {
    expect(index.idf('措置')).toBeGreaterThan(index.idf('テレワーク'));
    expect(index.idf('never-seen')).toBeGreaterThan(index.idf('措置'));
  });
  it('weights query terms', () => {
    const a = index.search(new Map([['導入', 1], ['セキュリティ', 0.1]]), 1)[0]!.index;
    const b = index.search(new Map([['導入', 0.1], ['セキュリティ', 1]]), 1)[0]!.index;
    expect([a, b]).toEqual([0, 2]);
  });
  it('returns nothing for unknown terms and respects the limit', () => {
    expect(index.search(new Map([['unknown', 1]]), 3)).toEqual([]);
    expect(index.search(new Map([['テレワーク', 1]]), 1)).toHaveLength(1);
  });
  it('reports term frequencies by binary search over postings', () => {
    expect(index.termFrequency('ガイドライン', 2)).toBe(2);
    expect(index.termFrequency('ガイドライン', 0)).toBe(0);
  });
  it('keeps the best `limit` documents in the same order as a full sort, ties by index', () => {
    const big = new Bm25Index();
    // Deterministic pseudo-random documents over a small vocabulary, with many ties.
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const vocab = ['a', 'b', 'c', 'd', 'e'];
    for (let d = 0; d < 500; d++) big.add(new Map(vocab.filter(() => rnd() < 0.5).map((t) => [t, 1 + Math.floor(rnd() * 3)])));
    const q = new Map([['a', 1], ['c', 0.5], ['e', 0.2]]);
    const all = big.search(q, 10_000);
    const sorted = [...all].sort((x, y) => y.score - x.score || x.index - y.index);
    expect(all).toEqual(sorted);
    for (const k of [1, 5, 20, 100]) expect(big.search(q, k)).toEqual(sorted.slice(0, k));
  });
});

