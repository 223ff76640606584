import type { Lang } from '../../src/core/answer.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { EscalationPort } from '../../src/core/escalation.js';
import type { FeedbackRecorder } from '../../src/feedback/recorder.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Store } from '../../src/store/store.js';
import type { TeamsCloudAdapter } from './auth.js';
import type { ReferenceStore } from './references.js';

/** Everything the Teams turn logic needs; built once per adapter. */
export interface TeamsDeps {
  bot: TeleworkBot;
  store: Store;
  feedback: FeedbackRecorder;
  escalations: EscalationPort;
  logger: Logger;
  /** Language of texts that do not come with a Reply (help, errors). */
  lang: Lang;
  adapter: TeamsCloudAdapter;
  /** The bot's app id ('' when unauthenticated), for proactive sends. */
  appId: string;
  references: ReferenceStore;
  /** How long an answer may take inside the HTTP turn before it is delivered proactively instead. */
  answerBudgetMs: number;
  /** Keeps a piece of work alive until stop() has let it finish. */
  track<T>(work: Promise<T>): Promise<T>;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Store keys and lifetimes owned by the Teams adapter. */
export const KEYS = {
  /** Teams redelivers an activity when the bot is slow or fails; ids are unique per conversation. */
  activity: (conversationId: string, activityId: string) => ({ key: `teams:activity:${conversationId}:${activityId}`, ttlMs: 6 * HOUR_MS }),
  escalation: (answerId: string, userId: string) => ({ key: `teams:escalation:${answerId}:${userId}`, ttlMs: 30 * DAY_MS }),
  /** Conversation references live as long as the conversation: no expiry. */
  conversationRef: (conversationId: string) => `teams:ref:${conversationId}`,
  userRef: (userId: string) => `teams:ref:user:${userId}`,
};
