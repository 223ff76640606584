import holidayJp from '@holiday-jp/holiday_jp';
import { describe, expect, test } from 'vitest';
import { isJapaneseHoliday, isYearEndBreak } from '../../src/reminders/holidays.js';
import { nextRun, nextRuns, validateSchedule } from '../../src/reminders/schedule.js';
import { renderReminderText } from '../../src/reminders/template.js';
import { formatJa, parseInstant } from '../../src/reminders/time.js';

/** JST wall-clock → instant, so expectations read like a calendar. */
const jst = (s: string): Date => new Date(`${s}+09:00`);
const iso = (ds: Date[]): string[] => ds.map((d) => formatJa(d, 'Asia/Tokyo'));

describe('holidays are looked up by the JST day, whatever the host zone', () => {
  test('00:30 JST on a holiday is a holiday even though it is the previous day in UTC', () => {
    // 2027-01-01 00:30 JST = 2026-12-31 15:30 UTC.
    expect(isJapaneseHoliday(jst('2027-01-01T00:30:00'))).toBe(true);
    // 2026-05-07 00:30 JST is an ordinary Thursday although 05-06 (UTC day) is a substitute holiday.
    expect(isJapaneseHoliday(jst('2026-05-07T00:30:00'))).toBe(false);
    expect(isJapaneseHoliday(jst('2026-05-06T23:59:00'))).toBe(true);
  });
  test('year-end break is 12/29 to 1/3 in JST', () => {
    expect(isYearEndBreak(jst('2026-12-28T23:59:00'))).toBe(false);
    expect(isYearEndBreak(jst('2026-12-29T00:00:00'))).toBe(true);
    expect(isYearEndBreak(jst('2027-01-03T23:59:00'))).toBe(true);
    expect(isYearEndBreak(jst('2027-01-04T00:00:00'))).toBe(false);
  });
});

