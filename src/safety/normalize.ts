/**
 * The first stage of redaction: a normalised copy of the text for the detectors, with a map from
 * every normalised position back to the original, so that what is found is replaced in the
 * original (which keeps its own spelling everywhere else).
 *
 * - NFKC per character cluster (full-width letters, digits, ＠, （）, half-width kana with their
 *   voiced marks, no-break and ideographic spaces become their plain forms);
 * - format characters (Unicode Cf: zero-width space and joiners, soft hyphen, BOM, bidi marks)
 *   and variation selectors are dropped, so they cannot split a number or a name;
 * - every dash-like character becomes '-', and so do ー, 一, ・ and box-drawing lines between digits;
 * - every kind of white space becomes one ASCII space, and every line break \\n (one for one).
 */
export interface Normalized {
  /** The normalised text. */
  text: string;
  /** starts[i] is the original UTF-16 offset of normalised code unit i; starts[text.length] is the original length. */
  starts: Int32Array;
}

const FORMAT = /^[\p{Cf}\uFE00-\uFE0F\u{E0100}-\u{E01EF}\u034F\u115F\u1160\u3164\uFFA0]$/u;
// Dash punctuation (‐ ‑ ‒ – — ― ﹘ ﹣ －), minus signs, and the small hyphen-like marks people type
// between digits. The wave dash 〜 is a range ("9時〜17時"), not a separator: left alone.
const DASH = /^[\p{Pd}\u2212\u2043\u02D7\u2796\uFE63\uFF0D]$/u;
const NOT_DASH = new Set(['\u301C', '\u3030', '\u30A0']);
const SPACE = /^\s$/u;
const KANJI_DIGITS = '〇一二三四五六七八九';

/** Kanji digits (〇一二…九, 零) as ASCII digits, one for one. */
export const asciiDigits = (text: string): string => text.replace(/[〇零一二三四五六七八九]/gu, (c) => String(Math.max(0, KANJI_DIGITS.indexOf(c))));
// Marks that combine with the character before them (dakuten, half-width ﾞﾟ, combining marks).
const COMBINING = /^[\p{M}\uFF9E\uFF9F]$/u;

/** A mark that joins the character before it into one cluster (a format character never does). */
export const combinesWithPrevious = (c: string): boolean => COMBINING.test(c) && !FORMAT.test(c);

/** What one character cluster becomes ('' for a dropped one); see the module comment. */
export function normalizeCluster(cluster: string): string {
  if (FORMAT.test(cluster)) return '';
  // Line breaks stay: signatures and separator lines are read by line.
  if (SPACE.test(cluster)) return /[\n\r\u2028\u2029\v\f\u0085]/u.test(cluster) ? '\n' : ' ';
  if (DASH.test(cluster) && !NOT_DASH.has(cluster)) return '-';
  // NFKC turns some symbols into several characters (㈱ → (株)); that is fine, all map to one offset.
  const n = cluster.normalize('NFKC');
  return /^\s+$/u.test(n) ? ' ' : n;
}

/**
 * Characters that every stage leaves as they are (not a format character, a space, a dash or a
 * combining mark; their own NFKC form): printable ASCII but '-', hiragana, katakana, common kanji.
 * Most of a message is made of them, so they skip the per-character tests (test/unit/safety.test.ts
 * checks every one of them against normalizeCluster).
 */
export function isPlainForDetection(c: string): boolean {
  if (c.length !== 1) return false;
  const u = c.charCodeAt(0);
  return (u >= 0x21 && u <= 0x7e && u !== 0x2d) || (u >= 0x3041 && u <= 0x3093) || (u >= 0x30a1 && u <= 0x30f6) || u === 0x30fc || (u >= 0x4e00 && u <= 0x9fff);
}

/** Normalises for detection; see the module comment. Linear in the length of the text. */
export function normalizeForDetection(input: string): Normalized {
  const out: string[] = [];
  const starts: number[] = [];
  const cps = Array.from(input);
  let offset = 0;
  const emit = (s: string, at: number) => {
    for (let k = 0; k < s.length; k++) {
      out.push(s[k]!);
      starts.push(at);
    }
  };
  for (let i = 0; i < cps.length; ) {
    const at = offset;
    let cluster = cps[i]!;
    let j = i + 1;
    while (j < cps.length && !isPlainForDetection(cps[j]!) && combinesWithPrevious(cps[j]!)) cluster += cps[j++]!;
    for (let k = i; k < j; k++) offset += cps[k]!.length;
    const alone = j === i + 1;
    i = j;
    emit(alone && isPlainForDetection(cluster) ? cluster : normalizeCluster(cluster), at);
  }
  starts.push(input.length);
  let text = out.join('');
  // ー (or a lookalike) between digits is a dash: 090ー1234ー9999. Done after the first pass so
  // that dropped format characters between the digit and the mark do not matter.
  // Numbers written in kanji digits (〇九〇-一二三四-五六七八, a My Number in kanji): a run of
  // ten or more becomes ASCII digits, one for one. Shorter runs (二〇二三年) are left alone.
  text = text.replace(/[〇零一二三四五六七八九](?:[ \-ー]?[〇零一二三四五六七八九]){9,}/gu, asciiDigits);
  text = text.replace(/(?<=\d ?)[\u30FC\u2500\u2501\u4E00\u30FB\u00B7](?= ?\d)/gu, '-');
  return { text, starts: Int32Array.from(starts) };
}
