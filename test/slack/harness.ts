import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ChatAdapter } from '../../adapters/adapter.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { loadSettings } from '../../src/config/settings.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import type { FeedbackRecorder } from '../../src/feedback/recorder.js';
import { type Logger, createLogger } from '../../src/logging/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { buildContext } from '../../src/server/context.js';
import type { Store } from '../../src/store/store.js';
import type { SlackApiStub } from '../support/slack-api-stub.js';
import { signSlackRequest } from '../support/slack-sign.js';

export const SECRET = 'test-secret';

export interface Harness {
  url: string;
  adapter: ChatAdapter;
  store: Store;
  feedback: FeedbackRecorder;
  /** POST a signed body to /slack/events. */
  post(body: string, opts?: { contentType?: string; ts?: number; secret?: string; headers?: Record<string, string> }): Promise<Response>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; headers?: Record<string, string> }): Promise<Response>;
  command(fields: Record<string, string>): Promise<Response>;
  action(payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/** An express 5 app with the Slack adapter mounted, listening on 127.0.0.1. */
export async function startHarness(opts: { bot: TeleworkBot; stub: SlackApiStub; store?: Store; env?: Record<string, string>; logger?: Logger }): Promise<Harness> {
  const store = opts.store ?? new MemoryStore();
  const ctx = buildContext({
    bot: opts.bot,
    store,
    logger: opts.logger ?? createLogger({ level: 'silent' }),
    settings: loadSettings({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: opts.stub.url, ...opts.env }),
  });
  const feedback = ctx.feedback;
  const adapter = await createSlackAdapter(ctx);
  const app = express();
  await adapter.mount(app);
  // Like the server: body parsers come after the adapters.
  app.use(express.json());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const post: Harness['post'] = (body, o = {}) =>
    fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': o.contentType ?? 'application/json',
        ...signSlackRequest(o.secret ?? SECRET, body, o.ts),
        ...o.headers,
      },
      body,
    });

  return {
    url,
    adapter,
    store,
    feedback,
    post,
    event: (event, o = {}) => post(JSON.stringify(envelope(event, o.eventId)), { headers: o.headers ?? {} }),
    command: (fields) =>
      post(new URLSearchParams({ token: 'x', team_id: 'T1', team_domain: 'stub', api_app_id: 'A1', trigger_id: 't', user_name: 'u', channel_name: 'general', ...fields }).toString(), {
        contentType: 'application/x-www-form-urlencoded',
      }),
    action: (payload) => post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { contentType: 'application/x-www-form-urlencoded' }),
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function envelope(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

let tsSeq = 0;
/** A fresh Slack message ts. */
export const newTs = (): string => `${1710000000 + (tsSeq += 1)}.000100`;

/** A block_actions payload for a button on a message in a channel thread. */
export function buttonPayload(opts: { actionId: string; answerId: string; user?: string; channel?: string; messageTs?: string; threadTs?: string; responseUrl: string; ephemeral?: boolean }): Record<string, unknown> {
  const channel = opts.channel ?? 'C1';
  const messageTs = opts.messageTs ?? newTs();
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'stub' },
    user: { id: opts.user ?? 'U1', username: 'u1', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trig',
    response_url: opts.responseUrl,
    channel: { id: channel, name: 'general' },
    container: opts.ephemeral
      ? { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: true }
      : { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false, ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}) },
    ...(opts.ephemeral ? {} : { message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', ts: messageTs, text: 'answer', ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}) } }),
    actions: [{ type: 'button', action_id: opts.actionId, block_id: 'tw_actions', value: opts.answerId, text: { type: 'plain_text', text: 'x' }, action_ts: '1' }],
  };
}

/** Every string anywhere in a value (to search payloads). */
export function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(allStrings);
  return [];
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
