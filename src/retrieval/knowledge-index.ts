import type { KnowledgeChunk } from '../knowledge/model.js';
import { dateKeys, findDates, preciseDateKey } from '../text/dates.js';
import { expandEraYears } from '../text/normalize.js';
import { escapeRegExp } from '../text/regexp.js';
import { foldForMatch, SynonymExpander } from '../text/synonyms.js';
import { bigramTokens, tokenize, wordTokens, wordTokensJoined } from '../text/tokenize.js';
import { Bm25Index } from './bm25.js';
import { nearDuplicateFamilies } from './near-duplicates.js';

/** A unit of meaning in the question: a synonym group found in it, or a plain word. */
export interface Concept {
  text: string;
  alternatives: string[];
  weight: number;
  /** Weight when words unknown to the knowledge count fully (the out-of-scope test). */
  strictWeight: number;
  /** The form an answer to this concept takes (a count, a percentage, a date): credited where it occurs. */
  answerForm?: RegExp;
  /**
   * A reference point (a date the question asks what came after): passages that state it are found by
   * it, but a sentence answers it only by its answer form (another date), never by restating it.
   */
  reference: boolean;
}

/**
 * Question words that ask for a kind of value (何団体, 何割, いつ): a passage holding such a value
 * answers them even without repeating the word. Keyed by a member of the synonym group.
 */
const ANSWER_FORMS: { member: string; form: RegExp }[] = [
  { member: 'how many', form: /\d[\d,]*\s*(団体|件|人|名|か所|箇所|市町村|市区町村|回)/ },
  { member: 'percent', form: /\d+(\.\d+)?\s*[%％]|割/ },
  { member: 'latest', form: /(令和|平成|昭和)(\d{1,2}|元)年|(19|20)\d{2}年/ },
  { member: '何回', form: /\d+\s*回/ },
  { member: '週何日', form: /週\s*\d+\s*日/ },
  { member: 'いつ', form: /(令和|平成|昭和)(\d{1,2}|元)年|(19|20)\d{2}年|\d{1,2}月\d{1,2}日/ },
];

export interface QueryAnalysis {
  /** Normalised, kana-folded question (era years expanded). */
  folded: string;
  /** Weighted BM25 terms (question terms, then synonyms at lower weight). */
  terms: Map<string, number>;
  concepts: Concept[];
}

export interface RetrievalHit {
  chunk: KnowledgeChunk;
  /** Position of the chunk in the index. */
  index: number;
  /** BM25 score. */
  score: number;
  /** Share (0..1) of the question's concepts, weighted by rarity, that the chunk contains. */
  coverage: number;
  /** Coverage where words unknown to the knowledge count fully: low for off-topic questions. */
  strictCoverage: number;
  /** Combined ranking score. */
  rank: number;
}

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const SYNONYM_FACTOR = 1.0;
const HEADING_BOOST = 2;
/**
 * Term weight of a sentence's question forms (forms/*.yaml): how staff ask for it, in their words and in
 * English. Below the text's own weight, so a form finds its passage without outweighing what the passage says.
 */
export const FORM_WEIGHT = 0.5; // measured on the development sets (0.25–1: 117–120 failures of 2,483)
/**
 * Credit for a concept found only in a sentence's question forms: what the knowledge itself says
 * still wins when it holds the word, and a form is a guess at how staff ask.
 */
export const FORM_CREDIT = 0.7; // measured on the development sets (0.6–1: 118–123 failures of 2,483)
/** Rarity cap, so one unknown word cannot outweigh everything else. */
const MAX_CONCEPT_WEIGHT = 4.5; // measured on the development sets (at 4, an unknown word counted below its idf in the out-of-scope test)
/** A date named in the question is precise and discriminating. */
const DATE_WEIGHT: Record<'day' | 'month' | 'year', number> = { day: 3.3, month: 3, year: 2.4 };
const DATE_TERM_WEIGHT = 2;
/** Share of BM25 in the passage rank; the rest is concept coverage (measured on the eval sets). */
const RANK_BM25 = 0.4;
/**
 * Words that frame a question rather than say what it is about (具体的に, 意味, 教えて):
 * they neither find passages nor make a question off-topic.
 */
