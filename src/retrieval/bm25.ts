/**
 * A compact BM25 over an inverted index. Written here rather than taken from a library
 * because ranking needs per-term query weights (synonyms, bigrams) and per-field boosts,
 * and because at a few thousand chunks it answers in well under a millisecond.
 */

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export interface ScoredDoc {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  /** k1·(1 − b + b·len/avgdl) per document; recomputed after documents are added. */
  private docNorms: Float64Array | null = null;
  private readonly k1: number;
  private readonly b: number;

  constructor(opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
  }

  get size(): number {
    return this.lengths.length;
  }

  get vocabularySize(): number {
    return this.postings.size;
  }

  /** Adds a document given its terms with their (possibly boosted) frequencies; returns its index. */
  add(termFrequencies: Map<string, number>): number {
    const doc = this.lengths.length;
    let length = 0;
    for (const [term, tf] of termFrequencies) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc, tf });
      length += tf;
    }
    this.lengths.push(length);
    this.totalLength += length;
    this.docNorms = null;
    return doc;
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Inverse document frequency; a term never seen gets the highest value a term could have. */
  idf(term: string): number {
    const n = this.size;
    const df = this.documentFrequency(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Term frequency of a term in one document (0 when absent). */
  termFrequency(term: string, doc: number): number {
    const list = this.postings.get(term);
    if (!list) return 0;
    // Postings are in document order: binary search.
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = list[mid]!.doc;
      if (d === doc) return list[mid]!.tf;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  private norms(): Float64Array {
    if (this.docNorms === null) {
      const avgdl = this.totalLength / this.size;
      this.docNorms = Float64Array.from(this.lengths, (len) => this.k1 * (1 - this.b + (this.b * len) / avgdl));
    }
    return this.docNorms;
  }

  /**
   * Top documents for weighted query terms, best first. With `groups` (a group id per document),
   * only the best-scoring document of each group competes for the top.
   */
  search(query: Map<string, number>, limit: number, filter?: (doc: number) => boolean, groups?: Int32Array): ScoredDoc[] {
    const n = this.size;
    if (n === 0) return [];
    const norms = this.norms();
    const k1p1 = this.k1 + 1;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    for (const [term, weight] of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term) * weight;
      for (const { doc, tf } of list) {
        if (scores[doc] === 0) touched.push(doc);
        scores[doc]! += (idf * tf * k1p1) / (tf + norms[doc]!);
      }
    }
    // Keep the best `limit` in a small sorted buffer: cheaper than sorting every touched document.
    const top: ScoredDoc[] = [];
    const better = (a: ScoredDoc, b: ScoredDoc): boolean => a.score > b.score || (a.score === b.score && a.index < b.index);
    let candidates = touched;
    if (groups) {
      const bestOfGroup = new Map<number, number>();
      for (const doc of touched) {
        if (filter && !filter(doc)) continue;
        const g = groups[doc]!;
        const cur = bestOfGroup.get(g);
        if (cur === undefined || scores[doc]! > scores[cur]! || (scores[doc] === scores[cur] && doc < cur)) bestOfGroup.set(g, doc);
      }
      candidates = [...bestOfGroup.values()];
    }
    for (const doc of candidates) {
      if (filter && !filter(doc)) continue;
      const cand = { index: doc, score: scores[doc]! };
      if (top.length === limit && !better(cand, top[top.length - 1]!)) continue;
      let i = top.length < limit ? top.length : limit - 1;
      if (top.length < limit) top.push(cand);
      while (i > 0 && better(cand, top[i - 1]!)) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = cand;
    }
    return top;
  }
}
