import { CronExpressionParser } from 'cron-parser';
import { isJapaneseHoliday, isYearEndBreak } from './holidays.js';
import { DEFAULT_TIMEZONE, isValidTimeZone, parseInstant } from './time.js';

/** When a reminder runs: once (`at`) or on a five-field cron, in a time zone. */
export interface ScheduleSpec {
  cron?: string | undefined;
  at?: string | undefined;
  timezone?: string | undefined;
  /** Skip (not move) runs that fall on a Japanese public holiday (JST day). */
  skipHolidays?: boolean | undefined;
  /** Skip runs during the year-end break 12/29–1/3 (JST day). */
  skipYearEnd?: boolean | undefined;
}

export type ScheduleProblemCode =
  | 'no_schedule'
  | 'both_schedules'
  | 'bad_timezone'
  | 'bad_cron'
  | 'cron_fields'
  | 'too_frequent'
  | 'never_runs'
  | 'bad_at'
  | 'at_in_past'
  | 'at_too_far'
  | 'at_skipped';

/** Why a schedule is refused, in both languages (the API returns `en`, chat shows the user's). */
export interface ScheduleProblem {
  code: ScheduleProblemCode;
  en: string;
  ja: string;
}

/** Runs closer together than this are refused: a reminder is not a chat bot loop. */
export const MIN_INTERVAL_MS = 15 * 60 * 1000;
/** A one-shot reminder further ahead than this is almost certainly a typo. */
export const MAX_AHEAD_MS = 5 * 366 * 24 * 60 * 60 * 1000;
/** Bounds on the search for the next allowed run, so a schedule that never fires cannot loop. */
const MAX_CANDIDATES = 10_000;
const HORIZON_MS = 10 * 366 * 24 * 60 * 60 * 1000;

const problem = (code: ScheduleProblemCode, en: string, ja: string): ScheduleProblem => ({ code, en, ja });

/** True when a run at `at` is skipped by the schedule's holiday rules. */
export function isSkipped(spec: ScheduleSpec, at: Date): boolean {
  return (spec.skipHolidays === true && isJapaneseHoliday(at)) || (spec.skipYearEnd === true && isYearEndBreak(at));
}

const tzOf = (spec: ScheduleSpec): string => spec.timezone ?? DEFAULT_TIMEZONE;

/** Zones without DST (JST since 1951): computed in UTC with a fixed shift, which avoids Intl on every step. */
const FIXED_OFFSET_MS: Record<string, number> = { 'Asia/Tokyo': 9 * 3600_000, UTC: 0, 'Etc/UTC': 0 };

/** Cron occurrences strictly after `after`, in the zone. */
function parseCron(expr: string, tz: string, after: Date): { fields: ReturnType<typeof CronExpressionParser.parse>['fields']; next(): Date } {
  const shift = FIXED_OFFSET_MS[tz];
  if (shift !== undefined) {
    // JST wall clock = UTC wall clock shifted by nine hours, so the UTC evaluation is exact.
    const it = CronExpressionParser.parse(expr, { tz: 'UTC', currentDate: new Date(after.getTime() + shift), strict: false });
    return { fields: it.fields, next: () => new Date(it.next().toDate().getTime() - shift) };
  }
  const it = CronExpressionParser.parse(expr, { tz, currentDate: after, strict: false });
  return { fields: it.fields, next: () => it.next().toDate() };
}

/**
 * The next `count` runs strictly after `after`, holidays and the year-end break skipped.
 * Pure: the clock is the `after` argument. Fewer than `count` when the schedule ends.
 */
export function nextRuns(spec: ScheduleSpec, after: Date, count: number): Date[] {
  const tz = tzOf(spec);
  if (spec.at !== undefined) {
    const at = parseInstant(spec.at, tz);
    if (at === null || at.getTime() <= after.getTime() || isSkipped(spec, at)) return [];
    return count > 0 ? [at] : [];
  }
  if (spec.cron === undefined) return [];
  const it = parseCron(spec.cron, tz, after);
  const limit = after.getTime() + HORIZON_MS;
  const out: Date[] = [];
  for (let i = 0; i < MAX_CANDIDATES && out.length < count; i++) {
    let d: Date;
    try {
      d = it.next();
    } catch {
      break; // cron-parser's own loop limit: no further run exists.
    }
    if (d.getTime() > limit) break;
    if (!isSkipped(spec, d)) out.push(d);
  }
  return out;
}

