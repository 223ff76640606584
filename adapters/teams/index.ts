import { ActivityTypes } from 'botbuilder';
import { MESSAGES } from '../../src/core/messages.js';
import type { AdapterContext, AdapterFactory, ChatAdapter } from '../adapter.js';
import { TeamsCloudAdapter, teamsAuth } from './auth.js';
import type { TeamsDeps } from './deps.js';
import { createTurnLogic } from './handler.js';
import { createTeamsMessenger } from './messenger.js';
import { noticeActivity } from './notice.js';
import { ReferenceStore } from './references.js';
import { messagesRouter } from './route.js';
import { sanitizeMiddleware } from './sanitize.js';
import { chatDeps } from '../chat-deps.js';
import { InFlight } from '../inflight.js';

/** How long stop() waits for answers already being written. */
const DRAIN_MS = 10_000;
/** Teams gives a bot about 15 seconds per request; slower answers are sent proactively. */
const ANSWER_BUDGET_MS = 8_000;

export interface TeamsAdapterOptions {
  /** Override the in-turn answer budget (tests). */
  answerBudgetMs?: number;
}

/**
 * The Microsoft Teams adapter (Bot Framework SDK, botbuilder CloudAdapter) at POST /api/messages:
 * personal chats, @mentions in channels and group chats, Adaptive Card answers with buttons,
 * and a proactive Messenger. Every botbuilder-specific line lives in adapters/teams/.
 */
export async function createTeamsAdapterWith(ctx: AdapterContext, opts: TeamsAdapterOptions = {}): Promise<ChatAdapter> {
  const log = ctx.logger.child({ adapter: 'teams' });
  const { authentication, appId, authenticated } = teamsAuth(ctx.settings, log);
  const adapter = new TeamsCloudAdapter(authentication);
  adapter.use(sanitizeMiddleware);

  const inflight = new InFlight();
  let stopping = false;
  const deps: TeamsDeps = {
    ...chatDeps(ctx, log, inflight),
    adapter,
    appId,
    references: new ReferenceStore(ctx.store),
    answerBudgetMs: opts.answerBudgetMs ?? ANSWER_BUDGET_MS,
  };

  // Errors that escape the turn logic: logged (redacted by the logger), the person gets an apology.
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    if (context.activity.type !== ActivityTypes.Message) return;
    await context.sendActivity(noticeActivity(MESSAGES.error[deps.lang])).catch((err: unknown) => log.error({ err }, 'teams error notice failed'));
  };

  ctx.messengers.register(createTeamsMessenger(deps));
  const logic = createTurnLogic(deps);
  log.info({ authenticated, appType: ctx.settings.MICROSOFT_APP_TYPE ?? (authenticated ? 'MultiTenant' : null) }, 'teams adapter ready');

  return {
    name: 'teams',
    mount(app) {
      app.use(messagesRouter({ adapter, logic, logger: log, authenticated, isStopping: () => stopping }));
    },
    async stop() {
      stopping = true;
      await inflight.drain(DRAIN_MS);
    },
  };
}

/** Loaded by adapters/registry.ts when TEAMS_ENABLED=1. */
export const createTeamsAdapter: AdapterFactory = (ctx) => createTeamsAdapterWith(ctx);
