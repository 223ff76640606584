/** Time-zone arithmetic without a date library: Intl does the zone rules, we do the sums. */

export const DEFAULT_TIMEZONE = 'Asia/Tokyo';
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

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

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the IANA zone name. */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out['year']),
    month: Number(out['month']),
    day: Number(out['day']),
    hour: Number(out['hour']),
    minute: Number(out['minute']),
    second: Number(out['second']),
    weekday: WEEKDAYS[out['weekday'] ?? 'Sun'] ?? 0,
  };
}

/** The JST calendar day of an instant as YYYY-MM-DD (JST has no DST, so a fixed offset is exact). */
export function jstDateKey(at: Date): string {
  return new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Month and day of an instant in JST. */
export function jstMonthDay(at: Date): { month: number; day: number } {
  const d = new Date(at.getTime() + JST_OFFSET_MS);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
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
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, se);
  // The zone's offset at the guess, then once more at the corrected instant (DST edges).
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  const back = zonedParts(new Date(at), timeZone);
  // Reject dates that do not exist (2月30日) or wall times skipped by DST.
  if (back.year !== y || back.month !== mo || back.day !== d || back.hour !== h || back.minute !== mi) return null;
  return new Date(at);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'] as const;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const jaWeekday = (weekday: number): string => `${JA_WEEKDAYS[weekday] ?? ''}曜日`;
export const enWeekday = (weekday: number): string => EN_WEEKDAYS[weekday] ?? '';

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026年11月25日(水) 09:00" in the zone, for replies that show next runs. */
export function formatJa(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}年${p.month}月${p.day}日(${JA_WEEKDAYS[p.weekday]}) ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "2026-11-25 (Wed) 09:00" in the zone. */
export function formatEn(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} (${enWeekday(p.weekday).slice(0, 3)}) ${pad(p.hour)}:${pad(p.minute)}`;
}
