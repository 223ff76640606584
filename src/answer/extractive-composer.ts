import type { KnowledgeChunk } from '../knowledge/model.js';
import { type Concept, characterPairs, conceptCredit, FORM_CREDIT, formsText, type QueryAnalysis, type RetrievalHit } from '../retrieval/knowledge-index.js';
import { foldForMatch } from '../text/synonyms.js';
import { headCountOf, rangeFit, rangesOf, type Range, valuesOf } from './figures.js';
import { splitSentences } from '../text/sentences.js';
import { bigrams, normalizeForOverlap } from '../text/similarity.js';
import { joinReferrals } from './sentences.js';

export interface ComposedPart {
  chunk: KnowledgeChunk;
  sentences: string[];
}

export interface Composition {
  /** Parts in citation order: part i is cited as [i+1]. */
  parts: ComposedPart[];
  /** 0..1: how well the chosen sentences cover the question. */
  support: number;
  /**
   * The same without learned forms: what the knowledge and its curated forms say. Whether a question
   * that names no telework term is ours at all is judged on this (learned forms hold every word staff used).
   */
  curatedSupport?: number;
  /** The answer states the figure of the size band that holds the asker's own head count. */
  bandFigure?: boolean;
  /** The best sentence gives the kind of answer the question asks for (a date of issue, an amount, a count). */
  askedKind?: boolean;
}

export interface ComposerOptions {
  maxSentences?: number;
  maxChars?: number;
  maxChunks?: number;
  /** The text a head count is read from, and compared with the question forms (the whole message; the analysis holds only its asking part). */
  context?: string;
}

/** Questions that want a figure, a date or a contact: sentences with digits answer them. */
const WANTS_FIGURE = /(最新|その後|何|いくつ|いくら|なんぼ|数|率|割合|%|パーセント|いつ|何年|何月|時点|日付|番号|電話|どのくらい|どれくらい|どれだけ|どの程度|超え|何時|受付時間|営業時間|how many|how much|rate|percent|when|since|number|phone|hours|latest|newest)/i;

/** Questions that ask for several items. */
const WANTS_LIST = /((全部|すべて|全て)(?!で(何|なん|いくつ|幾つ))|一覧|一通り|ひととおり|リストアップ|メニュー|どんなの|どういうの|どんなもの|挙げて|列挙|漏れなく|もれなく|箇条書き|[2-9２-９二三四五六七八九]つ|いくつか|それぞれ|何があ|どんなものがあ|どのようなものがあ|どんな.{0,6}があ|どんな.{0,8}(示|挙|ある|紹介)|どういう.{0,8}(選択肢|方法|対策|もの)|選択肢|all of|list|what are the|what kinds?|\b(two|three|four|five|six|seven|eight|nine|2|3|4|5|6|7|8|9) (forms|kinds|types|ways|measures|points|things|pillars|items|options|schemes|elements)\b)/i;

/** Questions that compare (違い, 比べ): several sentences, but not a numbered list's items. */
const WANTS_COMPARISON = /(違い|違う|比較|比べ|compare|difference)/i;

/** A sentence's question forms, folded, with their character pairs (computed once per sentence). */
interface Asked {
  text: string;
  pairs: Set<string>;
}

/** A concept's credit in a sentence's question forms, by sentence and concept index: computed once per question. */
type FormCredits = (asked: Asked, i: number) => number;

function formCreditsFor(analysis: QueryAnalysis): FormCredits {
  const cache = new Map<Asked, Float64Array>();
  return (asked, i) => {
    let credits = cache.get(asked);
    if (credits === undefined) {
      credits = new Float64Array(analysis.concepts.length).fill(-1);
      cache.set(asked, credits);
    }
    if (credits[i]! < 0) credits[i] = conceptCredit(analysis.concepts[i]!, asked.text, false, asked.pairs);
    return credits[i]!;
  };
}

/** Concepts (by index) a sentence answers: what it adds to an answer. */
function coveredConcepts(analysis: QueryAnalysis, folded: string, asked: Asked | null, forms: FormCredits): Set<number> {
  const out = new Set<number>();
  analysis.concepts.forEach((c, i) => {
    if (sentenceCredit(c, i, folded, asked, forms) >= 0.8) out.add(i);
  });
  return out;
}

/** A concept's credit in a sentence: its own words (or a value of the asked kind), else its question forms. */
function sentenceCredit(c: Concept, i: number, folded: string, asked: Asked | null, forms: FormCredits): number {
  const own = conceptCredit(c, folded, true);
  // The forms' credit is at most FORM_CREDIT: not looked up when the sentence's own words give as much.
  return asked === null || own >= FORM_CREDIT ? own : Math.max(own, FORM_CREDIT * forms(asked, i));
}

