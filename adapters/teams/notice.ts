import { type Activity, ActivityTypes } from 'botbuilder';
import type { Reply } from '../../src/core/reply.js';
import { replyAttachment } from './card.js';
import { TEAMS_TEXTS, tx } from './texts.js';

/** A short plain-text message (help, thanks, errors, proactive notices): no Markdown is interpreted. */
export const noticeActivity = (text: string): Partial<Activity> => ({ type: ActivityTypes.Message, text, textFormat: 'plain' });

/** The answer as one Adaptive Card message. */
export const replyActivity = (reply: Reply): Partial<Activity> => ({
  type: ActivityTypes.Message,
  attachments: [replyAttachment(reply)],
  summary: tx(TEAMS_TEXTS.cardSummary, reply.lang),
});
