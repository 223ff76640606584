import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { type Concept, conceptCredit } from '../../src/retrieval/knowledge-index.js';
import { CharPairs } from '../../src/text/char-pairs.js';
import { foldForMatch, type SynonymMatch, SynonymExpander } from '../../src/text/synonyms.js';
import { bigramTokens } from '../../src/text/tokenize.js';

/**
 * The precomputed shortcuts of matching (character-pair sets, a first-character index of synonym
 * terms, reused BM25 scratch space) must give exactly the answers of the plain scans they replace.
 */

// A small alphabet of kanji, katakana, hiragana, Latin letters and spaces, so that random words collide often.
const CHARS = ['テ', 'レ', 'ワ', 'ー', 'ク', '在', '宅', '勤', '務', 'の', 'で', 'a', 'b', 's', ' ', '1'];
const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((a) => a.join(''));
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

describe('CharPairs', () => {
  it('has a pair exactly when the text includes it', () => {
    fc.assert(
      fc.property(text(40), fc.constantFrom(...CHARS), fc.constantFrom(...CHARS), (t, a, b) => {
        expect(CharPairs.of(t).has(CharPairs.code(a + b, 0))).toBe(t.includes(a + b));
      }),
    );
  });
});

describe('concept credit', () => {
  it('is the same with and without the text’s CharPairs', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), text(60), fc.boolean(), (alternatives, t, byForm) => {
        const concept: Concept = { text: alternatives[0]!, alternatives, weight: 1, strictWeight: 1, ...(byForm ? { answerForm: /1/ } : {}) };
        expect(conceptCredit(concept, t, byForm, CharPairs.of(t))).toBe(conceptCredit(concept, t, byForm));
      }),
    );
  });
  it('gives partial credit for shared bigrams either way', () => {
    const concept: Concept = { text: '在宅勤務', alternatives: ['在宅勤務'], weight: 1, strictWeight: 1 };
    const t = '在宅での勤務';
    expect(bigramTokens('在宅勤務')).toHaveLength(3);
    expect(conceptCredit(concept, t, false, CharPairs.of(t))).toBeCloseTo((2 / 3) * 0.8);
  });
});

/** The matching rule written plainly: every term tried, longest first, non-overlapping spans kept. */
function plainMatches(groups: string[][], folded: string): SynonymMatch[] {
  const entries = groups
    .flatMap((raw) => {
      const group = [...new Set(raw.map(foldForMatch))].filter((t) => t.trim() !== '');
      return group.map((term) => ({ term, group }));
    })
    .sort((a, b) => b.term.length - a.term.length);
  const taken: [number, number][] = [];
  const out: SynonymMatch[] = [];
  for (const { term, group } of entries) {
    const ascii = /^[\x20-\x7e]+$/.test(term);
    const pattern = new RegExp(`(?<![a-z0-9])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![a-z0-9])`, 'g');
    const spans: [number, number][] = [];
    if (ascii) for (const m of folded.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
    else for (let i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) spans.push([i, i + term.length]);
    for (const [s, e] of spans) {
      if (!taken.every(([a, b]) => e <= a || s >= b)) continue;
      taken.push([s, e]);
      out.push({ found: term, start: s, end: e, alternatives: group });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

describe('synonym matching', () => {
  it('finds what trying every term finds', () => {
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), text(50), (groups, query) => {
        const folded = foldForMatch(query);
        const expander = new SynonymExpander(groups);
        expect(expander.matches(folded)).toEqual(plainMatches(groups, folded));
      }),
    );
  });
});

describe('BM25 search with groups', () => {
  it('keeps the best document of each group, in the order of a full sort, query after query', () => {
    const index = new Bm25Index();
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocab = ['a', 'b', 'c', 'd', 'e', 'f'];
    const n = 300;
    for (let d = 0; d < n; d++) index.add(new Map(vocab.filter(() => rnd() < 0.4).map((t) => [t, 1 + Math.floor(rnd() * 3)])));
    // Groups are named by their first member, as near-duplicate families are.
    const groups = new Int32Array(n);
    for (let d = 0; d < n; d++) groups[d] = d > 0 && rnd() < 0.5 ? groups[Math.floor(rnd() * d)]! : d;
    for (const q of [new Map([['a', 1], ['c', 0.5]]), new Map([['f', 1]]), new Map([['b', 0.3], ['d', 1], ['e', 0.2]])]) {
      const all = index.search(q, n);
      const seen = new Set<number>();
      const bestOfGroups = all.filter((h) => !seen.has(groups[h.index]!) && seen.add(groups[h.index]!));
      for (const k of [1, 5, 20]) expect(index.search(q, k, undefined, groups)).toEqual(bestOfGroups.slice(0, k));
    }
  });
});