/** The next run strictly after `after`, or null when there is none. */
export const nextRun = (spec: ScheduleSpec, after: Date): Date | null => nextRuns(spec, after, 1)[0] ?? null;

/**
 * Checks a schedule as a person gave it: a reason when it is impossible, otherwise the next
 * runs (for the confirmation shown on creation).
 */
export function validateSchedule(spec: ScheduleSpec, now: Date, preview = 5): { ok: true; runs: Date[] } | { ok: false; problem: ScheduleProblem } {
  const tz = tzOf(spec);
  if (!isValidTimeZone(tz)) return { ok: false, problem: problem('bad_timezone', `unknown time zone "${tz}" (use an IANA name such as Asia/Tokyo)`, `タイムゾーン「${tz}」は使えません(Asia/Tokyo のような IANA 名を指定してください)。`) };
  if (spec.cron === undefined && spec.at === undefined) return { ok: false, problem: problem('no_schedule', 'give either "at" (ISO time) or "cron" (five fields)', '日時(at)または繰り返し(cron)のどちらかを指定してください。') };
  if (spec.cron !== undefined && spec.at !== undefined) return { ok: false, problem: problem('both_schedules', 'give either "at" or "cron", not both', '日時(at)と繰り返し(cron)は、どちらか一方だけを指定してください。') };

  if (spec.at !== undefined) {
    const at = parseInstant(spec.at, tz);
    if (at === null) return { ok: false, problem: problem('bad_at', `"at" is not a valid ISO time: "${spec.at}" (e.g. 2026-12-01T09:00)`, `日時「${spec.at}」を読み取れません(例: 2026-12-01T09:00)。`) };
    if (at.getTime() <= now.getTime()) return { ok: false, problem: problem('at_in_past', `"at" is in the past: ${at.toISOString()}`, 'この日時はすでに過ぎています。未来の日時を指定してください。') };
    if (at.getTime() - now.getTime() > MAX_AHEAD_MS) return { ok: false, problem: problem('at_too_far', '"at" is more than five years ahead', '日時が5年以上先です。日時をご確認ください。') };
    if (isSkipped(spec, at)) return { ok: false, problem: problem('at_skipped', '"at" falls on a skipped day (public holiday or year-end break)', 'この日時は祝日または年末年始のため、送信されません。別の日時を指定してください。') };
    return { ok: true, runs: [at] };
  }

  const expr = spec.cron!.trim();
  if (expr.split(/\s+/).length !== 5) return { ok: false, problem: problem('cron_fields', `"cron" must have five fields (minute hour day month weekday), got "${expr}"`, `cron は5項目(分 時 日 月 曜日)で指定してください(例: 0 9 * * 1-5)。`) };
  let gapMs: number;
  try {
    const fields = parseCron(expr, tz, now).fields;
    gapMs = minGapMs(fields.hour.values.map(Number), fields.minute.values.map(Number));
  } catch (e) {
    const msg = (e as Error).message;
    return { ok: false, problem: problem('bad_cron', `"cron" is not valid: ${msg}`, `cron「${expr}」が正しくありません(${msg})。`) };
  }
  if (gapMs < MIN_INTERVAL_MS) {
    return { ok: false, problem: problem('too_frequent', `"cron" runs more often than every ${MIN_INTERVAL_MS / 60000} minutes`, `送信間隔が短すぎます(${MIN_INTERVAL_MS / 60000}分以上の間隔にしてください)。`) };
  }
  const runs = nextRuns({ ...spec, cron: expr }, now, preview);
  if (runs.length === 0) return { ok: false, problem: problem('never_runs', 'the schedule never runs (every run falls on a skipped day, or the date does not exist)', 'この設定では一度も送信されません(すべて祝日・年末年始に当たるか、存在しない日付です)。') };
  return { ok: true, runs };
}

/**
 * The shortest gap between two runs from the hour and minute fields alone (wrapping past
 * midnight, as if every day were allowed): exact enough to refuse "every five minutes", and
 * far cheaper than walking occurrences.
 */
function minGapMs(hours: number[], minutes: number[]): number {
  const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m)).sort((a, b) => a - b);
  if (times.length === 0) return Number.POSITIVE_INFINITY;
  let gap = times[0]! + 24 * 60 - times.at(-1)!;
  for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  return gap * 60_000;
}