const FRAMING_WORDS = new Set(['中', '考え', '具体', '的', '具体的', '意味', '詳しく', '詳', '詳細', '教え', '教えて', '知りたい', '知', '説明', '場合', 'どういう', 'とは', 'について', 'ください', '下さい', 'ご教示', '教示', '幸い', '存じ', '誠に', 'いただけ', '頂け', '恐縮', '申し上げ', 'お願い',
  // How the answer should be laid out (全部挙げて, 一覧で, 箇条書きで, 抜けなく): a form, not a topic.
  '全部', '全て', 'すべて', '挙', '挙げ', '一覧', '列挙', '網羅', '抜', '漏れ', '箇条書', '箇条書き',
  // Checking one's own understanding (…って理解で合ってる?, その認識で正しい?): a form, not a topic.
  '理解', '認識', '合', '合って', '正しい', '間違', '間違い']);
/** Weight of a question word that no knowledge chunk contains. */
const UNKNOWN_WORD_WEIGHT = 0.35;
/**
 * A date given as the point after or before which something is asked (R5.3版のあと, より新しい, since the
 * March 2023 edition, R5.12の通知より前): the asker already has it; what answers is another date, not a
 * sentence restating it.
 */
const AFTER_REFERENCE =
  /^([^、。,.?？]{0,16}?(のあと|の後|以降|以後|より新し|より後|よりあと|から後|より前|よりも前|の前|以前|より古|newer|later|earlier|older)|[^。.?？]{0,30}?(その後|そのあと|一番新し|いちばん新し|(が|は|って)最新|after that|since then|the latest|before that))/;
const BEFORE_REFERENCE = /(since|after|before|prior to|newer than|later than|older than|earlier than)\s*(the\s*)?$/;
/** Any other date: the form of an answer to "what came after" (the reference itself answers nothing). */
const otherDate = (forms: string[]): RegExp =>
  new RegExp(`(?!${forms.map(escapeRegExp).join('|')})((令和|平成)(\\d{1,2}|元)年|(19|20)\\d{2}年)`);
/** Weight of a reference date (it finds passages, it does not choose sentences). */
const REFERENCE_DATE_WEIGHT = 1;
const SMALL_NUMBER = /^\d{1,2}$/;
/** Words whose concept weights are kept (a vocabulary, not a log of questions). */
const WEIGHTS_CACHE_MAX = 20_000;

/** Every concept has the same properties in the same order: one object shape where concepts are read. */
const concept = (text: string, alternatives: string[], weight: number, strictWeight: number, answerForm: RegExp | undefined, reference = false): Concept => ({
  text,
  alternatives,
  weight,
  strictWeight,
  answerForm,
  reference,
});

/** The question forms' text: searched with the passage, never shown. */
export function formsText(forms: readonly { forms: string[] }[] | undefined): string[] {
  return forms ? forms.flatMap((f) => f.forms) : [];
}

function addTerms(into: Map<string, number>, text: string, weightWord: number, weightBigram: number): void {
  const n = foldForMatch(text);
  for (const w of wordTokens(n)) into.set(w, Math.max(into.get(w) ?? 0, weightWord));
  for (const b of bigramTokens(n)) into.set(b, Math.max(into.get(b) ?? 0, weightBigram));
}

/** A chunk's own term frequencies: its text, headings (boosted), title, tags and dates. */
function termFrequencies(chunk: KnowledgeChunk): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (text: string, times: number): void => {
    for (const t of tokenize(text)) tf.set(t, (tf.get(t) ?? 0) + times);
  };
  add(chunk.text, 1);
  add(chunk.sectionPath.join(' '), HEADING_BOOST);
  add(chunk.title, 1);
  add(chunk.tags.join(' '), 1);
  // Dates as units in 西暦 at every precision, so a question's date finds its passage in either calendar.
  for (const text of [chunk.text, chunk.sectionPath.join(' ')]) {
    for (const d of findDates(foldForMatch(text))) for (const k of dateKeys(d)) tf.set(k, (tf.get(k) ?? 0) + 1);
  }
  return tf;
}

/** The same frequencies with the chunk's question forms added at FORM_WEIGHT (what BM25 searches). */
function withForms(own: Map<string, number>, chunk: KnowledgeChunk): Map<string, number> {
  const tf = new Map(own);
  for (const f of formsText(chunk.forms)) for (const t of tokenize(f)) tf.set(t, (tf.get(t) ?? 0) + FORM_WEIGHT);
  return tf;
}

