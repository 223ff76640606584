import type { Lang } from '../../src/core/answer.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { EscalationPort } from '../../src/core/escalation.js';
import type { FeedbackRecorder } from '../../src/feedback/recorder.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Store } from '../../src/store/store.js';
import type { LineWorksApi } from './api.js';

/** Everything the LINE WORKS event handling needs; built once per adapter. */
export interface LineWorksDeps {
  bot: TeleworkBot;
  store: Store;
  feedback: FeedbackRecorder;
  escalations: EscalationPort;
  logger: Logger;
  /** Language of texts that do not come with a Reply (help, errors). */
  lang: Lang;
  api: LineWorksApi;
  botId: string;
  botName: string;
  /** Keeps a piece of work alive until stop() has let it finish. */
  track<T>(work: Promise<T>): Promise<T>;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Store keys and lifetimes owned by the LINE WORKS adapter. */
export const KEYS = {
  /** A callback delivered twice (or to two instances) is handled once: keyed by the digest of its signed body. */
  callback: (digest: string) => ({ key: `lineworks:callback:${digest}`, ttlMs: 6 * HOUR_MS }),
  escalation: (answerId: string, userId: string) => ({ key: `lineworks:escalation:${answerId}:${userId}`, ttlMs: 30 * DAY_MS }),
};