/** A concept too light to justify a sentence of its own (chatter the knowledge never uses). */
const MIN_NOVEL_WEIGHT = 1;
/** Score for a sentence whose staff-size range holds (or excludes) the question's head count. */
const RANGE_FIT = 0.25;
/** How far down the ranking a passage stating the figure for the asker's size band is looked for. */
export const BAND_REACH = 10;
/** Score for a sentence that states a value (61.9%) for a band holding the question's head count. */
const BAND_FIGURE = 0.3;
/**
 * Kinds of answer a question asks for by its form (since when, what hours, who qualifies, what for), and
 * the sentences that give that kind: a sentence of the asked kind answers before one that only shares words.
 */
const ASKED_KINDS: { asks: RegExp; gives: RegExp }[] = [
  // Since when: the date something took effect or began.
  { asks: /(いつから|いつより|いつ(施行|開始|始ま)|施行日|開始日|\bsince when\b|\bfrom when\b|\bsince what (date|day|year)\b|\b(start|begin|began|took effect|in effect) (from|since|when)\b|\b(come|came|comes) into (force|effect)\b|\b(take|took|takes) effect\b)/i, gives: /((令和|平成)\d{1,2}年\d{1,2}月\d{1,2}日)[^。]{0,20}(から|施行|開始)/ },
  // Which hours or days: a timetable.
  { asks: /(何時|受付時間|営業時間|時間帯|週末|土日|休日に|祝日|夜間|つながる時間|\b(what|which) (hours|days|times)\b|\bopening hours\b|\bwhen (is|are) (it|they|the centre|the center) open\b|\bopen(ing)? (times|days)\b|\bstaffed\b|\bweekends?\b|\bopen on\b)/i, gives: /(\d{1,2}:\d{2}|\d{1,2}時(から|まで)|平日)/ },
  // Who qualifies: the condition for receiving or being covered.
  { asks: /(どういう(人|職員)|どんな(人|職員)|どのような(人|職員)|誰が(もら|対象|受け)|だれが(もら|対象|受け)|対象者|対象となる(人|職員)|\bwho (gets|is eligible|qualifies|can (get|receive|claim))\b|\beligib|\bbefore (it|the allowance) is paid\b|\bthreshold\b|\bto qualify\b)/i, gives: /(支給され|対象と(な|し|され)|を超える職員|に限(り|る|って))/ },
  // How much: an amount of money, or that it costs nothing.
  { asks: /(いくら|なんぼ|何円|金額|月額|額は|額って|額を|どれくらい(の額|もらえ|出)|\bhow much\b)/i, gives: /\d[\d,]*円/ },
  { asks: /((費用|料金|利用料|お金|経費)(は|って|が)?(かかる|かかり|いる|要る|必要|[?？]|$)|有料|無料|タダ|\b(cost|fee|charge|free of charge)s?\b)/i, gives: /(無料|無償|\d[\d,]*円)/ },
  // When it came out: the month or date of a publication.
  { asks: /(何年何月|いつ(出|公表|発行|策定|取りまとめ|まとめ|作ら|でき|公開)|(出た|出され|公表され|発行され|作られ|作成され|でき)(た)?の(は|って)(いつ|何年)|(公表|発行|策定|公開|作成)(日|時期|年月|された(の)?は)|世に出|\bwhen (was|were) [^?]{0,40}(published|issued|released|compiled)\b)/i, gives: /(令和|平成)\d{1,2}年\d{1,2}月/ },
  // How many bodies: a count of 団体 (どれくらいの自治体が使って, 何団体).
  { asks: /((どれくらい|どのくらい|どれだけ|いくつ|何|なん)の?(自治体|団体|市町村|市区町村|役所|役場)|何団体|なんだんたい|\bhow many (authorities|municipalities|local governments|bodies|councils|cities)\b|\bnumber of [a-z -]{0,25}(bodies|authorities|municipalities|councils|local governments|users)\b)/i, gives: /\d[\d,]*団体/ },
  // Which number a document carries (文書番号, 総行女第31号).
  { asks: /(文書番号|(通知|文書|通達)の?番号|何号|\b(reference|document|circular) numbers?\b|\bnumbering\b)/i, gives: /第\d+号/ },
  // What for: the stated purpose.
  { asks: /(目的|何のため|なんのため|ねらい|狙い|趣旨|\bwhat (is it )?for\b|\bpurpose\b|\bmeant to\b)/i, gives: /(ための|目的|軽減する|ねらい|趣旨)/ },
  // Whether it goes on (これから先も, 今後も続く, R7以降も): what the materials say of the future, often that they do not hold it.
  { asks: /(これから(先)?も|今後も|この先も|ずっと|将来(的に)?も|以降も|来年度も|来年も|続きます|続く(の|か|ん)|続けて(もらえ|くれ)|のまま(なの|です|か|続)|\b(going forward|in future|in the future|from now on|continue|still be)\b)/i, gives: /(続くかどうか|以降も|より後の)/ },
  // What counts as telework, or its other forms (テレワーク=自宅で仕事?, 在宅以外のかたち, 家で無理な部署は).
  { asks: /(在宅(勤務)?(だけ|以外|のみ|じゃない)|(在宅|自宅|家)[^。?？]{0,12}しか(指さ|ささ|含ま|言わ|ない)|自宅(で|の)?(仕事|勤務|作業)?(だけ|のみ|以外)|(=|＝|イコール)\s*(自宅|在宅|家)|(自宅|家)で(仕事|働く)(こと|の)?(だよね|ですよね|でok|って理解)|(形|かたち|種類|形態)(って|は|が)?(ある|あり|何)|家で(働く|仕事する)のが[^。]{0,10}(無理|難しい|できない)|\b(only|just) (working )?(from|at) home\b|\bother (forms|kinds|types) of\b)/i, gives: /(サテライトオフィス|モバイルワーク)/ },
  // Why: the reason or the value the source gives (a means of, useful for, it leads to, prompted by).
  { asks: /(なぜ|なんで|何で|どうして|意義|必要性|重要性|位置づけ|位置付け|\bwhy\b|\bsignificance\b)/i, gives: /(切り札|有用|効果が期待|不可欠|重要な取組|につながり|を受けて|観点から|背景)/ },
  // Where to begin: the first step the source recommends.
  { asks: /(何から|なにから|最初の一歩|第一歩|手始め|まず(は)?何|最初に何|はじめに何|始め方|どこから手|\bwhere (do|should|to) (we |i )?start\b|\bfirst steps?\b|\bhow (do|should) (we|i) (start|begin)\b)/i, gives: /(スモールスタート|できるところから|まずやってみる)/ },
  // Which bodies by name: the names themselves, or that the materials do not hold them.
  { asks: /(どこの(市|町|村|団体|自治体|市町村|役場)|(団体|自治体|市町村|町村|町|市)の?名前|団体名|市町村名|具体的にどこ|具体的にはどこ|\bwhich (towns|cities|villages|municipalities|councils|authorities)\b|\bnames? of the\b)/i, gives: /(団体名|市町村名)/ },
  // The full name of a body known by its initials (J-LISの正式名称): a sentence that spells it out, 名称(ABBR).
  { asks: /(正式名称|正式な名(前|称)|正式名|略さず|略さない|何の略|なんの略|フルネーム|\bfull name\b|\bofficial name\b|\bstand(s)? for\b)/i, gives: /[一-龯ァ-ヶー]{4,}[(（][A-Z][A-Za-z-]+[)）]/ },
];
/**
 * Score per unit of likeness (character-bigram Jaccard) between the message and the closest of a sentence's
 * question forms, curated or learned: wording its concepts miss (particles, verbs, English phrasing) still
 * says which sentence was asked for. Chosen by leave-one-set-out runs (test/eval-dev/README.md: 0.8–1.5 best, 3 worse).
 */
