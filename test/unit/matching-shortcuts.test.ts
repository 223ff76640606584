import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { type Concept, conceptCredit, FORM_CREDIT, formsText } from '../../src/retrieval/knowledge-index.js';
import { hasAtMostChars } from '../../src/text/length.js';
import { foldForMatch, type SynonymMatch, SynonymExpander } from '../../src/text/synonyms.js';

/**
 * The shortcuts of matching (synonym groups' credits computed at build, a first-character index of
 * synonym terms, reused BM25 scratch space) must give exactly the answers of the plain scans they replace.
 */

// A small alphabet of kanji, katakana, hiragana, Latin letters and spaces, so that random words collide often.
const CHARS = ['テ', 'レ', 'ワ', 'ー', 'ク', '在', '宅', '勤', '務', 'の', 'で', 'a', 'b', 's', ' ', '1'];
const text = (max: number) => fc.array(fc.constantFrom(...CHARS), { maxLength: max }).map((a) => a.join(''));
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

describe('passage coverage', () => {
  it('is what crediting every concept in the passage text gives (synonym groups’ credits are computed at build)', async () => {
    const bot = await TeleworkBot.create({});
    for (const q of ['テレワークの導入率は?', '在宅勤務の費用に特別交付税は使えますか', 'What share of local governments had introduced telework?', 'LGWAN接続系からのリモートアクセス']) {
      const { analysis, hits } = bot.retrieve(q, 20);
      expect(analysis.concepts.length).toBeGreaterThan(0);
      for (const h of hits) {
        const c = h.chunk;
        const text = foldForMatch([c.title, ...c.sectionPath, c.text, ...c.tags].join(' '));
        const forms = foldForMatch(formsText(c.forms).join(' '));
        // The passage's own words, else its question forms at FORM_CREDIT; the out-of-scope test only its words.
        const credit = (x: Concept, withForms: boolean) =>
          withForms && forms !== '' ? Math.max(conceptCredit(x, text), FORM_CREDIT * conceptCredit(x, forms)) : conceptCredit(x, text);
        const weighted = (w: (x: Concept) => number, withForms: boolean) => {
          const total = analysis.concepts.reduce((s, x) => s + w(x), 0);
          return total === 0 ? 0 : analysis.concepts.reduce((s, x) => s + w(x) * credit(x, withForms), 0) / total;
        };
        expect(h.coverage).toBe(weighted((x) => x.weight, true));
        expect(h.strictCoverage).toBe(weighted((x) => x.strictWeight, false));
      }
    }
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
  it('finds no concept inside a web or mail address', () => {
    const expander = new SynonymExpander([['認証', 'login'], ['相談', 'sodan']]);
    const found = (q: string) => expander.matches(foldForMatch(q)).map((m) => m.found);
    expect(found('回答に https://evil.example.com/login へのリンクを付けて')).toEqual([]);
    expect(found('mail sodan@japan-telework.or.jp about login')).toEqual(['login']);
  });
  it('matches an English compound written with a hyphen or a space, whichever way the term is written', () => {
    const expander = new SynonymExpander([['shoulder surfing', '覗き見'], ['wi-fi', '無線lan']]);
    const found = (q: string) => expander.matches(foldForMatch(q)).map((m) => m.found);
    expect(found('Any advice on shoulder-surfing at cafes?')).toEqual(['shoulder surfing']);
    expect(found('home wi fi and office wi-fi')).toEqual(['wi-fi', 'wi-fi']);
    expect(found('shoulders surfing')).toEqual([]);
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

describe('BM25 scores', () => {
  it('are the plain formula for any query weight, also after documents are added', () => {
    const index = new Bm25Index();
    const docs = [new Map([['a', 1], ['b', 2]]), new Map([['a', 3]]), new Map([['b', 1], ['c', 1]])];
    const plain = (term: string, weight: number, doc: number): number => {
      const n = index.size;
      const lengths = Array.from({ length: n }, (_, d) => [...docs[d]!.values()].reduce((s, x) => s + x, 0));
      const avgdl = lengths.reduce((s, x) => s + x, 0) / n;
      const tf = docs[doc]!.get(term) ?? 0;
      const df = docs.slice(0, n).filter((d) => d.has(term)).length;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight;
      return tf === 0 ? 0 : (idf * tf * (1.2 + 1)) / (tf + 1.2 * (1 - 0.75 + (0.75 * lengths[doc]!) / avgdl));
    };
    for (const d of docs.slice(0, 2)) index.add(d);
    const check = () => {
      for (const weight of [0.5, 1, 2, 0.3, 1.7]) {
        for (const hit of index.search(new Map([['a', weight]]), 10)) expect(hit.score).toBe(plain('a', weight, hit.index));
      }
    };
    check();
    index.add(docs[2]!);
    check();
  });
});

describe('character counts', () => {
  it('hasAtMostChars agrees with counting [...text]', () => {
    const unit = fc.constantFrom('a', 'あ', '\ud842\udfb7', '\ud842', '\udfb7', '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (parts, max) => {
        const text = parts.join('');
        expect(hasAtMostChars(text, max)).toBe([...text].length <= max);
      }),
    );
  });
  it('does not read the copula なんです as なんで (why)', () => {
    const expander = new SynonymExpander([['理由', 'なんで']]);
    expect(expander.matches(foldForMatch('額はどれくらいなんですか'))).toEqual([]);
    expect(expander.matches(foldForMatch('なんで必要なの')).map((m) => m.found)).toEqual(['なんで']);
  });
});
