/**
 * Figures in text and in questions: the values an answer states (61.6%, 1,102団体, 0.5) and the
 * staff-size ranges the knowledge states them for (100名以下, 101名以上300名以下), so that a
 * question's own number (職員80人) is matched to the range that holds it.
 */

/**
 * A value an answer states: a percentage, a count of bodies, a decimal rate (not a date's parts),
 * an e-mail address or a phone number.
 */
const VALUE = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\d{2,4}-\d{2,4}-\d{3,4}|\d[\d,]*(\.\d+)?\s*(%|％|団体)|\d+\.\d+/g;

/** The values a sentence states, normalised ("1,102団体" → "1102団体", "61.6％" → "61.6%"). */
export function valuesOf(text: string): string[] {
  return [...text.matchAll(VALUE)].map((m) => m[0].replace(/[,\s]/g, '').replace('％', '%'));
}

export interface Range {
  min: number;
  max: number;
}

const COUNT_UNIT = '(?:名|人)';
const RANGE_PATTERNS: { re: RegExp; make: (a: number, b: number) => Range }[] = [
  { re: new RegExp(`(\\d[\\d,]*)${COUNT_UNIT}以上(\\d[\\d,]*)${COUNT_UNIT}(以下|未満)`, 'g'), make: (a, b) => ({ min: a, max: b }) },
  { re: new RegExp(`(\\d[\\d,]*)${COUNT_UNIT}?[〜~～-](\\d[\\d,]*)${COUNT_UNIT}`, 'g'), make: (a, b) => ({ min: a, max: b }) },
  { re: new RegExp(`(\\d[\\d,]*)${COUNT_UNIT}(以下)`, 'g'), make: (a) => ({ min: 0, max: a }) },
  { re: new RegExp(`(\\d[\\d,]*)${COUNT_UNIT}(未満)`, 'g'), make: (a) => ({ min: 0, max: a - 1 }) },
  { re: new RegExp(`(\\d[\\d,]*)${COUNT_UNIT}(以上|超)`, 'g'), make: (a) => ({ min: a, max: Number.POSITIVE_INFINITY }) },
  { re: /(\d[\d,]*) or (fewer|less)/gi, make: (a) => ({ min: 0, max: a }) },
  { re: /(\d[\d,]*) or more/gi, make: (a) => ({ min: a, max: Number.POSITIVE_INFINITY }) },
];

const num = (s: string): number => Number(s.replace(/,/g, ''));

/** Head-count ranges a sentence states, each once (101名以上300名以下 is not also 300名以下). */
export function rangesOf(text: string): Range[] {
  const out: Range[] = [];
  let rest = text;
  for (const { re, make } of RANGE_PATTERNS) {
    rest = rest.replace(re, (m: string, a: string, b: string) => {
      out.push(make(num(a), /^\d/.test(b ?? '') ? num(b) : 0));
      return ' '.repeat(m.length);
    });
  }
  return out;
}

/**
 * A head count the question gives about its own body (職員80人くらい, 200名ほど, 80 staff), not a
 * range it asks about (101名以上…): that one is matched as words.
 */
export function headCountOf(question: string): number | null {
  if (rangesOf(question).length > 0) return null;
  const m = /(\d[\d,]*)\s*(?:名|人|(?:[a-z-]+\s+){0,2}(?:staff|employees|people|workers))/i.exec(question);
  return m ? num(m[1]!) : null;
}

/** A size band this wide (or narrower) is the asker's own band; a wider one holds it more loosely. */
const BAND_WIDTH = 100;

/**
 * How well a sentence's ranges hold the count: up to +1 for the narrowest band that holds it (100名以下
 * for 80 staff, over 300名以下), −1 when the sentence has ranges and none holds it, 0 without ranges.
 */
export function rangeFit(count: number, ranges: Range[]): number {
  if (ranges.length === 0) return 0;
  const holding = ranges.filter((r) => count >= r.min && count <= r.max);
  if (holding.length === 0) return -1;
  const width = Math.max(1, Math.min(...holding.map((r) => r.max - r.min)));
  return Math.min(1, BAND_WIDTH / width);
}