const SIMILAR_FORM_WEIGHT = 1.5;
/** Score for a sentence that gives the kind of answer the question asks for. */
const ASKED_KIND_FIT = 0.3; // measured on the development sets (0.2 fixed 2, 0.3 fixed 4, 0.45 broke 4)

/** Figures with their unit (3,000円, 10日, 61.6%): what a sentence tells that the asker may already have said. */
const FIGURE = /\d[\d,]*(?:\.\d+)?\s*(?:円|%|％|団体|日|回|名|人)/g;
const figuresOf = (text: string): string[] => [...text.normalize('NFKC').matchAll(FIGURE)].map((m) => m[0].replace(/[,\s]/g, '').replace('％', '%'));
/** A question checking what it states (本当?, 合ってる?): the sentence restating it is the answer. */
// (Or asks what the figure given is: この70.0%って何の数字?, what does that percentage measure: the sentence stating it answers.)
const CONFIRMS = /(本当|ほんと|ホント|正しい|合って|あって(いる|る|ます)|間違い|事実|確か|\bis (it|that) (true|right|correct)\b|\bcorrect\b|何の(数字|数値|割合|率|値|データ)|(って|は)(何|なん)の|何を(表|示|測|意味)|\bwhat (exactly )?(does|do) (that|this|the|it|these|those) [a-z ]{0,20}(measure|mean|refer to|represent|count)\b)/i;
/** Score factor for a sentence that only restates the figures the question itself gives. */
const GIVEN = 0.6;

