import holidayJp from '@holiday-jp/holiday_jp';
import { jstDateKey, jstMonthDay } from './time.js';

/**
 * Japanese public holidays from @holiday-jp/holiday_jp's table, looked up by the JST calendar
 * day. The library's own isHoliday formats in the host's zone (wrong on a UTC host), so it is
 * not used.
 */
const TABLE = holidayJp.holidays as Readonly<Record<string, { name: string; name_en: string }>>;
const hasOwn = Object.prototype.hasOwnProperty;

/** The holiday's Japanese name when the JST day of `at` is a public holiday (振替休日 included). */
export function japaneseHoliday(at: Date): { name: string; nameEn: string } | null {
  const key = jstDateKey(at);
  if (!hasOwn.call(TABLE, key)) return null;
  const h = TABLE[key]!;
  return { name: h.name, nameEn: h.name_en };
}

export const isJapaneseHoliday = (at: Date): boolean => hasOwn.call(TABLE, jstDateKey(at));

/** The last day the library's table covers; beyond it holidays are unknown. */
export const HOLIDAY_TABLE_END = Object.keys(TABLE).sort().at(-1) ?? '2050-12-31';

/** 年末年始 (12/29–1/3), the usual closing days of Japanese public offices, in JST. */
export function isYearEndBreak(at: Date): boolean {
  const { month, day } = jstMonthDay(at);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}
