import type { webApi } from '@slack/bolt';
import type { Lang } from '../../src/core/answer.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { FeedbackRecorder, Requester } from '../../src/feedback/recorder.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Store } from '../../src/store/store.js';

export type WebClient = webApi.WebClient;

/** What happens when someone presses 「担当窓口に問い合わせる」: today a recorded request, later a ticket. */
export type EscalationSink = (answerId: string, requester: Requester) => Promise<{ route: string | null } | null>;

/** Everything the Slack handlers need; built once per adapter. */
export interface SlackDeps {
  bot: TeleworkBot;
  store: Store;
  feedback: FeedbackRecorder;
  logger: Logger;
  /** Language of texts that do not come with a Reply (help, errors). */
  lang: Lang;
  escalate: EscalationSink;
  /** Keeps a piece of work alive until stop() has let it finish. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Runs an event's answer after the acknowledgements waiting in line (tracked for stop()). */
  later(work: () => Promise<void>): void;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Store keys and lifetimes owned by the Slack adapter. */
export const KEYS = {
  /** Slack retries an event up to three times within about an hour. */
  event: (eventId: string) => ({ key: `slack:event:${eventId}`, ttlMs: HOUR_MS }),
  /** The same message can arrive as app_mention and as message.channels (two event ids). */
  message: (channel: string, ts: string) => ({ key: `slack:msg:${channel}:${ts}`, ttlMs: HOUR_MS }),
  /** Threads the bot answered in; follow-ups there are answered without a mention. */
  thread: (channel: string, threadTs: string) => ({ key: `slack:thread:${channel}:${threadTs}`, ttlMs: 7 * DAY_MS }),
  /** The rendered Reply, for 「チャンネルに投稿」 and for the language of later notices. */
  reply: (answerId: string) => ({ key: `slack:reply:${answerId}`, ttlMs: 7 * DAY_MS }),
  shared: (answerId: string) => ({ key: `slack:shared:${answerId}`, ttlMs: 7 * DAY_MS }),
  escalation: (answerId: string, userId: string) => ({ key: `slack:escalation:${answerId}:${userId}`, ttlMs: 30 * DAY_MS }),
};