/** A sentence that adds no concept stays when its own coverage and score are this close to the best sentence's. */
const DIRECT = 0.8;

/** A sentence saying the materials do not hold something. */
const NOT_HELD = /(資料には含まれていません|資料に含まれていません|資料にはありません)/;

/** A further thing asked for "too" (措置率もあわせて, 受付時間も知りたい, the rate as well). */
const ALSO_ASKED = /([^\s。、,?？!！]{2,16})も(あわせて|併せて|合わせて|一緒に|知りたい|教えて|お願い|ほしい|欲しい|わかる|分かる)|\b(and|also) (the )?([a-z -]{3,30}) (as well|too)\b/gi;
/** Score share (of the best sentence's) at which a sentence answering a concept asked for "too" is taken. */
const ALSO_FLOOR = 0.3;

/** An item of an enumerated list: (1), 一つ目, ・ … */
const LIST_ITEM = /[(（][1-9１-９][)）]|[一二三四五六七八九]つ目|^[・●■○]/;
/** The most sentences a list passage read whole may give. */
const LIST_MAX_SENTENCES = 10;
/** Passages closer than this to the best rank may supply a list. */
const LIST_RANK = 0.9; // measured on the development sets (0.8 let a lower-ranked passage's list answer)

/** The best-ranked hit that enumerates at least three items, or -1. */
function enumeratingHit(hits: RetrievalHit[], bestRank: number): number {
  return hits.findIndex((h) => h.rank >= bestRank * LIST_RANK && sentencesOf(h.chunk).listItems >= 3);
}

/**
 * A concept that asks for a kind of value (何団体, 何%, いつ) is what the question wants: a sentence giving
 * that value answers more than one that only shares its verbs (measured on the development sets).
 */
const ANSWER_FORM_WEIGHT = 1.5;

function coverageOf(analysis: QueryAnalysis, folded: string, asked: Asked | null, forms: FormCredits): number {
  let total = 0;
  let covered = 0;
  analysis.concepts.forEach((c, i) => {
    const w = c.answerForm ? c.weight * ANSWER_FORM_WEIGHT : c.weight;
    total += w;
    covered += w * sentenceCredit(c, i, folded, asked, forms);
  });
  return total === 0 ? 0 : covered / total;
}

interface ChunkSentences {
  /** Sentences long enough to answer, in the chunk's order (curatedAsked: the curated forms alone; undefined when the same as asked). */
  items: { sentence: string; order: number; folded: string; foldedWithContext: string; asked: Asked | null; curatedAsked: Asked | null | undefined; hasDigit: boolean; values: string[]; ranges: Range[]; formIndex: FormIndex | null }[];
  /** How many of the items are items of an enumerated list (LIST_ITEM). */
  listItems: number;
}

/** A sentence's question forms as character bigrams, indexed by bigram: likeness to a question in one pass. */
interface FormIndex {
  sizes: number[];
  postings: Map<string, number[]>;
}

