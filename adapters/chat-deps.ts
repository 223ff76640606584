import type { Lang } from '../src/core/answer.js';
import type { TeleworkBot } from '../src/core/bot.js';
import type { EscalationPort } from '../src/core/escalation.js';
import type { FeedbackRecorder } from '../src/feedback/recorder.js';
import type { Logger } from '../src/logging/logger.js';
import type { Store } from '../src/store/store.js';
import type { AdapterContext } from './adapter.js';
import type { InFlight } from './inflight.js';

/** What every chat adapter's event handling needs from the core; each adapter adds its platform's parts. */
export interface ChatDeps {
  bot: TeleworkBot;
  store: Store;
  feedback: FeedbackRecorder;
  escalations: EscalationPort;
  logger: Logger;
  /** Language of texts that do not come with a Reply (help, errors). */
  lang: Lang;
  /** Keeps a piece of work alive until stop() has let it finish. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** The platform-neutral part of an adapter's deps, from the server's context. */
export function chatDeps(ctx: AdapterContext, logger: Logger, inflight: InFlight): ChatDeps {
  return {
    bot: ctx.bot,
    store: ctx.store,
    feedback: ctx.feedback,
    escalations: ctx.escalations,
    logger,
    lang: ctx.settings.BOT_LANG,
    track: (work) => inflight.track(work),
  };
}

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** One escalation per answer and person on a platform (a second press is told it was sent already). */
export const escalationKey = (platform: string, answerId: string, userId: string) => ({
  key: `${platform}:escalation:${answerId}:${userId}`,
  ttlMs: 30 * DAY_MS,
});
