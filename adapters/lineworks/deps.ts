import { escalationKey, HOUR_MS, type ChatDeps } from '../chat-deps.js';
import type { LineWorksApi } from './api.js';

/** Everything the LINE WORKS event handling needs; built once per adapter. */
export interface LineWorksDeps extends ChatDeps {
  api: LineWorksApi;
  botId: string;
  botName: string;
}

/** Store keys and lifetimes owned by the LINE WORKS adapter. */
export const KEYS = {
  /** A callback delivered twice (or to two instances) is handled once: keyed by the digest of its signed body. */
  callback: (digest: string) => ({ key: `lineworks:callback:${digest}`, ttlMs: 6 * HOUR_MS }),
  escalation: (answerId: string, userId: string) => escalationKey('lineworks', answerId, userId),
};
