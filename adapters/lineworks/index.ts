import type { AdapterContext, AdapterFactory, ChatAdapter } from '../adapter.js';
import { chatDeps } from '../chat-deps.js';
import { InFlight } from '../inflight.js';
import { LineWorksApi } from './api.js';
import { lineworksConfig } from './config.js';
import type { LineWorksDeps } from './deps.js';
import { handleEvent } from './handler.js';
import type { RetryPolicy } from './http.js';
import { createLineWorksMessenger } from './messenger.js';
import { callbackRouter } from './route.js';
import { AccessTokenProvider } from './token.js';

export { lineworksSignature, verifyLineworksSignature } from './signature.js';

/** How long stop() waits for answers already being written. */
const DRAIN_MS = 10_000;

export interface LineWorksAdapterOptions {
  /** Retry policy of API and token calls (tests shorten the waits). */
  retry?: RetryPolicy;
}

export interface LineWorksAdapter extends ChatAdapter {
  /** The token cache (how many tokens were fetched: tests and logs). */
  readonly tokens: AccessTokenProvider;
  readonly api: LineWorksApi;
  /** Resolves once the work of every callback acknowledged so far has finished (or after the drain limit). */
  idle(): Promise<void>;
}

/**
 * The LINE WORKS adapter (Bot API 2.0): signed callbacks at POST /lineworks/callback, 1:1 chats
 * and rooms (when mentioned), answers as text with numbered sources and quick replies, the
 * escalation confirm step as a button template, and a Messenger for tickets and reminders.
 */
export async function createLineWorksAdapterWith(ctx: AdapterContext, opts: LineWorksAdapterOptions = {}): Promise<LineWorksAdapter> {
  const log = ctx.logger.child({ adapter: 'lineworks' });
  const cfg = lineworksConfig(ctx.settings);
  const tokens = new AccessTokenProvider({
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    serviceAccount: cfg.serviceAccount,
    privateKey: cfg.privateKey,
    authUrl: cfg.authUrl,
    ...(opts.retry ? { retry: opts.retry } : {}),
  });
  const api = new LineWorksApi({ apiUrl: cfg.apiUrl, botId: cfg.botId, tokens, ...(opts.retry ? { retry: opts.retry } : {}) });
  const inflight = new InFlight();
  let stopping = false;
  const deps: LineWorksDeps = {
    ...chatDeps(ctx, log, inflight),
    api,
    botId: cfg.botId,
    botName: cfg.botName,
  };
  ctx.messengers.register(createLineWorksMessenger(api));
  log.info({ botId: cfg.botId, apiUrl: cfg.apiUrl }, 'lineworks adapter ready');

  return {
    name: 'lineworks',
    tokens,
    api,
    idle: () => inflight.drain(DRAIN_MS),
    mount(app) {
      app.use(
        callbackRouter({
          botId: cfg.botId,
          botSecret: cfg.botSecret,
          store: ctx.store,
          logger: log,
          isStopping: () => stopping,
          handle: (event) => void deps.track(handleEvent(deps, event)),
        }),
      );
    },
    async stop() {
      stopping = true;
      await inflight.drain(DRAIN_MS);
    },
  };
}

/** Loaded by adapters/registry.ts when LINEWORKS_BOT_ID and LINEWORKS_BOT_SECRET are set. */
export const createLineWorksAdapter: AdapterFactory = (ctx) => createLineWorksAdapterWith(ctx);