describe('the host time zone changes nothing', () => {
  test.each(['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Tokyo'])('TZ=%s', (tz) => {
    const saved = process.env.TZ;
    process.env.TZ = tz; // Node re-reads TZ on assignment.
    try {
      const runs = nextRuns({ cron: '0 9 * * 1-5', skipHolidays: true, skipYearEnd: true }, jst('2026-12-25T12:00:00'), 3);
      expect(runs.map((d) => d.toISOString())).toEqual(['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z', '2027-01-05T00:00:00.000Z']);
      expect(isJapaneseHoliday(jst('2026-05-07T00:30:00'))).toBe(false);
      if (tz === 'UTC') {
        // What this guards against: the library's own helper answers in the host's zone.
        expect(holidayJp.isHoliday(jst('2026-05-07T00:30:00'))).toBe(true);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('next runs of a weekday 9:00 cron', () => {
  const weekdays9 = { cron: '0 9 * * 1-5', timezone: 'Asia/Tokyo' };

  test('2027-01-01 (元日, a Friday) is skipped with skipHolidays, kept without', () => {
    const after = jst('2026-12-31T10:00:00');
    expect(iso(nextRuns({ ...weekdays9, skipHolidays: true }, after, 2))).toEqual(['2027年1月4日(月) 09:00', '2027年1月5日(火) 09:00']);
    expect(iso(nextRuns(weekdays9, after, 1))).toEqual(['2027年1月1日(金) 09:00']);
  });

  test('the year-end break skips 12/29 to 1/3 even on working weekdays', () => {
    const after = jst('2026-12-28T10:00:00');
    // 12/29 (Tue), 12/30, 12/31 are not public holidays: only skipYearEnd skips them.
    expect(iso(nextRuns({ ...weekdays9, skipHolidays: true }, after, 1))).toEqual(['2026年12月29日(火) 09:00']);
    expect(iso(nextRuns({ ...weekdays9, skipHolidays: true, skipYearEnd: true }, after, 2))).toEqual(['2027年1月4日(月) 09:00', '2027年1月5日(火) 09:00']);
  });

  test('Golden Week 2026: 4/29 and 5/4–5/6 (5/6 a substitute holiday for 5/3) are skipped', () => {
    const runs = nextRuns({ ...weekdays9, skipHolidays: true }, jst('2026-04-27T12:00:00'), 5);
    expect(iso(runs)).toEqual(['2026年4月28日(火) 09:00', '2026年4月30日(木) 09:00', '2026年5月1日(金) 09:00', '2026年5月7日(木) 09:00', '2026年5月8日(金) 09:00']);
  });

  test('a substitute holiday (2027-03-22, for 春分の日 on Sunday 3/21) is skipped', () => {
    const runs = nextRuns({ ...weekdays9, skipHolidays: true }, jst('2027-03-19T12:00:00'), 1);
    expect(iso(runs)).toEqual(['2027年3月23日(火) 09:00']);
  });

  test('runs are computed in the reminder zone and strictly after the given time', () => {
    expect(nextRun(weekdays9, jst('2026-11-25T09:00:00'))?.toISOString()).toBe(jst('2026-11-26T09:00:00').toISOString());
    const ny = nextRun({ cron: '0 9 * * *', timezone: 'America/New_York' }, new Date('2026-11-25T00:00:00Z'));
    expect(ny?.toISOString()).toBe('2026-11-25T14:00:00.000Z');
  });
});

describe('validation refuses impossible schedules with a reason', () => {
  const now = jst('2026-11-25T10:00:00');
  const refused = (spec: Parameters<typeof validateSchedule>[0]) => {
    const r = validateSchedule(spec, now);
    if (r.ok) throw new Error(`accepted: ${JSON.stringify(spec)}`);
    return r.problem.code;
  };
  test.each([
    [{}, 'no_schedule'],
    [{ cron: '0 9 * * *', at: '2026-12-01T09:00' }, 'both_schedules'],
    [{ cron: '0 9 * *' }, 'cron_fields'],
    [{ cron: '0 0 9 * * *' }, 'cron_fields'],
    [{ cron: '61 9 * * *' }, 'bad_cron'],
    [{ cron: '0 0 30 2 *' }, 'bad_cron'],
    [{ cron: '*/5 * * * *' }, 'too_frequent'],
    [{ cron: '0,59 0,23 * * *' }, 'too_frequent'],
    [{ cron: '0 9 30 12 *', skipYearEnd: true }, 'never_runs'],
    [{ cron: '0 9 1 1 *', skipHolidays: true }, 'never_runs'],
    [{ cron: '0 9 * * *', timezone: 'Mars/Olympus' }, 'bad_timezone'],
    [{ at: 'tomorrow' }, 'bad_at'],
    [{ at: '2026-02-30T09:00' }, 'bad_at'],
    [{ at: '2026-11-25T09:59' }, 'at_in_past'],
    [{ at: '2040-01-01T09:00' }, 'at_too_far'],
    [{ at: '2027-01-01T09:00', skipHolidays: true }, 'at_skipped'],
  ] as const)('%j → %s', (spec, code) => {
    expect(refused(spec)).toBe(code);
  });

  test('a valid cron gives the next five runs; a local "at" is read in the reminder zone', () => {
    const c = validateSchedule({ cron: '30 8 * * 1', skipHolidays: true }, now);
    expect(c.ok && iso(c.runs)).toEqual(['2026年11月30日(月) 08:30', '2026年12月7日(月) 08:30', '2026年12月14日(月) 08:30', '2026年12月21日(月) 08:30', '2026年12月28日(月) 08:30']);
    const a = validateSchedule({ at: '2026-12-01 09:00' }, now);
    expect(a.ok && a.runs.map((d) => d.toISOString())).toEqual(['2026-12-01T00:00:00.000Z']);
    expect(parseInstant('2026-12-01T09:00:00Z', 'Asia/Tokyo')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('text variables', () => {
  test('{date} and {weekday} in Japanese in the reminder zone; broadcast mentions neutralised', () => {
    const text = renderReminderText('{date}({weekday})の勤怠入力をお願いします <!channel> @here', jst('2026-11-25T09:00:00'), 'Asia/Tokyo');
    expect(text).toContain('2026年11月25日(水曜日)の勤怠入力をお願いします');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toMatch(/@here\b/);
    // 2026-11-25 00:30 JST is still the 24th in UTC: the zone decides.
    expect(renderReminderText('{date}', new Date('2026-11-24T15:30:00Z'), 'Asia/Tokyo')).toBe('2026年11月25日');
  });
});

describe('time-zone arithmetic (luxon)', () => {
  test('wall-clock times in a zone, impossible dates and DST gaps', async () => {
    const { zonedParts, jstDateKey, isValidTimeZone, formatEn } = await import('../../src/reminders/time.js');
    expect(parseInstant('2026-12-01 09:00', 'Asia/Tokyo')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseInstant('2026-12-01T09:00:00+09:00', 'UTC')?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(parseInstant('2026-02-30 09:00', 'Asia/Tokyo')).toBeNull();
    expect(parseInstant('2026-13-01 09:00', 'Asia/Tokyo')).toBeNull();
    expect(parseInstant('2026-12-01 24:00', 'Asia/Tokyo')).toBeNull();
    // 02:30 does not exist in New York on 2026-03-08 (clocks jump from 02:00 to 03:00).
    expect(parseInstant('2026-03-08 02:30', 'America/New_York')).toBeNull();
    expect(parseInstant('2026-03-08 03:30', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedParts(new Date('2026-11-24T15:30:00Z'), 'Asia/Tokyo')).toEqual({ year: 2026, month: 11, day: 25, hour: 0, minute: 30, second: 0, weekday: 3 });
    expect(zonedParts(new Date('2026-11-29T15:00:00Z'), 'Asia/Tokyo').weekday).toBe(1);
    expect(zonedParts(new Date('2026-11-28T15:00:00Z'), 'Asia/Tokyo').weekday).toBe(0);
    expect(jstDateKey(new Date('2026-05-06T15:30:00Z'))).toBe('2026-05-07');
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(formatJa(new Date('2026-11-25T00:00:00Z'), 'Asia/Tokyo')).toBe('2026年11月25日(水) 09:00');
    expect(formatEn(new Date('2026-11-25T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-25 (Wed) 09:00');
  });
});
