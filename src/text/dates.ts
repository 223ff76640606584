import { warekiToYear, yearToWareki } from './normalize.js';

/** A date or year mentioned in a (folded) question, with the forms the knowledge may use. */
export interface DateMention {
  start: number;
  end: number;
  /** 和暦 form first (the knowledge's own), then 西暦; e.g. 令和3年10月1日, 2021年10月1日. */
  forms: string[];
  /** 'day' | 'month' | 'year': how precise the mention is. */
  precision: 'day' | 'month' | 'year';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ERA_LETTER: Record<string, string> = { r: '令和', h: '平成', s: '昭和' };

function forms(year: number, month?: number, day?: number, fiscal = false): string[] {
  const tail = month === undefined ? (fiscal ? '年度' : '年') : `年${month}月${day === undefined ? '' : `${day}日`}`;
  const w = yearToWareki(year);
  const out = w ? [`${w.era}${w.year === 1 ? '元' : w.year}${tail}`, `${year}${tail}`] : [`${year}${tail}`];
  // 令和元年 is also written 令和1年.
  if (w?.year === 1) out.push(`${w.era}1${tail}`);
  return out;
}

// Module-level global regexes read with exec (String#matchAll would clone each one on every call).
const ERA_DAY = /(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const YEAR_DAY = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ERA_LETTER_DAY = /(?<![a-z0-9])([rhs])\s*(\d{1,2})[./](\d{1,2})[./](\d{1,2})(?![0-9])/g;
const NUMERIC_DAY = /(?<![0-9])((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?![0-9])/g;
const ERA_MONTH = /(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月/g;
const YEAR_MONTH = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月/g;
const ENGLISH_MONTH = /\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d{2})\b/g;
const ENGLISH_DAY_MONTH = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?,?\s+((?:19|20)\d{2})\b/g;
const FISCAL_YEAR = /\b(?:fy|fiscal (?:year )?)\s?((?:19|20)\d{2})\b/g;
/** Era names spelt out in English text: Reiwa 5, Heisei 28 (fiscal with nendo or FY: Reiwa 6 nendo). */
const ERA_WORD = /\b(reiwa|heisei|showa)\s*(\d{1,2}|gannen)(?:\s*(nendo|fiscal year|fy))?\b/g;
const ERA_NAME: Record<string, string> = { reiwa: '令和', heisei: '平成', showa: '昭和' };
/**
 * A year written alone (in 2021, between 2022 and 2023): how English gives a year. Only years this
 * knowledge could be about (1950–2049), not inside a longer number, a decimal, a time or an address.
 */
const BARE_YEAR = /(?<![0-9.,:/\-@#])((?:19[5-9]|20[0-4])\d)(?![0-9%]|\.[0-9]|[,:/\-][0-9]|\s*(?:年|名|人|団体|円|件|yen|staff|people|employees|bodies))/g;
const ERA_YEAR = /(令和|平成|昭和)\s*(\d{1,2}|元)\s*年(度)?/g;
const YEAR = /((?:19|20)\d{2})\s*年(度)?/g;

/** Every match of a module-level global regex (none matches the empty string). */
function* each(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) yield m;
}

/**
 * Dates and years in a folded question (令和3年10月1日, 2023年12月27日, R5.12.27, 2024年度),
 * so that a date is matched as one unit in either calendar rather than as loose digits.
 */
export function findDates(folded: string): DateMention[] {
  const out: DateMention[] = [];
  // Every pattern needs a digit, or 元 (令和元年): most questions have neither.
  if (!/[0-9]/.test(folded) && !folded.includes('元')) return out;
  const taken = (s: number, e: number): boolean => out.some((d) => s < d.end && e > d.start);
  const push = (s: number, e: number, year: number | null, month?: number, day?: number, fiscal = false): void => {
    if (year === null || taken(s, e)) return;
    if (month !== undefined && (month < 1 || month > 12)) return;
    if (day !== undefined && (day < 1 || day > 31)) return;
    out.push({ start: s, end: e, forms: forms(year, month, day, fiscal), precision: day !== undefined ? 'day' : month !== undefined ? 'month' : 'year' });
  };
  const eraYear = (era: string, y: string): number | null => warekiToYear(era, y === '元' ? 1 : Number(y));
  // Most precise first, so that a full date is not also taken as a year.
  for (const m of each(ERA_DAY, folded)) push(m.index, m.index + m[0].length, eraYear(m[1]!, m[2]!), Number(m[3]), Number(m[4]));
  for (const m of each(YEAR_DAY, folded)) push(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of each(ERA_LETTER_DAY, folded)) push(m.index, m.index + m[0].length, eraYear(ERA_LETTER[m[1]!]!, m[2]!), Number(m[3]), Number(m[4]));
  for (const m of each(NUMERIC_DAY, folded)) push(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of each(ERA_MONTH, folded)) push(m.index, m.index + m[0].length, eraYear(m[1]!, m[2]!), Number(m[3]));
  for (const m of each(YEAR_MONTH, folded)) push(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]));
  for (const m of each(ENGLISH_DAY_MONTH, folded)) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3)) + 1;
    push(m.index, m.index + m[0].length, Number(m[3]), month, Number(m[1]));
  }
  for (const m of each(ENGLISH_MONTH, folded)) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3)) + 1;
    push(m.index, m.index + m[0].length, Number(m[3]), month, m[2] === undefined ? undefined : Number(m[2]));
  }
  for (const m of each(FISCAL_YEAR, folded)) push(m.index, m.index + m[0].length, Number(m[1]), undefined, undefined, true);
  for (const m of each(ERA_WORD, folded)) {
    push(m.index, m.index + m[0].length, eraYear(ERA_NAME[m[1]!]!, m[2] === 'gannen' ? '元' : m[2]!), undefined, undefined, m[3] !== undefined);
  }
  for (const m of each(ERA_YEAR, folded)) push(m.index, m.index + m[0].length, eraYear(m[1]!, m[2]!), undefined, undefined, m[3] !== undefined);
  for (const m of each(YEAR, folded)) push(m.index, m.index + m[0].length, Number(m[1]), undefined, undefined, m[2] !== undefined);
  for (const m of each(BARE_YEAR, folded)) push(m.index, m.index + m[0].length, Number(m[1]));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Index keys for a date mention, from its own precision down to the year, in 西暦
 * (so 令和3年10月1日 in a passage matches a question about 2021年10月 or 令和3年).
 */
export function dateKeys(d: DateMention): string[] {
  const m = /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?/.exec(d.forms[d.forms.length > 1 ? 1 : 0]!);
  if (!m) return [];
  const keys = [`@${m[1]}`];
  if (m[2] !== undefined) keys.push(`@${m[1]}-${m[2]}`);
  if (m[3] !== undefined) keys.push(`@${m[1]}-${m[2]}-${m[3]}`);
  return keys;
}

/** The most precise key of a mention (what a question asks for). */
export const preciseDateKey = (d: DateMention): string | undefined => dateKeys(d).at(-1);