interface GroupInfo {
  /** The group's members joined: two matches of one group (or of two groups with the same members) are one concept. */
  key: string;
  terms: [string, number][];
  weight: number;
  answerForm: RegExp | undefined;
}

/** The lexical index over knowledge chunks, with synonym-aware query analysis. */
export class KnowledgeIndex {
  private readonly bm25 = new Bm25Index();
  /**
   * The knowledge's own words, without question forms: what the knowledge knows (rarity, the
   * out-of-scope test) is what its documents say, not every word staff might ask it with.
   */
  private readonly stats = new Bm25Index();
  private readonly folded: string[] = [];
  /** The question forms of each chunk, folded (empty when it has none). */
  private readonly foldedForms: string[] = [];
  /** The character pairs of each chunk's folded forms (bigram credit without scanning the long text). */
  private readonly formPairs: Set<string>[] = [];
  private readonly groups = new Map<string[], GroupInfo>();
  readonly synonyms: SynonymExpander;
  /** Near-duplicate family per chunk: one member per family enters the candidate pool. */
  private readonly families: Int32Array;
  /**
   * Each synonym group's concept credit in each chunk (by the group's alternatives array), computed
   * once at build: the groups are fixed, and nearly every question names a few of them.
   */
  private readonly groupCredits = new Map<readonly string[], Float64Array>();
  /** The same credits in the passages' question forms. */
  private readonly groupFormCredits = new Map<readonly string[], Float64Array>();
  /** conceptWeights per word: the index does not change, and the same words recur in questions. */
  private readonly weightsOf = new Map<string, { weight: number; strictWeight: number }>();

  private constructor(
    readonly chunks: KnowledgeChunk[],
    synonymGroups: string[][],
  ) {
    this.synonyms = new SynonymExpander(synonymGroups);
    for (const chunk of chunks) {
      const own = termFrequencies(chunk);
      this.bm25.add(withForms(own, chunk));
      this.stats.add(own);
      this.folded.push(foldForMatch([chunk.title, ...chunk.sectionPath, chunk.text, ...chunk.tags].join(' ')));
      this.foldedForms.push(foldForMatch(formsText(chunk.forms).join(' ')));
      this.formPairs.push(characterPairs(this.foldedForms[this.foldedForms.length - 1]!));
    }
    this.families = nearDuplicateFamilies(chunks);
    // Character pairs of every passage, for the synonym groups' credits below (then dropped).
    const textPairs = this.folded.map(characterPairs);
    this.bm25.prepare();
    this.stats.prepare();
    for (const group of this.synonyms.groups) {
      this.groupInfo(group);
      const c = concept(group[0]!, group, 0, 0, undefined);
      this.groupCredits.set(
        group,
        Float64Array.from(this.folded, (text, i) => conceptCredit(c, text, false, textPairs[i])),
      );
      this.groupFormCredits.set(
        group,
        Float64Array.from(this.foldedForms, (text, i) => (text === '' ? 0 : conceptCredit(c, text, false, this.formPairs[i]))),
      );
    }
  }

  static build(chunks: KnowledgeChunk[], synonymGroups: string[][]): KnowledgeIndex {
    return new KnowledgeIndex(chunks, synonymGroups);
  }

  get vocabularySize(): number {
    return this.bm25.vocabularySize;
  }

  private conceptWeights(text: string): { weight: number; strictWeight: number } {
    let weights = this.weightsOf.get(text);
    if (weights === undefined) {
      if (this.weightsOf.size >= WEIGHTS_CACHE_MAX) this.weightsOf.clear();
      weights = this.computeConceptWeights(text);
      this.weightsOf.set(text, weights);
    }
    return weights;
  }

  private computeConceptWeights(text: string): { weight: number; strictWeight: number } {
    const words = wordTokens(text);
    const terms = words.length > 0 ? words : bigramTokens(text);
    if (terms.length === 0) return { weight: 0, strictWeight: 0 };
    const strictWeight = Math.min(Math.max(...terms.map((t) => this.stats.idf(t))), MAX_CONCEPT_WEIGHT);
    const known = terms.filter((t) => this.stats.documentFrequency(t) > 0);
    if (known.length === 0) {
      // A word the knowledge never uses cannot be answered from it either: chatter, politeness,
      // injected instructions. It counts a little (so a question made only of such words stays
      // unanswered) but cannot sink a question whose real terms are all covered.
      const grams = bigramTokens(text).filter((g) => this.stats.documentFrequency(g) > 0);
      return { weight: grams.length > 0 ? UNKNOWN_WORD_WEIGHT * 2 : UNKNOWN_WORD_WEIGHT, strictWeight };
    }
    const idf = Math.max(...known.map((t) => this.stats.idf(t)));
    return { weight: Math.min(idf, MAX_CONCEPT_WEIGHT), strictWeight };
  }

