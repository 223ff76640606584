import { Router } from 'express';
import type { AdapterFactory, ChatAdapter } from '../adapter.js';
import { createBolt } from './app.js';
import type { SlackDeps } from './deps.js';
import { registerHandlers } from './handlers.js';
import { createSlackMessenger } from './messenger.js';
import { InFlight } from '../inflight.js';
import { fastEventAck } from './fast-ack.js';
import { slackRequestGuard } from './guard.js';
import { AnswerQueue } from './queue.js';

export { signSlackRequest, slackSignature } from './signing.js';

/** Answers start once no Slack request has arrived for this long (or after the queue's hold limit). */
const QUIET_MS = 20;
/** How long stop() waits for answers already being written. */
const DRAIN_MS = 10_000;

/**
 * The Slack adapter: Events API at POST /slack/events (or Socket Mode with SLACK_APP_TOKEN),
 * mentions, DMs, thread follow-ups, /telework, and the answer buttons.
 */
export const createSlackAdapter: AdapterFactory = async (ctx) => {
  const log = ctx.logger.child({ adapter: 'slack' });
  const { app, receiver, socket, identity } = createBolt(ctx.settings, log);

  const inflight = new InFlight();
  // Answers wait behind acknowledgements: a burst of events is acknowledged within Slack's 3 s.
  let unacknowledged = 0;
  let lastArrival = 0;
  // Busy while requests are being acknowledged, and for a moment after the last one arrived (a
  // burst comes in waves).
  const answers = new AnswerQueue(2, (err) => log.error({ err }, 'slack listener failed'), () => unacknowledged > 0 || Date.now() - lastArrival < QUIET_MS);
  let stopping = false;
  const deps: SlackDeps = {
    bot: ctx.bot,
    store: ctx.store,
    feedback: ctx.feedback,
    logger: log,
    lang: ctx.settings.BOT_LANG,
    escalate: (answerId, requester) => ctx.escalations.request(answerId, requester),
    track: (work) => inflight.track(work),
    later: (work) => void inflight.track(answers.push(work)),
  };
  registerHandlers(app, deps);
  ctx.messengers.register(createSlackMessenger(app.client));

  // Learn the bot's ids now so the first event is acknowledged without waiting for auth.test.
  const me = await identity.get(5000);
  log.info({ mode: socket ? 'socket' : 'http', botUserId: me.botUserId }, 'slack adapter ready');

  const adapter: ChatAdapter = {
    name: 'slack',
    mount(shared) {
      if (!receiver) return; // Socket Mode has no HTTP route.
      const router = Router();
      // While stopping, refuse new events so that Slack retries them on another instance.
      router.use('/slack/events', (_req, res, next) => {
        if (stopping) return void res.status(503).set('Retry-After', '5').end();
        // Counted until answered: answers wait while requests are being acknowledged.
        unacknowledged++;
        lastArrival = Date.now();
        let counted = true;
        const done = () => {
          if (counted) unacknowledged--;
          counted = false;
        };
        res.once('finish', done);
        res.once('close', done);
        next();
      });
      // Timestamps more than 5 minutes off (either way) and oversized bodies: refused unread.
      router.use('/slack/events', slackRequestGuard());
      // Signed events are acknowledged at once and processed behind other acknowledgements.
      router.use('/slack/events', fastEventAck({ signingSecret: ctx.settings.SLACK_SIGNING_SECRET!, app, later: deps.later }));
      router.use(receiver.router);
      shared.use(router);
    },
    async start() {
      if (socket) await app.start();
    },
    async stop() {
      stopping = true;
      // Socket Mode: close the socket first; replies in flight use the Web API, not the socket.
      if (socket) await app.stop();
      await inflight.drain(DRAIN_MS);
    },
  };
  return adapter;
};
