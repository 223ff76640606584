import { type Activity, ActivityTypes } from 'botbuilder';
import type { Reply } from '../../src/core/reply.js';
import { MAX_TEXT_CHARS, replyAttachment } from './card.js';
import { TEAMS_TEXTS, tx } from './texts.js';

/**
 * Characters Teams' Markdown subset acts on, escaped so that text shows as written: emphasis,
 * code, links, inline HTML, strike-through; and at a line start headings, lists and quotes.
 */
export function escapeTeamsMarkdown(line: string): string {
  // An underscore inside a word (rem_abc, TW ids) starts no emphasis and is left as it is, for copying.
  return line
    .replace(/[\\`*[\]<>~|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&')
    .replace(/^(\s*)(#+|[-+])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3');
}

/**
 * A short text message (help, thanks, status lists, confirmations, proactive notices). Teams joins
 * the lines of a plain-text message into one, so it is sent as Markdown with every line its own
 * paragraph (a blank line between), and everything Markdown would act on escaped.
 */
export const noticeActivity = (text: string): Partial<Activity> => ({
  type: ActivityTypes.Message,
  text: text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(escapeTeamsMarkdown)
    .join('\n\n'),
  textFormat: 'markdown',
});

/**
 * Teams refuses a message over its size limit (413 MessageSizeTooBig). Microsoft documents 40 KB
 * counted in UTF-16; 28 KB has been seen refused. The guard counts the serialised activity in
 * UTF-8 and in UTF-16 and keeps the larger under 28 KB (Japanese is 3 bytes a character in UTF-8).
 */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

export function activityBytes(activity: Partial<Activity>): number {
  const json = JSON.stringify(activity);
  return Math.max(Buffer.byteLength(json, 'utf8'), json.length * 2);
}

/** The answer as one Adaptive Card message, its text cut (with …) until the activity fits. */
export function replyActivity(reply: Reply): Partial<Activity> {
  const build = (maxChars: number): Partial<Activity> => ({
    type: ActivityTypes.Message,
    attachments: [replyAttachment(reply, maxChars)],
    summary: tx(TEAMS_TEXTS.cardSummary, reply.lang),
  });
  let maxChars = MAX_TEXT_CHARS;
  let activity = build(maxChars);
  for (let size = activityBytes(activity); size > MAX_ACTIVITY_BYTES && maxChars > 100; size = activityBytes(activity)) {
    // Shrink in proportion to the excess (with a margin), so that a few rounds at most are needed.
    maxChars = Math.max(100, Math.floor(maxChars * (MAX_ACTIVITY_BYTES / size) * 0.95));
    activity = build(maxChars);
  }
  return activity;
}
