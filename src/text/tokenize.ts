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
  // Function words, pronouns and auxiliaries: they carry no topic. Unknown to the Japanese knowledge, each
  // would still count as a concept it lacks and lower an English question's coverage of the right passage.
  'am', 'being', 'had', 'having', 'done', 'doing', 'may', 'might', 'must', 'shall', 'need', 'needs', 'needed',
  'he', 'she', 'him', 'her', 'his', 'hers', 'they', 'them', 'their', 'theirs', 'your', 'yours', 'ours', 'mine',
  'myself', 'ourselves', 'yourself', 'itself', 'themselves', 'one', 'ones', 'someone', 'somebody', 'anyone',
  'anybody', 'something', 'anything', 'everything', 'nothing', 'thing', 'things', 'stuff',
  'so', 'but', 'not', 'no', 'nor', 'than', 'then', 'too', 'very', 'just', 'also', 'only', 'even', 'still',
  'yet', 'already', 'really', 'actually', 'exactly', 'quite', 'rather', 'roughly', 'approximately', 'around',
  'again', 'ever', 'here', 'now', 'currently', 'right', 'some', 'each', 'every', 'both', 'either',
  'neither', 'such', 'own', 'same', 'other', 'another', 'else', 'whether', 'while', 'because', 'since', 'though',
  'although', 'into', 'onto', 'upon', 'over', 'under', 'up', 'down', 'out', 'off', 'through', 'via', 'per',
  'between', 'among', 'within', 'without', 'according', 'regarding', 'concerning', 're', 'whose', 'whom',
  // Verbs and courtesies of the request itself (tell me, I'd like to know, could you let me know …).
  'know', 'like', 'want', 'wanted', 'wonder', 'wondering', 'let', 'say', 'says', 'said', 'give', 'gave', 'given',
  'ask', 'asked', 'asking', 'explain', 'find', 'look', 'looking', 'see', 'think', 'thanks', 'thank', 'thx', 'pls',
  'plz', 'kindly', 'hi', 'hello', 'hey', 'dear', 'regards', 'quick', 'question', 'questions', 'q', 'go', 'going',
  'got', 'make', 'made', 'take', 'put', 'come', 'came', 'mean', 'means', 'well', 'okay', 'ok', 'yes', 'sure',
]);

/** English clitics: what's, we're, I'd, don't, the ministry's (the segmenter keeps them on the word). */
const EN_CLITIC = /(?:'s|'re|'d|'m|'ll|'ve|n't|s'|')$/;

// Kanji and katakana runs carry the topic; hiragana is mostly grammar (folded where it spells a loanword).
const CJK_RUN = /[\u30A1-\u30FA\u30FC\u3400-\u9FFF\uF900-\uFAFF\u3005]+/gu;
const HIRAGANA_ONLY = /^[\u3041-\u309F]+$/u;

/** Light English stemming: plural and -ing/-ed forms fold together. */
function stemEnglish(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  // previous, status, analysis, always: an -s that is no plural.
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is|ys)$/.test(word)) return word.slice(0, -1);
  return word;
}

export interface TokenizeOptions {
  /** Add CJK character bigrams (default true). */
  bigrams?: boolean;
}

/** A word segment as a token (English stemmed), or null for a stopword, grammar or a clitic's remnant. */
function wordToken(segment: string): string | null {
  let w = segment;
  if (/^[a-z]/.test(w)) {
    // won't → wo, can't → ca: the negation is a stopword either way.
    w = w.replace(/[\u2019]/g, "'").replace(EN_CLITIC, '');
    // The s, d, t … of a clitic split off by a synonym match ("the ministry" + "'s") name nothing
    // (other lone letters do: the j of J-LIS).
    if (w === '' || EN_STOPWORDS.has(w) || /^(s|d|m|t|ll|ve|wo|ca)$/.test(w)) return null;
    return stemEnglish(w);
  }
  if (JA_STOPWORDS.has(w)) return null;
  // Hiragana-only words are particles, inflections and auxiliaries, never a topic here.
  return HIRAGANA_ONLY.test(w) ? null : w;
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
