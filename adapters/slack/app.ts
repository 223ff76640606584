import { App, ExpressReceiver, type Logger as BoltLogger, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Env } from '../../src/config/settings.js';
import type { Logger } from '../../src/logging/logger.js';
import { boltLogger } from './bolt-logger.js';
import { MAX_BODY_BYTES } from './guard.js';

/** Slack's Web API client joins method names onto the base URL, so it must end with '/'. */
export function normalizeApiUrl(url: string | undefined): string | undefined {
  if (url === undefined || url.trim() === '') return undefined;
  const u = url.trim();
  return u.endsWith('/') ? u : `${u}/`;
}

export interface Identity {
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

/**
 * The bot's own ids from auth.test, fetched once and cached. A failure is retried on the next
 * call; waiting is capped so that an unreachable API never delays acknowledging an event.
 */
export class IdentityCache {
  private known: Identity | null = null;
  private pending: Promise<Identity> | null = null;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  async get(waitMs: number): Promise<Identity> {
    if (this.known) return this.known;
    this.pending ??= this.client.auth
      .test()
      .then((r) => {
        this.known = {
          ...(r.user_id ? { botUserId: r.user_id } : {}),
          ...(r.bot_id ? { botId: r.bot_id } : {}),
          ...(r.team_id ? { teamId: r.team_id } : {}),
        };
        return this.known;
      })
      .catch((err: unknown) => {
        this.log.warn({ err }, 'slack auth.test failed; will retry on the next event');
        return {};
      })
      .finally(() => {
        this.pending = null;
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Identity>((resolve) => {
      timer = setTimeout(() => resolve({}), waitMs);
      timer.unref();
    });
    try {
      return await Promise.race([this.pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export interface BoltSetup {
  app: App;
  /** Set in HTTP mode: its router serves POST /slack/events. */
  receiver: ExpressReceiver | null;
  socket: SocketModeReceiver | null;
  identity: IdentityCache;
}

/**
 * Bolt App with the receiver the settings ask for: Socket Mode when SLACK_APP_TOKEN is set,
 * otherwise the Events API over HTTP (signature verified by Bolt, acknowledged before answering).
 */
export function createBolt(settings: Env, log: Logger): BoltSetup {
  const token = settings.SLACK_BOT_TOKEN;
  if (token === undefined) throw new Error('SLACK_BOT_TOKEN is required for the Slack adapter');
  const logger: BoltLogger = boltLogger(log);
  const slackApiUrl = normalizeApiUrl(settings.SLACK_API_URL);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl !== undefined ? { slackApiUrl } : {}),
    // Fail within seconds rather than Slack's default of retrying for half an hour.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
  };
  const identity = new IdentityCache(new webApi.WebClient(token, { ...clientOptions, logger }), log);

  let receiver: ExpressReceiver | null = null;
  let socket: SocketModeReceiver | null = null;
  if (settings.SLACK_APP_TOKEN !== undefined) {
    socket = new SocketModeReceiver({
      appToken: settings.SLACK_APP_TOKEN,
      logger,
      installerOptions: { clientOptions },
    });
  } else {
    const signingSecret = settings.SLACK_SIGNING_SECRET;
    if (signingSecret === undefined) throw new Error('SLACK_SIGNING_SECRET is required for the Slack Events API');
    receiver = new ExpressReceiver({
      signingSecret,
      endpoints: '/slack/events',
      // Ack first, answer after: Slack wants a response within 3 seconds.
      processBeforeResponse: false,
      // A body larger than this is refused (413) while it is read, before it is parsed.
      bodyLimit: MAX_BODY_BYTES,
      logger,
    });
  }

  const app = new App({
    receiver: (receiver ?? socket)!,
    logger,
    clientOptions,
    ignoreSelf: true,
    convoStore: false,
    // One workspace, one bot token; the ids come from a cached auth.test.
    authorize: async () => ({ botToken: token, ...(await identity.get(1500)) }),
  });
  return { app, receiver, socket, identity };
}