function indexForms(forms: string[]): FormIndex | null {
  if (forms.length === 0) return null;
  const sizes: number[] = [];
  const postings = new Map<string, number[]>();
  forms.forEach((f, i) => {
    const grams = bigrams(normalizeForOverlap(f));
    sizes.push(grams.size);
    for (const g of grams) {
      const list = postings.get(g);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
  });
  return { sizes, postings };
}

// One counter array reused across calls to closestForm (it runs for every candidate sentence of every question).
let shared = new Int32Array(256);
const touched: number[] = [];

/** The highest Jaccard likeness between the question's bigrams and one form's (as questionSimilarity measures it). */
function closestForm(question: Set<string>, index: FormIndex): number {
  if (shared.length < index.sizes.length) shared = new Int32Array(index.sizes.length * 2);
  touched.length = 0;
  for (const g of question) {
    const list = index.postings.get(g);
    if (list === undefined) continue;
    for (const i of list) if (shared[i]!++ === 0) touched.push(i);
  }
  let best = 0;
  for (const i of touched) {
    const n = shared[i]!;
    shared[i] = 0;
    best = Math.max(best, n / (question.size + index.sizes[i]! - n));
  }
  return best;
}

// Chunks are immutable once indexed: split and fold their sentences once, not on every question.
const sentenceCache = new WeakMap<KnowledgeChunk, ChunkSentences>();

/** Splits and folds every chunk's sentences now (at start), so no question pays for a chunk's first use. */
export function prepareSentences(chunks: readonly KnowledgeChunk[]): void {
  for (const chunk of chunks) sentencesOf(chunk);
}

function sentencesOf(chunk: KnowledgeChunk): ChunkSentences {
  let cached = sentenceCache.get(chunk);
  if (cached === undefined) {
    const context = [chunk.title, ...chunk.sectionPath].join(' ');
    const items = joinReferrals(splitSentences(chunk.text))
      .map((sentence, order) => ({ sentence, order }))
      .filter(({ sentence }) => sentence.replace(/[・\s]/g, '').length >= 6)
      .map(({ sentence, order }) => {
        // A sentence is also found by the questions staff ask for it (its forms), never shown.
        // (and by the ways staff asked for it in the development sets: learned forms).
        const ownForms = (forms: KnowledgeChunk['forms']): string[] => formsText(forms?.filter((f) => sentence.includes(f.match)));
        const curated = ownForms(chunk.forms);
        const learned = ownForms(chunk.learnedForms);
        const allForms = [...curated, ...learned];
        const asked = foldForMatch(allForms.join(' '));
        const curatedAsked = learned.length === 0 ? asked : foldForMatch(curated.join(' '));
        return {
          sentence,
          order,
          folded: foldForMatch(` ${sentence}`),
          foldedWithContext: foldForMatch(`${context} ${sentence}`),
          asked: asked === '' ? null : { text: asked, pairs: characterPairs(asked) },
          curatedAsked: curatedAsked === asked ? undefined : curatedAsked === '' ? null : { text: curatedAsked, pairs: characterPairs(curatedAsked) },
          hasDigit: /\d/.test(sentence),
          values: valuesOf(sentence),
          ranges: rangesOf(sentence),
          formIndex: indexForms(allForms),
        };
      });
    cached = { items, listItems: items.filter((i) => LIST_ITEM.test(i.sentence)).length };
    sentenceCache.set(chunk, cached);
  }
  return cached;
}

/** A year the question names (令和3年, 2021年, 令和5年10月1日): the concept of a date. */
const YEAR_CONCEPT = /^((令和|平成|昭和)(\d{1,2}|元)年|(19|20)\d{2}(年|$))/;

/** A year named beside "now" (R3の数字と今の数字): the latest figures are asked too. */
const NOW = /(いま|今の|今は|現在|最新|最近|直近|現状|足元|\bnow\b|\bcurrent(ly)?\b|\blatest\b|\brecent(ly)?\b|\btoday\b)/i;
/** Score factor for a figure of an earlier year when the latest is asked for. */
const OUTDATED = 0.8;
/** The latest year (令和n) a sentence states, or 0. */
const latestReiwa = (sentence: string): number => Math.max(0, ...[...sentence.matchAll(/令和(\d{1,2})年/g)].map((m) => Number(m[1])));
/** The Reiwa year a year concept names (令和5年, 2023年, 2023), or 0 before Reiwa. */
const reiwaOf = (concept: string): number => {
  const r = /^令和(\d{1,2})年/.exec(concept);
  if (r) return Number(r[1]);
  const w = /^(20\d{2})/.exec(concept);
  return w && Number(w[1]) >= 2019 ? Number(w[1]) - 2018 : 0;
};

/** How far down the ranking a compared year's passage is looked for. */
const YEAR_REACH = 5;

/** A sentence's opening reference date (令和5年10月1日現在、): said once is enough. */
const LEADING_DATE = /^((?:令和|平成)\d{1,2}年\d{1,2}月\d{1,2}日)(?:現在|時点(?:では|で)?)[、,]/;

/**
 * The sentence without its opening reference date when an earlier sentence of the answer already
 * gave it (the survey's 令和5年10月1日現在 on every line); records the dates the sentence states.
 */
function withoutRepeatedDate(sentence: string, dated: Set<string>): string {
  const m = LEADING_DATE.exec(sentence);
  const out = m && dated.has(m[1]!) ? sentence.slice(m[0].length) : sentence;
  for (const d of sentence.matchAll(/(?:令和|平成)\d{1,2}年\d{1,2}月\d{1,2}日/g)) dated.add(d[0]);
  return out;
}

/**
 * The default, offline composer: choose the knowledge sentences that answer the question,
 * verbatim, from the best-ranked chunks. It cannot invent anything: every word comes from the knowledge.
 */
export function composeExtractive(analysis: QueryAnalysis, hits: RetrievalHit[], opts: ComposerOptions = {}): Composition {
  // A question that asks for a list ("全部", "3つ", "挙げて") needs every item, not the best three.
  const asksList = WANTS_LIST.test(analysis.folded);
  const compares = WANTS_COMPARISON.test(analysis.folded);
  const maxChunks = opts.maxChunks ?? 3;
  const minRank = 0.6;
  if (hits.length === 0) return { parts: [], support: 0 };
  const bestRank = hits[0]!.rank;
  const wantsFigure = WANTS_FIGURE.test(analysis.folded);
  // "A village of about 80 staff": the sentence whose size range holds 80 answers, the others do not.
  // The whole message (a head count, a figure given, "now"); the analysis holds only its asking part.
  const message = opts.context ?? analysis.folded;
  const headCount = headCountOf(message);
  const asksNow = NOW.test(message);
  const forms = formCreditsFor(analysis);
  const qGrams = bigrams(normalizeForOverlap(opts.context ?? analysis.folded));
  const askedKinds = ASKED_KINDS.filter((k) => k.asks.test(analysis.folded)).map((k) => k.gives);
  // Figures the asker gave (月3,000円と聞きました): a sentence stating only those tells them nothing new.
  const givenFigures = new Set(figuresOf(message));
  const checksGiven = CONFIRMS.test(message);
  const candidates: { hit: number; order: number; sentence: string; score: number; coverage: number; own: number; folded: string; foldedWithContext: string; asked: Asked | null; curatedAsked: Asked | null | undefined; values: string[]; hasDigit: boolean; band: boolean }[] = [];
  // Two years compared may need a passage per year: look a little further down the ranking.
  const years = analysis.concepts.flatMap((c, i) => (YEAR_CONCEPT.test(c.text) ? [i] : []));
  // One year named beside "now": the latest figures are the other year compared.
  const namedReiwa = years.length === 1 ? /^令和(\d{1,2})年/.exec(analysis.concepts[years[0]!]!.text) : null;
  const sinceThen = namedReiwa !== null && asksNow ? Number(namedReiwa[1]) : null;
  const reach = years.length >= 2 || sinceThen !== null ? Math.max(maxChunks, YEAR_REACH) : maxChunks;
  // Given the asker's size, a passage stating the figure for that size band answers however it ranks.
  const statesBand = (hit: RetrievalHit): boolean =>
    headCount !== null && sentencesOf(hit.chunk).items.some((i) => i.values.length > 0 && rangeFit(headCount, i.ranges) > 0);
  hits.forEach((hit, h) => {
    const inReach = h < reach && hit.rank >= bestRank * minRank;
    if (!inReach && !(h < BAND_REACH && statesBand(hit))) return;
    for (const { sentence, order, folded, foldedWithContext, asked, curatedAsked, hasDigit, values, ranges, formIndex } of sentencesOf(hit.chunk).items) {
      // How closely the question resembles one of the ways staff asked for this sentence (its forms).
      const similar = formIndex === null ? 0 : closestForm(qGrams, formIndex);
      const coverage = coverageOf(analysis, foldedWithContext, asked, forms);
      const own = coverageOf(analysis, folded, asked, forms);
      // No bonus for a bare digit when a figure is asked (measured on the development sets): the answer
      // forms (何団体, 何割, いつ) already credit the value asked for, and 何 alone asks for no figure.
      const fit = headCount === null ? 0 : RANGE_FIT * rangeFit(headCount, ranges);
      // Giving its own size, the asker wants the figure for that size: a band that holds it with a value.
      const bandFigure = fit > 0 && values.length > 0 ? BAND_FIGURE : 0;
      const kindFit = askedKinds.some((g) => g.test(sentence)) ? ASKED_KIND_FIT : 0;
      const figures = givenFigures.size > 0 && !checksGiven ? figuresOf(sentence) : [];
      const restates = figures.length > 0 && figures.every((f) => givenFigures.has(f)) ? GIVEN : 1;
      const score = (0.5 * coverage + 0.5 * own + fit + bandFigure + kindFit + SIMILAR_FORM_WEIGHT * similar) * (0.7 + 0.3 * (hit.rank / bestRank)) * restates;
      candidates.push({ hit: h, order, sentence, score, coverage, own, folded, foldedWithContext, asked, curatedAsked, values, hasDigit, band: bandFigure > 0 });
    }
  });
  if (candidates.length === 0) return { parts: [], support: 0 };
  // Asked for the latest (最新, 今の, latest) without naming a year: a figure of an earlier year than the
  // passages' latest is not what was asked.
  // One year asked (令和5年, 2023): a figure stated for another year (令和4年…(前年)) is not what was asked.
  // (Not when it is compared with now, nor when no passage states that year's figures: then the nearest held.)
  const askedReiwa = years.length === 1 && sinceThen === null && !compares ? reiwaOf(analysis.concepts[years[0]!]!.text) : 0;
  if (askedReiwa > 0 && candidates.some((c) => c.values.length > 0 && latestReiwa(c.sentence) === askedReiwa)) {
    for (const c of candidates) if (c.values.length > 0 && latestReiwa(c.sentence) > 0 && latestReiwa(c.sentence) !== askedReiwa) c.score *= OUTDATED;
  }
  if (years.length === 0 && asksNow) {
    const newest = Math.max(0, ...candidates.filter((c) => c.values.length > 0).map((c) => latestReiwa(c.sentence)));
    for (const c of candidates) if (c.values.length > 0 && latestReiwa(c.sentence) > 0 && latestReiwa(c.sentence) < newest) c.score *= OUTDATED;
  }
  candidates.sort((a, b) => b.score - a.score || a.hit - b.hit || a.order - b.order);
  // A list is read from the passage that enumerates it ((1)…(5), 一つ目…), when one ranks close to the best.
  const listHit = enumeratingHit(hits.slice(0, maxChunks), bestRank);
  const best = (asksList ? candidates.find((c) => c.hit === listHit && c.coverage > 0) : undefined) ?? candidates[0]!;
  // One item of an enumeration answers only in part: "which support is there" gets the whole list.
  // (Asked for one kind of answer (費用は?), the item that gives it answers: not the whole list.)
  const wantsList = asksList || compares || (best.hit === listHit && LIST_ITEM.test(best.sentence) && askedKinds.length === 0);
  // A list read from its passage is read whole: its introduction and every item ((1)…(5) is seven sentences
  // with its closing line, and the item cut would be the one asked about next).
  const listSize = wantsList && best.hit === listHit ? Math.min(LIST_MAX_SENTENCES, sentencesOf(hits[listHit]!.chunk).items.length) : 0;
  const maxSentences = opts.maxSentences ?? (wantsList ? Math.max(6, listSize) : 4);
  const maxChars = opts.maxChars ?? (wantsList ? 900 : 500);
  const chosen = [best];
  let chars = best.sentence.length;
  // A list is usually written as consecutive sentences of one passage (支援策の(1)…(5)):
  // take the best passage's other sentences in order, then the best of the rest.
  const pool = wantsList
    ? [
        // Every item of the enumeration read, the ones sharing no word with the question too ("資料とかお金とか、一通り").
        ...candidates.filter((c) => c.hit === best.hit && (c.coverage > 0 || (best.hit === listHit && LIST_ITEM.test(c.sentence)))).sort((a, b) => a.order - b.order),
        ...candidates.filter((c) => c.hit !== best.hit),
      ]
    : candidates.slice(1);
  const floor = wantsList ? 0.5 : 0.65;
  // Concepts asked for "too" (措置率もあわせて, 受付時間も教えて): a sentence that answers one is part of the answer
  // however the rest of the question ranks it.
  const alsoAsked = new Set<number>();
  for (const m of analysis.folded.matchAll(ALSO_ASKED)) {
    const part = m[1] ?? m[4] ?? '';
    analysis.concepts.forEach((c, i) => {
      if (part.includes(c.text) && c.weight >= MIN_NOVEL_WEIGHT) alsoAsked.add(i);
    });
  }
  const covered = coveredConcepts(analysis, best.folded, best.asked, forms);
  const stated = new Set(best.values);
  const take = (c: (typeof candidates)[number], adds: Set<number>): void => {
    for (const i of adds) covered.add(i);
    for (const v of c.values) stated.add(v);
    chosen.push(c);
    chars += c.sentence.length;
  };
  // Two years compared (令和3年と令和5年): each year gets its own sentence before anything else is added.
  if (years.length >= 2) {
    for (const i of years) {
      // A year is answered by a sentence that states its figures, not by one that only mentions it.
      if (chosen.some((x) => x.values.length > 0 && coveredConcepts(analysis, x.folded, x.asked, forms).has(i)) || chosen.length >= maxSentences) continue;
      // The sentence that states that year's figures and answers most of the rest (not one that only mentions it).
      const c = pool
        .filter((p) => p.score >= best.score * floor && !p.values.some((v) => stated.has(v)) && coveredConcepts(analysis, p.folded, p.asked, forms).has(i))
        .sort((a, b) => Number(b.values.length > 0) - Number(a.values.length > 0) || b.own - a.own)[0];
      if (c && chars + c.sentence.length <= maxChars) take(c, coveredConcepts(analysis, c.folded, c.asked, forms));
    }
  }
  if (sinceThen !== null) {
    // The named year's figures and the latest ones the passages state (a later year): for each, a
    // passage's headline figure (its first such sentence), not a breakdown further down.
    const states = (c: (typeof candidates)[number], then: boolean): boolean =>
      c.values.length > 0 && (then ? c.sentence.includes(`令和${sinceThen}年`) : latestReiwa(c.sentence) > sinceThen);
    for (const then of [true, false]) {
      if (chosen.length >= maxSentences || chosen.some((x) => states(x, then))) continue;
      const c = pool
        .filter((p) => states(p, then) && !p.values.some((v) => stated.has(v)) && p.coverage > 0)
        .sort((a, b) => latestReiwa(b.sentence) - latestReiwa(a.sentence) || a.hit - b.hit || a.order - b.order)[0];
      if (c && chars + c.sentence.length <= maxChars) take(c, coveredConcepts(analysis, c.folded, c.asked, forms));
    }
  }
  for (const c of pool) {
    if (chosen.length >= maxSentences) break;
    const listItem = wantsList && c.hit === best.hit;
    const answersAlso = [...alsoAsked].some((i) => !covered.has(i) && sentenceCredit(analysis.concepts[i]!, i, c.folded, c.asked, forms) >= 0.8);
    if (!listItem && c.score < best.score * (answersAlso ? ALSO_FLOOR : floor)) continue;
    if (chars + c.sentence.length > maxChars) continue;
    if (chosen.some((x) => x.sentence === c.sentence)) continue;
    // Never the same figure twice: a sentence restating a value already given adds nothing.
    if (c.values.some((v) => stated.has(v))) continue;
    // Every further sentence must answer something asked that the chosen ones do not, or answer
    // the question as directly as the best one (the same question, another sentence's answer).
    const adds = coveredConcepts(analysis, c.folded, c.asked, forms);
    // Asked for a figure or a date and none given yet: a sentence that brings one adds what was asked.
    const bringsFigure = wantsFigure && !chosen.some((x) => x.hasDigit) && c.hasDigit;
    // Asked for a kind of answer (費用は?) that no chosen sentence gives yet: one that gives it adds what was asked.
    // (Each kind asked counts: 対象で月いくら? wants who qualifies and how much.)
    const bringsKind = askedKinds.some((g) => g.test(c.sentence) && !chosen.some((x) => g.test(x.sentence)));
    const novel = bringsFigure || bringsKind || [...adds].some((i) => !covered.has(i) && analysis.concepts[i]!.weight >= MIN_NOVEL_WEIGHT);
    // A sentence of the best (or top-ranked) passage whose section is what was asked continues the answer.
    const sameSection = (c.hit === best.hit || c.hit === 0) && c.coverage >= best.coverage;
    const direct = c.own >= best.own * DIRECT && c.score >= best.score * DIRECT;
    if (!listItem && !novel && !sameSection && !direct) continue;
    take(c, adds);
  }
  // "Not in these materials" (令和7年度以降も続くかどうかは…含まれていません) is followed by what they do hold:
  // the same passage's figure (令和6年度も措置率0.5).
  if (NOT_HELD.test(best.sentence) && !chosen.some((x) => x.values.length > 0) && chosen.length < maxSentences) {
    const held = candidates
      .filter((c) => c.hit === best.hit && c.values.length > 0 && !NOT_HELD.test(c.sentence) && chars + c.sentence.length <= maxChars)
      .sort((a, b) => b.score - a.score)[0];
    if (held) take(held, coveredConcepts(analysis, held.folded, held.asked, forms));
  }
  // Keep the knowledge's own order inside a chunk; chunks in order of their best sentence.
  const byHit = new Map<number, typeof chosen>();
  for (const c of chosen) byHit.set(c.hit, [...(byHit.get(c.hit) ?? []), c]);
  const dated = new Set<string>();
  const parts: ComposedPart[] = [...byHit.entries()].map(([h, cs]) => ({
    chunk: hits[h]!.chunk,
    sentences: cs.sort((a, b) => a.order - b.order).map((c) => withoutRepeatedDate(c.sentence, dated)),
  }));
  const curatedSupport = Math.max(...chosen.map((c) => (c.curatedAsked === undefined ? c.coverage : coverageOf(analysis, c.foldedWithContext, c.curatedAsked, forms))));
  return { parts, support: Math.max(...chosen.map((c) => c.coverage)), curatedSupport, bandFigure: best.band, askedKind: askedKinds.some((g) => g.test(best.sentence)) };
}
