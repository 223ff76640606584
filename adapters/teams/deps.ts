import { escalationKey, HOUR_MS, type ChatDeps } from '../chat-deps.js';
import type { TeamsCloudAdapter } from './auth.js';
import type { ReferenceStore } from './references.js';

/** Everything the Teams turn logic needs; built once per adapter. */
export interface TeamsDeps extends ChatDeps {
  adapter: TeamsCloudAdapter;
  /** The bot's app id ('' when unauthenticated), for proactive sends. */
  appId: string;
  references: ReferenceStore;
  /** How long an answer may take inside the HTTP turn before it is delivered proactively instead. */
  answerBudgetMs: number;
}

/** Store keys and lifetimes owned by the Teams adapter. */
export const KEYS = {
  /** Teams redelivers an activity when the bot is slow or fails; ids are unique per conversation. */
  activity: (conversationId: string, activityId: string) => ({ key: `teams:activity:${conversationId}:${activityId}`, ttlMs: 6 * HOUR_MS }),
  escalation: (answerId: string, userId: string) => escalationKey('teams', answerId, userId),
  /** Conversation references live as long as the conversation: no expiry. */
  conversationRef: (conversationId: string) => `teams:ref:${conversationId}`,
  userRef: (userId: string) => `teams:ref:user:${userId}`,
};
