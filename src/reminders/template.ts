import { neutralizeBroadcastMentions } from '../safety/mentions.js';
import { jaWeekday, zonedParts } from './time.js';

/** Variables a reminder's text may use; anything else in braces is left as written. */
export const TEMPLATE_VARIABLES = ['{date}', '{weekday}'] as const;

/**
 * The text as sent for a run at `runAt`: {date} → 2026年11月25日, {weekday} → 水曜日, in the
 * reminder's zone, and broadcast mentions neutralised (again, in case the stored text predates a rule).
 */
export function renderReminderText(text: string, runAt: Date, timeZone: string): string {
  const p = zonedParts(runAt, timeZone);
  const filled = text.replace(/\{date\}/g, `${p.year}年${p.month}月${p.day}日`).replace(/\{weekday\}/g, jaWeekday(p.weekday));
  return neutralizeBroadcastMentions(filled);
}
