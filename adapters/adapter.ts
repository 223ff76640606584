import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Env } from '../src/config/settings.js';
import type { TeleworkBot } from '../src/core/bot.js';
import type { AuditLog } from '../src/audit/audit-log.js';
import type { EscalationPort } from '../src/core/escalation.js';
import type { Messengers } from '../src/core/messenger.js';
import type { FeedbackRecorder } from '../src/feedback/recorder.js';
import type { Store } from '../src/store/store.js';

/** What every adapter gets from the server. Adapters translate; the core decides. */
export interface AdapterContext {
  bot: TeleworkBot;
  store: Store;
  logger: Logger;
  settings: Env;
  feedback: FeedbackRecorder;
  /** Adapters register their proactive sender here (tickets' answers, reminders). */
  messengers: Messengers;
  /** What the escalation button does: recorded request by default, a ticket once tickets run. */
  escalations: EscalationPort;
  /** Append-only, redacted record of ticket and reminder events. */
  audit: AuditLog;
}

/** A chat platform plugged into the server (Hubot-style adapter as a plug-in). */
export interface ChatAdapter {
  readonly name: string;
  /** Mount HTTP routes on the shared app, before the server listens. */
  mount(app: Express): void | Promise<void>;
  /** Start transports that are not HTTP routes (e.g. Slack Socket Mode). */
  start?(): Promise<void>;
  /** Stop accepting work and let in-flight replies finish. */
  stop(): Promise<void>;
}

export type AdapterFactory = (ctx: AdapterContext) => Promise<ChatAdapter>;
