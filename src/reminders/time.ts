import { DateTime, IANAZone } from 'luxon';

/** Time-zone arithmetic on luxon (the zone rules come from Intl through it). */

export const DEFAULT_TIMEZONE = 'Asia/Tokyo';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** True when the IANA zone name is known. */
export function isValidTimeZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

const inZone = (at: Date, timeZone: string): DateTime => DateTime.fromJSDate(at, { zone: timeZone });

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const d = inZone(at, timeZone);
  // luxon numbers weekdays 1 = Monday … 7 = Sunday.
  return { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute, second: d.second, weekday: d.weekday % 7 };
}

/** The JST calendar day of an instant as YYYY-MM-DD. */
export function jstDateKey(at: Date): string {
  return inZone(at, DEFAULT_TIMEZONE).toISODate()!;
}

/** Month and day of an instant in JST. */
export function jstMonthDay(at: Date): { month: number; day: number } {
  const d = inZone(at, DEFAULT_TIMEZONE);
  return { month: d.month, day: d.day };
}

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses an ISO time. With an offset (Z, +09:00) it is absolute; without one it is wall-clock
 * time in `timeZone` (what a person typing "2026-12-01 09:00" means). Null when unparsable.
 */
export function parseInstant(text: string, timeZone: string): Date | null {
  const s = text.trim();
  if (HAS_OFFSET.test(s)) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = LOCAL.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const d = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  // luxon rejects dates that do not exist (2月30日) and moves wall times skipped by DST: both are refused.
  if (!d.isValid || d.hour !== hour || d.minute !== minute || d.day !== day) return null;
  return d.toJSDate();
}

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const jaWeekday = (weekday: number): string => `${JA_WEEKDAYS[weekday] ?? ''}曜日`;
export const enWeekday = (weekday: number): string => EN_WEEKDAYS[weekday] ?? '';

/** "2026年11月25日(水) 09:00" in the zone, for replies that show next runs. */
export function formatJa(at: Date, timeZone: string): string {
  const d = inZone(at, timeZone);
  return `${d.toFormat('yyyy年M月d日')}(${JA_WEEKDAYS[d.weekday % 7]}) ${d.toFormat('HH:mm')}`;
}

/** "2026-11-25 (Wed) 09:00" in the zone. */
export function formatEn(at: Date, timeZone: string): string {
  const d = inZone(at, timeZone);
  return `${d.toFormat('yyyy-MM-dd')} (${enWeekday(d.weekday % 7).slice(0, 3)}) ${d.toFormat('HH:mm')}`;
}