  /** A synonym group's query terms and weight, computed once per group at build (the groups are fixed). */
  private groupInfo(group: string[]): GroupInfo {
    let info = this.groups.get(group);
    if (info === undefined) {
      const terms = new Map<string, number>();
      for (const alt of group) addTerms(terms, alt, WORD_WEIGHT * SYNONYM_FACTOR, BIGRAM_WEIGHT * SYNONYM_FACTOR);
      const weight = Math.max(...group.map((a) => this.conceptWeights(a).weight));
      info = { key: group.join('\u0000'), terms: [...terms.entries()], weight, answerForm: ANSWER_FORMS.find((f) => group.includes(f.member))?.form };
      this.groups.set(group, info);
    }
    return info;
  }

  analyze(question: string): QueryAnalysis {
    const base = foldForMatch(question);
    const folded = foldForMatch(expandEraYears(question));
    const terms = new Map<string, number>();
    addTerms(terms, folded, WORD_WEIGHT, BIGRAM_WEIGHT);
    const concepts: Concept[] = [];
    // Dates are one concept each, in either calendar; their digits are not separate words.
    let undated = base;
    for (const d of findDates(base)) {
      undated = undated.slice(0, d.start) + ' '.repeat(d.end - d.start) + undated.slice(d.end);
      const forms = d.forms.map(foldForMatch);
      const key = preciseDateKey(d);
      if (key !== undefined) terms.set(key, DATE_TERM_WEIGHT);
      for (const f of forms.slice(1)) addTerms(terms, f, WORD_WEIGHT, BIGRAM_WEIGHT);
      const reference = AFTER_REFERENCE.test(base.slice(d.end)) || BEFORE_REFERENCE.test(base.slice(Math.max(0, d.start - 25), d.start));
      concepts.push(
        reference
          ? concept(base.slice(d.start, d.end), forms, REFERENCE_DATE_WEIGHT, DATE_WEIGHT[d.precision], otherDate(forms), true)
          : concept(base.slice(d.start, d.end), forms, DATE_WEIGHT[d.precision], DATE_WEIGHT[d.precision], undefined),
      );
    }
    const matches = this.synonyms.matches(undated);
    let rest = undated;
    // Replace matched spans from the end so earlier offsets stay valid.
    for (const m of [...matches].reverse()) rest = `${rest.slice(0, m.start)} ${rest.slice(m.end)}`;
    // Two words of one synonym group (どうやって … 経由) are one concept: counted twice, they would
    // outweigh everything else the question asks.
    const seenGroups = new Set<string>();
    for (const m of matches) {
      const info = this.groupInfo(m.alternatives);
      if (seenGroups.has(info.key)) continue;
      seenGroups.add(info.key);
      for (const [t, w] of info.terms) terms.set(t, Math.max(terms.get(t) ?? 0, w));
      // A synonym group is curated vocabulary: known by definition, weighed by its rarest known form.
      concepts.push(concept(m.found, m.alternatives, info.weight, info.weight, info.answerForm));
    }
    for (const w of new Set(wordTokensJoined(rest, (pair) => this.stats.documentFrequency(`~${pair}`) > 0))) {
      if (FRAMING_WORDS.has(w)) continue;
      const { weight, strictWeight } = this.conceptWeights(w);
      // A bare small number (7月から9月, 3人) occurs in any text (9:00, 17:00): it finds passages but is
      // no sign the knowledge covers the question's subject.
      concepts.push(concept(w, [w], weight, SMALL_NUMBER.test(w) ? 0 : strictWeight, undefined));
    }
    return { folded, terms, concepts };
  }

