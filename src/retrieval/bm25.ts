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

/** One term's postings: documents in ascending order, with the term's frequency in each. */
interface Postings {
  docs: number[];
  tfs: number[];
  /** Each document's score for the term at query weight 1, for the index as it was at `unitsVersion`. */
  units: Float64Array | null;
  unitsVersion: number;
}

/** True for 2^k: multiplying by it is exact, so a score times it equals the score computed with it. */
const isPowerOfTwo = (x: number): boolean => x > 0 && Number.isFinite(x) && 2 ** Math.round(Math.log2(x)) === x;

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  /** k1·(1 − b + b·len/avgdl) per document; recomputed after documents are added. */
  private docNorms: Float64Array | null = null;
  /**
   * Scratch space of search(), kept between queries (zeroed again after each) so that a query
   * allocates no per-document arrays: scores, the documents touched, the best document of each group.
   */
  private scratch: { scores: Float64Array; seen: Uint8Array; touched: Int32Array; bestOfGroup: Int32Array; groupOrder: Int32Array } | null = null;
  /** Changes with every document added: precomputed scores of older versions are stale. */
  private version = 0;
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
      if (!list) this.postings.set(term, (list = { docs: [], tfs: [], units: null, unitsVersion: -1 }));
      list.docs.push(doc);
      list.tfs.push(tf);
      length += tf;
    }
    this.lengths.push(length);
    this.totalLength += length;
    this.docNorms = null;
    this.scratch = null;
    this.version++;
    return doc;
  }

  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
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
    let hi = list.docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = list.docs[mid]!;
      if (d === doc) return list.tfs[mid]!;
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
   * Computes what searching needs (document norms, every term's weight-1 scores) now, once all
   * documents are in, instead of on the first queries that use each term.
   */
  prepare(): void {
    for (const [term, list] of this.postings) this.unitsOf(term, list);
  }

  /**
   * The term's score in each of its documents at query weight 1, computed once per term (and
   * again after documents are added). A query weight that is a power of two (the weights of
   * words, bigrams and dates are) then costs one exact multiplication per document.
   */
  private unitsOf(term: string, list: Postings): Float64Array {
    if (list.units === null || list.unitsVersion !== this.version) {
      const norms = this.norms();
      const k1p1 = this.k1 + 1;
      const idf = this.idf(term);
      list.units = Float64Array.from(list.docs, (doc, i) => {
        const tf = list.tfs[i]!;
        // The same expression, in the same order, as the general case in search().
        return (idf * tf * k1p1) / (tf + norms[doc]!);
      });
      list.unitsVersion = this.version;
    }
    return list.units;
  }

  /**
   * Top documents for weighted query terms, best first. With `groups` (a group id per document,
   * each the index of a document, e.g. its group's first member), only the best-scoring document
   * of each group competes for the top.
   */
  search(query: Map<string, number>, limit: number, filter?: (doc: number) => boolean, groups?: Int32Array): ScoredDoc[] {
    const n = this.size;
    if (n === 0) return [];
    const norms = this.norms();
    const k1p1 = this.k1 + 1;
    const s = (this.scratch ??= { scores: new Float64Array(n), seen: new Uint8Array(n), touched: new Int32Array(n), bestOfGroup: new Int32Array(n).fill(-1), groupOrder: new Int32Array(n) });
    const { scores, seen, touched } = s;
    let touchedCount = 0;
    // Keys, then each weight: iterating entries would allocate a pair per term.
    for (const term of query.keys()) {
      const weight = query.get(term)!;
      const list = this.postings.get(term);
      if (!list) continue;
      const { docs, tfs } = list;
      if (isPowerOfTwo(weight)) {
        // (idf·w·tf·(k1+1)) / (tf + norm) rounds exactly as w times the weight-1 score when w is 2^k.
        const units = this.unitsOf(term, list);
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          if (seen[doc] === 0) {
            seen[doc] = 1;
            touched[touchedCount++] = doc;
          }
          scores[doc]! += units[i]! * weight;
        }
        continue;
      }
      const idf = this.idf(term) * weight;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched[touchedCount++] = doc;
        }
        scores[doc]! += (idf * tf * k1p1) / (tf + norms[doc]!);
      }
    }
    // Keep the best `limit` documents in a small sorted buffer: cheaper than sorting every touched
    // document. The order is total (score, then index), so the result does not depend on the order
    // candidates come in.
    const top: number[] = [];
    const better = (a: number, b: number): boolean => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
    const consider = (doc: number): void => {
      if (top.length === limit && !better(doc, top[top.length - 1]!)) return;
      let i = top.length < limit ? top.length : limit - 1;
      if (top.length < limit) top.push(doc);
      while (i > 0 && better(doc, top[i - 1]!)) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = doc;
    };
    if (groups) {
      const { bestOfGroup, groupOrder } = s;
      let groupCount = 0;
      for (let t = 0; t < touchedCount; t++) {
        const doc = touched[t]!;
        if (filter && !filter(doc)) continue;
        const g = groups[doc]!;
        if (!(g >= 0 && g < n)) {
          this.scratch = null; // left dirty by this query
          throw new RangeError(`group id ${g} of document ${doc} is not a document index`);
        }
        const cur = bestOfGroup[g]!;
        if (cur === -1) groupOrder[groupCount++] = g;
        if (cur === -1 || scores[doc]! > scores[cur]! || (scores[doc] === scores[cur] && doc < cur)) bestOfGroup[g] = doc;
      }
      for (let i = 0; i < groupCount; i++) {
        const g = groupOrder[i]!;
        consider(bestOfGroup[g]!);
        bestOfGroup[g] = -1;
      }
    } else {
      for (let t = 0; t < touchedCount; t++) {
        const doc = touched[t]!;
        if (filter && !filter(doc)) continue;
        consider(doc);
      }
    }
    const result = top.map((doc) => ({ index: doc, score: scores[doc]! }));
    for (let t = 0; t < touchedCount; t++) {
      scores[touched[t]!] = 0;
      seen[touched[t]!] = 0;
    }
    return result;
  }
}
