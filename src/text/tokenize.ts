import { foldLoanwordHiragana, normalizeForMatch } from './normalize.js';

/**
 * Japanese-aware tokenization: ICU dictionary words (Intl.Segmenter) for precision,
 * plus character bigrams over CJK runs for recall (ICU splits テレ|ワーク; bigrams
 * also survive typos and unknown compounds). Index and query use this same function.
 */

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** Function words and question scaffolding that carry no topic. */
const JA_STOPWORDS = new Set([
  'の', 'は', 'が', 'を', 'に', 'へ', 'と', 'で', 'も', 'や', 'か', 'な', 'ね', 'よ', 'て', 'し', 'た', 'だ',
  'です', 'ます', 'ある', 'あり', 'いる', 'する', 'さ', 'れ', 'られ', 'ない', 'なる', 'こと', 'もの', 'ため',
  'これ', 'それ', 'あれ', 'この', 'その', 'あの', 'どの', 'どれ', 'どこ', 'いつ', 'なに', '何', 'どう', 'どんな',
  'ください', 'くださ', '下さい', '教え', '教えて', '教', 'お願い', 'ほしい', '欲しい', 'たい', 'について', 'として',
  'ですか', 'ますか', 'でしょう', 'でしょ', 'いい', 'よい', 'ってる', 'って', 'から', 'まで', 'より', 'など', 'など',
  'いう', 'ように', 'よう', 'という', 'おり', 'でき', 'できる', 'られる', 'せる', 'ば', 'けど', 'けれど', 'なら',
]);

const EN_STOPWORDS = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'there', 'what', 'which', 'who',
  'whom', 'when', 'where', 'how', 'why', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'and', 'or', 'any',
  'i', 'we', 'you', 'it', 'its', 'our', 'my', 'me', 'us', 'can', 'could', 'should', 'would', 'will', 'about',
  'please', 'tell', 'this', 'that', 'these', 'those', 'from', 'as', 'if', 'have', 'has', 'get', 'much', 'many',
]);

// Kanji and katakana runs carry the topic; hiragana is mostly grammar (folded where it spells a loanword).
const CJK_RUN = /[\u30A1-\u30FA\u30FC\u3400-\u9FFF\uF900-\uFAFF\u3005]+/gu;
const HIRAGANA_ONLY = /^[\u3041-\u309F]+$/u;

/** Light English stemming: plural and -ing/-ed forms fold together. */
function stemEnglish(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export interface TokenizeOptions {
  /** Add CJK character bigrams (default true). */
  bigrams?: boolean;
}

/** A word segment as a token (English stemmed), or null for a stopword or grammar. */
function wordToken(segment: string): string | null {
  if (/^[a-z]/.test(segment)) return EN_STOPWORDS.has(segment) ? null : stemEnglish(segment);
  if (JA_STOPWORDS.has(segment)) return null;
  // Hiragana-only words are particles, inflections and auxiliaries, never a topic here.
  return HIRAGANA_ONLY.test(segment) ? null : segment;
}

/** Word tokens only (stopwords removed), on already-normalised text. */
export function wordTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalized)) {
    if (!s.isWordLike) continue;
    const w = wordToken(s.segment);
    if (w !== null) out.push(w);
  }
  return out;
}

const SINGLE_KANJI = /^[\u3400-\u9FFF\uF900-\uFAFF]$/u;

/**
 * Word tokens as wordTokens gives them, but a compound ICU splits into single kanji (庁内 → 庁|内,
 * 同規模 → 同|規模 stays) is one word again when `known` says the pair is a word of the knowledge:
 * counted as two, one idea would weigh twice.
 */
export function wordTokensJoined(normalized: string, known: (pair: string) => boolean): string[] {
  const segments = [...segmenter.segment(normalized)].filter((s) => s.isWordLike);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const a = segments[i]!;
    const b = segments[i + 1];
    // Adjacent in the text (no particle or space between) and a word of the knowledge together.
    if (b && b.index === a.index + a.segment.length && SINGLE_KANJI.test(a.segment) && SINGLE_KANJI.test(b.segment) && known(a.segment + b.segment)) {
      out.push(a.segment + b.segment);
      i++;
      continue;
    }
    const w = wordToken(a.segment);
    if (w !== null) out.push(w);
  }
  return out;
}

/** Character bigrams over CJK runs (hiragana folded to katakana), prefixed to keep them apart from words. */
export function bigramTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(CJK_RUN)) {
    const run = m[0];
    if (run.length === 1) continue;
    for (let i = 0; i + 1 < run.length; i++) out.push(`~${run.slice(i, i + 2)}`);
  }
  return out;
}

/** Tokens of a text for the index or a query (normalises first). */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const n = foldLoanwordHiragana(normalizeForMatch(text));
  const words = wordTokens(n);
  return opts.bigrams === false ? words : words.concat(bigramTokens(n));
}

export const isBigram = (term: string): boolean => term.startsWith('~');
