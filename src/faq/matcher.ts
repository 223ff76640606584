import { foldForMatch, type SynonymExpander } from '../text/synonyms.js';
import { bigramTokens, wordTokens } from '../text/tokenize.js';
import type { FaqEntry, FaqMatch } from './model.js';

/**
 * Below this similarity a question is not taken as an FAQ entry's question. Chosen on the
 * entries' own forms and on the project's eval questions so that unrelated questions (another
 * topic sharing words such as テレワーク or 導入) stay below it; see README (FAQ entries).
 */
export const FAQ_THRESHOLD = 0.8;

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;

type Vector = Map<string, number>;

interface Form {
  entry: FaqEntry;
  text: string;
  tf: Vector;
  numbers: Set<string>;
  /** What the form asks for (asksOf), or null. */
  asks: string | null;
  /** Weighted terms and their norm, computed when the entries change (not per question). */
  vec: Vector;
  norm: number;
}

/**
 * What a question asks for, by its question word: a definition, a time, a which/who/where, an amount.
 * Two questions that share their topic words but ask for different things are different questions
 * (事例集とは何ですか / 事例集にはどこの市町村が出ているか).
 */
const ASKS: [string, RegExp][] = [
  // Who qualifies (どんな職員がもらえる) asks for a condition, not a name or a date.
  ['eligible', /(どんな(人|職員)|どういう(人|職員)|どのような(人|職員)|対象者|(誰|だれ)が(もら|対象|受け)|\bwho (gets|qualifies|is eligible|can (get|receive|claim))\b|\beligib)/i],
  // A share or rate (措置率はいくつ, what share of the cost): the entry naming the rate, not what it applies to.
  ['rate', /(措置率|割合|何割|何%|何パーセント|率は|率って|\bwhat (share|proportion|percentage|fraction|portion)\b|\bhow (big|large) (a )?(share|proportion|portion)\b|\bhow much of the (cost|costs|expenses?)\b)/i],
  ['when', /(いつ|何年|何月|何日から|時期|\bwhen\b|since when)/i],
  ['which', /(誰|だれ|どこ|どの|どちら|どっち|どんな団体|\bwhich\b|\bwho\b|\bwhere\b)/i],
  ['amount', /(いくら|なんぼ|何団体|何%|何パーセント|何割|何件|何人|何回|どれくらい|どのくらい|どれだけ|\bhow (many|much)\b)/i],
  ['definition', /(とは|って何|とは何|何ですか|どういうもの|\bwhat is\b|\bwhat's\b)/i],
];
const asksOf = (folded: string): string | null => ASKS.find(([, re]) => re.test(folded))?.[0] ?? null;
/** What a text asks, read before synonyms are folded (どんな職員, 割合 keep their words). */
const READ_BEFORE_FOLDING = ASKS.slice(0, 2);
const asksOfText = (text: string, canonical: string): string | null => {
  const folded = foldForMatch(text);
  for (const [kind, re] of READ_BEFORE_FOLDING) if (re.test(folded)) return kind;
  return asksOf(canonical);
};
/** Score kept by a form that asks for something else than the question. */
const OTHER_ASK = 0.85;

/** Figures in a text (years, counts, rates): a question naming one the entry lacks asks something else. */
const numbersIn = (folded: string): string[] => [...folded.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

/**
 * Matches questions to curated FAQ entries by similarity of their terms: the project's
 * normalisation and tokenizer (words and CJK bigrams), synonyms folded to their group's first
 * member, terms weighted by rarity among the entries. Entries can be added, replaced and removed
 * at run time (the curator console will write them); weights are recomputed on each change.
 */
export class FaqMatcher {
  private readonly byId = new Map<string, FaqEntry>();
  private forms: Form[] = [];
  /** Per term, the forms (by position in `forms`) whose vector has it, with its weight there. */
  private postings = new Map<string, { forms: number[]; weights: number[] }>();
  private idf = new Map<string, number>();
  private unknownIdf = 1;

  constructor(
    entries: FaqEntry[],
    private readonly synonyms: SynonymExpander | null = null,
    readonly threshold = FAQ_THRESHOLD,
  ) {
    for (const e of entries) this.byId.set(e.id, e);
    this.rebuild();
  }

  get size(): number {
    return this.byId.size;
  }

  entries(): FaqEntry[] {
    return [...this.byId.values()];
  }

  get(id: string): FaqEntry | undefined {
    return this.byId.get(id);
  }

  /** Adds an entry, or replaces the entry with the same id. */
  set(entry: FaqEntry): void {
    this.byId.set(entry.id, entry);
    this.rebuild();
  }

  /** Removes an entry; false when there was none with that id. */
  remove(id: string): boolean {
    const had = this.byId.delete(id);
    if (had) this.rebuild();
    return had;
  }

  /** The best entry for a question, or null when none is similar enough. */
  match(question: string): FaqMatch | null {
    // rank()'s first: the highest score, the earliest entry among equal ones (its sort is stable).
    let best: FaqMatch | undefined;
    for (const m of this.bestPerEntry(question)) if (best === undefined || m.score > best.score) best = m;
    return best !== undefined && best.score >= this.threshold ? best : null;
  }

  /** Every entry's best form and similarity for a question, best first (for tuning and tests). */
  rank(question: string): FaqMatch[] {
    return [...this.bestPerEntry(question)].sort((a, b) => b.score - a.score);
  }

  /** Each entry's best form and similarity for a question, in the order of the entries. */
  private bestPerEntry(question: string): Iterable<FaqMatch> {
    if (this.forms.length === 0) return [];
    const folded = this.canonical(question);
    const q = this.weigh(this.termsOf(folded));
    const qNorm = norm(q);
    if (qNorm === 0) return [];
    const asked = numbersIn(folded);
    const asks = asksOfText(question, folded);
    // Dot products through the terms' postings: only the forms that share a term are visited.
    // Each form's sum still takes the question's terms in order (the ones it lacks would add 0).
    const dots = new Float64Array(this.forms.length);
    for (const t of q.keys()) {
      const list = this.postings.get(t);
      if (list === undefined) continue;
      const w = q.get(t)!;
      for (let i = 0; i < list.forms.length; i++) dots[list.forms[i]!]! += w * list.weights[i]!;
    }
    const best = new Map<string, FaqMatch>();
    forms: for (let i = 0; i < this.forms.length; i++) {
      const f = this.forms[i]!;
      // A figure in the question that neither the form nor the answer has: another year, another size.
      for (const n of asked) if (!f.numbers.has(n)) continue forms;
      const dot = dots[i]!;
      const cosine = f.norm === 0 ? 0 : dot / (qNorm * f.norm);
      // Asked who qualifies, an entry whose forms never ask it answers another question (when it began).
      if ((asks === 'eligible' || asks === 'rate') && f.asks !== asks) continue;
      const score = asks !== null && f.asks !== null && f.asks !== asks ? cosine * OTHER_ASK : cosine;
      const prev = best.get(f.entry.id);
      if (prev === undefined || score > prev.score) best.set(f.entry.id, { entry: f.entry, form: f.text, score: Math.round(score * 1000) / 1000 });
    }
    return best.values();
  }

  private rebuild(): void {
    this.forms = [];
    const df = new Map<string, number>();
    for (const entry of this.byId.values()) {
      const seen = new Set<string>();
      const answerNumbers = numbersIn(foldForMatch(`${entry.answer.ja} ${entry.answer.en ?? ''}`));
      for (const text of entry.questions) {
        const folded = this.canonical(text);
        const tf = this.termsOf(folded);
        for (const t of tf.keys()) seen.add(t);
        this.forms.push({ entry, text, tf, numbers: new Set([...numbersIn(folded), ...answerNumbers]), asks: asksOfText(text, folded), vec: new Map(), norm: 0 });
      }
      for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = this.byId.size;
    this.idf = new Map([...df].map(([t, d]) => [t, Math.log(1 + n / d)]));
    // A term no entry has weighs like the rarest: it is what makes the question a different one.
    this.unknownIdf = Math.log(1 + n / 0.5);
    this.postings = new Map();
    for (const [i, f] of this.forms.entries()) {
      f.vec = this.weigh(f.tf);
      f.norm = norm(f.vec);
      for (const [t, w] of f.vec) {
        let list = this.postings.get(t);
        if (list === undefined) this.postings.set(t, (list = { forms: [], weights: [] }));
        list.forms.push(i);
        list.weights.push(w);
      }
    }
  }

  /** Folded text with each synonym replaced by its group's first member, so variants compare equal. */
  private canonical(text: string): string {
    const folded = foldForMatch(text);
    if (this.synonyms === null) return folded;
    let out = folded;
    for (const m of [...this.synonyms.matches(folded)].reverse()) out = `${out.slice(0, m.start)} ${m.alternatives[0]} ${out.slice(m.end)}`;
    return out;
  }

  private termsOf(folded: string): Vector {
    const tf: Vector = new Map();
    for (const w of wordTokens(folded)) tf.set(w, Math.max(tf.get(w) ?? 0, WORD_WEIGHT));
    for (const b of bigramTokens(folded)) tf.set(b, Math.max(tf.get(b) ?? 0, BIGRAM_WEIGHT));
    return tf;
  }

  private weigh(tf: Vector): Vector {
    const out: Vector = new Map();
    for (const [t, w] of tf) out.set(t, w * (this.idf.get(t) ?? this.unknownIdf));
    return out;
  }
}

const norm = (v: Vector): number => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