  /**
   * How much of the question (0..1) the chunk's text contains, by concept and rarity; `strict`
   * weighs words unknown to the knowledge fully. Both weigh the same credits, so each concept is
   * looked for in the passage once.
   */
  private coverages(analysis: QueryAnalysis, index: number): { coverage: number; strict: number } {
    const text = this.folded[index]!;
    const forms = this.foldedForms[index]!;
    let total = 0;
    let covered = 0;
    let strictTotal = 0;
    let strictCovered = 0;
    for (const c of analysis.concepts) {
      const textCredit = this.groupCredits.get(c.alternatives)?.[index] ?? conceptCredit(c, text);
      const formCredit = forms === '' ? 0 : (this.groupFormCredits.get(c.alternatives)?.[index] ?? conceptCredit(c, forms, false, this.formPairs[index]));
      total += c.weight;
      covered += c.weight * Math.max(textCredit, FORM_CREDIT * formCredit);
      // A form is how staff ask, not what the knowledge says: it finds the passage but cannot make an
      // off-topic question look answered.
      strictTotal += c.strictWeight;
      strictCovered += c.strictWeight * textCredit;
    }
    return { coverage: total === 0 ? 0 : covered / total, strict: strictTotal === 0 ? 0 : strictCovered / strictTotal };
  }

  search(analysis: QueryAnalysis, limit = 5): RetrievalHit[] {
    const candidates = this.bm25.search(analysis.terms, Math.max(limit * 4, 20), undefined, this.families);
    if (candidates.length === 0) return [];
    const best = candidates[0]!.score;
    return candidates
      .map(({ index, score }) => {
        const { coverage, strict: strictCoverage } = this.coverages(analysis, index);
        return { chunk: this.chunks[index]!, index, score, coverage, strictCoverage, rank: RANK_BM25 * (score / best) + (1 - RANK_BM25) * coverage };
      })
      .sort((a, b) => b.rank - a.rank || a.index - b.index)
      .slice(0, limit);
  }
}

/** Every pair of adjacent characters of a text: a concept's bigrams are looked up here, not searched for. */
export function characterPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) pairs.add(text.slice(i, i + 2));
  return pairs;
}

/**
 * 1 when an alternative occurs in the text (or, with byAnswerForm, a value of the asked kind);
 * partial credit from shared bigrams (typos, split compounds). */
export function conceptCredit(concept: Concept, text: string, byAnswerForm = false, pairs?: ReadonlySet<string>): number {
  // Only when choosing sentences: for ranking passages, a bare number is too weak a signal.
  if (byAnswerForm && concept.answerForm?.test(text)) return 1;
  if (byAnswerForm && concept.reference) return 0;
  const { alternatives } = concept;
  // A question word (one form) needs no per-concept list.
  const grams = alternatives.length === 1 ? null : gramsOfAlternatives(alternatives);
  let best = 0;
  for (let a = 0; a < alternatives.length; a++) {
    const own = grams === null ? gramsOf(alternatives[a]!) : grams[a]!;
    // A long text (question forms) is looked up in its set of character pairs; it can hold the
    // alternative only when it holds every pair of it, so the scan of the text is done only then.
    const scan = pairs === undefined || own.length < 2;
    if (scan && text.includes(alternatives[a]!)) return 1;
    if (own.length >= 2) {
      // Counted in a loop, not filtered into an array: this runs for every concept, passage and sentence of every question.
      let shared = 0;
      for (const g of own) if (pairs !== undefined ? pairs.has(g) : text.includes(g)) shared++;
      if (!scan && shared === own.length && text.includes(alternatives[a]!)) return 1;
      best = Math.max(best, (shared / own.length) * 0.8);
    }
  }
  return best;
}

const GRAMS_CACHE_MAX = 20_000;
const gramsCache = new Map<string, string[]>();

/** Character bigrams of a concept form, cached: the same synonym forms recur in every question. */
function gramsOf(alt: string): string[] {
  let grams = gramsCache.get(alt);
  if (grams === undefined) {
    if (gramsCache.size >= GRAMS_CACHE_MAX) gramsCache.clear();
    grams = bigramTokens(alt).map((g) => g.slice(1));
    gramsCache.set(alt, grams);
  }
  return grams;
}

// A synonym group's alternatives are one array in every question: its forms' bigrams are looked up once.
const gramsByAlternatives = new WeakMap<readonly string[], string[][]>();

function gramsOfAlternatives(alternatives: readonly string[]): string[][] {
  let grams = gramsByAlternatives.get(alternatives);
  if (grams === undefined) {
    grams = alternatives.map(gramsOf);
    gramsByAlternatives.set(alternatives, grams);
  }
  return grams;
}
