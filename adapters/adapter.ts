import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Env } from '../src/config/settings.js';
import type { TeleworkBot } from '../src/core/bot.js';
import type { FeedbackRecorder } from '../src/feedback/recorder.js';
import type { Store } from '../src/store/store.js';

/** What every adapter gets from the server. Adapters translate; the core decides. */
export interface AdapterContext {
  bot: TeleworkBot;
  store: Store;
  logger: Logger;
  settings: Env;
  feedback: FeedbackRecorder;
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
