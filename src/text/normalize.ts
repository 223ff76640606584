/**
 * Text normalisation shared by the index, the query and the eval.
 * One function per concern so that the index and the query fold text the same way.
 */

/** NFKC (full-width ASCII and half-width kana to standard forms), unified dashes and tildes. */
export function nfkc(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFF0D]/g, '-') // hyphen-like dashes (phone numbers, ranges)
    .replace(/[\u301C\uFF5E]/g, '~')
    .replace(/[\u00A0\u3000]/g, ' ');
}

/** Remove thousands separators between digits: 1,102 → 1102 (so figures match however written). */
export function stripThousandsSeparators(text: string): string {
  return text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
}

/** Hiragana → katakana, so てれわーく matches テレワーク. */
export function hiraganaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Hiragana runs that contain the long-vowel mark spell loanwords typed without conversion
 * (てれわーく): fold them to katakana. Other hiragana is grammar and stays as it is.
 */
export function foldLoanwordHiragana(text: string): string {
  // Up to the last ー plus one kana (てれわーく|の): a particle after the word stays hiragana.
  return text.replace(/[\u3041-\u3096\u30FC]*\u30FC[\u3041-\u3096]?/g, (run) => hiraganaToKatakana(run));
}

/** The canonical form used for matching (not for display). */
export function normalizeForMatch(text: string): string {
  return foldRomajiMacrons(stripThousandsSeparators(nfkc(text).toLowerCase()));
}

/** Long vowels of Hepburn romaji (kōfuzei, Sōmushō, chûô) are matched as the plain letters staff also type. */
const MACRON = /[āâīîūûēêōô]/g;
const PLAIN_VOWEL: Record<string, string> = { ā: 'a', â: 'a', ī: 'i', î: 'i', ū: 'u', û: 'u', ē: 'e', ê: 'e', ō: 'o', ô: 'o' };
export function foldRomajiMacrons(text: string): string {
  return text.replace(MACRON, (c) => PLAIN_VOWEL[c]!);
}

/** The eval's comparison form (shared/eval/README.md): NFKC, lower case, no white space, no thousands separators. */
export function normalizeForEval(text: string): string {
  return stripThousandsSeparators(nfkc(text).toLowerCase().replace(/\s+/g, ''));
}

const ERAS = [
  { name: '令和', start: 2019 },
  { name: '平成', start: 1989 },
  { name: '昭和', start: 1926 },
] as const;

/** Western year for a 和暦 year (令和5 → 2023); 元年 counts as 1. */
export function warekiToYear(era: string, year: number): number | null {
  const e = ERAS.find((x) => x.name === era);
  return e ? e.start + year - 1 : null;
}

/** 和暦 for a western year, newest era that contains it (2023 → 令和5). */
export function yearToWareki(year: number): { era: string; year: number } | null {
  for (const e of ERAS) if (year >= e.start) return { era: e.name, year: year - e.start + 1 };
  return null;
}

/**
 * Add the other calendar's form after each year mention, so 2024年度 finds 令和6年度 and back.
 * Used on queries only (the knowledge keeps its own wording).
 */
export function expandEraYears(text: string): string {
  const extra: string[] = [];
  for (const m of text.matchAll(/(令和|平成|昭和)\s*(\d{1,2}|元)\s*年/g)) {
    const y = warekiToYear(m[1]!, m[2] === '元' ? 1 : Number(m[2]));
    if (y !== null) extra.push(`${y}年`);
  }
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年/g)) {
    const w = yearToWareki(Number(m[1]));
    if (w) extra.push(`${w.era}${w.year}年`);
  }
  return extra.length === 0 ? text : `${text} ${extra.join(' ')}`;
}

/** Era initials staff type for years (R5, R6年度, H30): R = 令和, H = 平成, S = 昭和. */
const ERA_INITIAL: Record<string, string> = { r: '令和', h: '平成', s: '昭和' };

/**
 * "R5" → "令和5年", "R6年度" → "令和6年度": written out, an abbreviated year is a date like any other
 * (found in either calendar). Only a lone initial before one or two digits counts (not R2D2, not SR5).
 */
export function expandEraInitials(text: string): string {
  // "R5.3" (版, 月): 令和5年3月.
  const months = text.replace(/(?<![A-Za-z0-9])([RHSrＲＨＳｒ])([0-9０-９]{1,2})[.．]([0-9０-９]{1,2})(?![0-9０-９.])/g, (m, initial: string, y: string, mo: string) => {
    const era = ERA_INITIAL[initial.normalize('NFKC').toLowerCase()];
    return era === undefined ? m : `${era}${y.normalize('NFKC')}年${mo.normalize('NFKC')}月`;
  });
  return months.replace(/(?<![A-Za-z0-9\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A])([RHSＲＨＳrｒ])\s?([0-9０-９]{1,2})(?![0-9０-９A-Za-z.])(\s*年度?)?/g, (m, initial: string, digits: string, year: string | undefined) => {
    const era = ERA_INITIAL[initial.normalize('NFKC').toLowerCase()];
    if (era === undefined) return m;
    const n = digits.normalize('NFKC');
    return `${era}${n}${year ? year.trim() : '年'}`;
  });
}

/**
 * The explanatory copula written as speech (村なんですけど, 大丈夫なんでしょうか) as plain なの, so that
 * it is not read as なんで ("why").
 */
export function plainCopula(text: string): string {
  return text.replace(/なんで(す|しょう)/g, 'なので$1');
}

/** Words for one half. */
const HALF = /(半分|半額|2分の1|２分の１|二分の一|5割|５割|五割|\bhalf\b)/gi;
/** A question about money: only there is "half" a share of costs (措置率 0.5), not of staff or days. */
const MONEY = /(費用|経費|お金|予算|財政|負担|補助|措置|交付税|特交|costs?\b|fund|subsid|money|budget)/i;

/**
 * "国が半分持ってくれる": the knowledge states the share as a number (措置率0.5); the number is added
 * beside the word so that the passage stating it is found (the word itself stays).
 */
export function halfAsNumber(text: string): string {
  return MONEY.test(text) ? text.replace(HALF, '$1(0.5)') : text;
}

const KANJI_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** A number in kanji before a counter (二百五十人, 千百二団体, 五割, 令和五年十月一日). */
const KANJI_NUMBER = /([〇零一二三四五六七八九十百千万]+)(?=(人|名|団体|割|回|時|件|か所|箇所|市町村|日|年|月|%|％|パーセント|円|歳|倍|号|週))/g;

/** The value of a kanji numeral (二百五十 → 250, 二〇二三 → 2023). */
export function kanjiNumeralValue(kanji: string): number {
  if (!/[十百千万]/.test(kanji)) return Number([...kanji].map((c) => KANJI_DIGIT[c] ?? 0).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of kanji) {
    if (c in KANJI_DIGIT) digit = KANJI_DIGIT[c]!;
    else if (c in KANJI_UNIT) {
      section += (digit || 1) * KANJI_UNIT[c]!;
      digit = 0;
    } else if (c === '万') {
      total += (section + digit || 1) * 10_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/**
 * Numbers written in kanji before a counter, as the knowledge writes them (職員二百五十人 → 250人, 五割 → 5割),
 * so that figures and size bands match. A lone 一 (一人ひとり, 一日中, 一回) stays a word, except in a date.
 */
export function kanjiNumbersAsDigits(text: string): string {
  return text.replace(KANJI_NUMBER, (run: string, _run: string, _counter: string, offset: number, whole: string) => {
    const prev = whole[offset - 1];
    if (run === '一' && prev !== '年' && prev !== '月') return run;
    return String(kanjiNumeralValue(run));
  });
}
