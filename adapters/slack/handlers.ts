import type { App } from '@slack/bolt';
import { MESSAGES } from '../../src/core/messages.js';
import { claimOnce, claimToAnswer } from '../../src/store/dedupe.js';
import { answerFromChat, isStatusQuery, parseAnswerCommand, statusText } from '../../src/tickets/chat.js';
import { TicketError } from '../../src/tickets/errors.js';
import { ticketsFor } from '../../src/tickets/registry.js';
import { registerActions } from './actions.js';
import { askAndRemember, questionFrom, requester } from './answer.js';
import { renderNotice, renderReply } from './blocks.js';
import { KEYS, type SlackDeps, type WebClient } from './deps.js';
import { type Place, type Respond, postMessages, respondEphemeral } from './post.js';
import { registerRemindViews, remindArgs, slackRemind } from './remind.js';
import { SLACK_TEXTS, tx } from './texts.js';

/** The fields of app_mention and message events that the adapter reads. */
interface IncomingMessage {
  type: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

/** Message subtypes that a person wrote; everything else (bot_message, message_changed, joins…) is ignored. */
const HUMAN_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

function fromPerson(e: IncomingMessage, botUserId: string | undefined): e is IncomingMessage & { user: string } {
  if (e.bot_id !== undefined || e.user === undefined) return false;
  if (botUserId !== undefined && e.user === botUserId) return false;
  return e.subtype === undefined || HUMAN_SUBTYPES.has(e.subtype);
}

export function registerHandlers(app: App, deps: SlackDeps): void {
  // Mentions in channels: answer in the thread of the question.
  app.event('app_mention', async ({ event, body, client, context }) => {
    const e = event as unknown as IncomingMessage;
    if (!fromPerson(e, context.botUserId)) return;
    deps.later(() => answerEvent(deps, client, body.event_id, e, { channel: e.channel, threadTs: e.thread_ts ?? e.ts }));
  });

  // Direct messages, and follow-ups in threads the bot already answered in.
  app.event('message', async ({ event, body, client, context }) => {
    const e = event as unknown as IncomingMessage;
    if (!fromPerson(e, context.botUserId)) return;
    if (e.channel_type === 'im') {
      deps.later(() => answerEvent(deps, client, body.event_id, e, { channel: e.channel, threadTs: e.thread_ts }));
      return;
    }
    if (e.thread_ts === undefined || e.thread_ts === e.ts) return;
    // A mention is answered by the app_mention listener (the message claim below also guards the race).
    if (context.botUserId !== undefined && e.text?.includes(`<@${context.botUserId}>`)) return;
    const tracked = await deps.store.get(KEYS.thread(e.channel, e.thread_ts).key);
    if (tracked === null) return;
    deps.later(() => answerEvent(deps, client, body.event_id, e, { channel: e.channel, threadTs: e.thread_ts }));
  });

  // /telework <質問>: acknowledged at once, answered ephemerally through response_url.
  app.command(/.*/, async ({ command, ack, respond, client }) => {
    await ack();
    // /telework remind …: HR reminders (allowlisted), handled in remind.ts.
    if (remindArgs(command.text) !== null) return void (await deps.track(slackRemind(deps, client, command, respond as Respond)));
    await deps.track(answerCommand(deps, command.text, command.user_id, command.channel_id, respond as Respond));
  });

  registerActions(app, deps);
  registerRemindViews(app, deps);

  // Errors that escape a listener are logged; Bolt's default would rethrow them.
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack listener failed');
  });
}

/** Answers one event once, across retries and across instances sharing the store. */
async function answerEvent(deps: SlackDeps, client: WebClient, eventId: string | undefined, e: IncomingMessage & { user: string }, place: Place): Promise<void> {
  const isDm = e.channel_type === 'im';
  try {
    // Every Events API delivery has an event_id; without one only the message claim applies.
    // The store being away does not stop the answer (see claimToAnswer).
    const unavailable = (err: unknown): void => deps.logger.warn({ err, eventId }, 'slack dedupe skipped: the store cannot serve now; answering anyway');
    if (eventId) {
      const ev = KEYS.event(eventId);
      if (!(await claimToAnswer(() => claimOnce(deps.store, ev.key, ev.ttlMs), unavailable))) return;
    }
    const msg = KEYS.message(e.channel, e.ts);
    if (!(await claimToAnswer(() => claimOnce(deps.store, msg.key, msg.ttlMs), unavailable))) return;

    const question = questionFrom(e.text);
    if (question === '') {
      await postMessages(client, place, [renderNotice(tx(SLACK_TEXTS.help, deps.lang))]);
      return;
    }
    const tickets = ticketsFor(deps.store);
    if (tickets && isStatusQuery(question)) {
      await postMessages(client, place, [renderNotice(await statusText(tickets.service, { platform: 'slack', userId: e.user }, deps.lang))]);
      return;
    }
    const threadId = place.threadTs;
    const reply = await askAndRemember(deps, question, requester(e.user, e.channel, threadId));
    await postMessages(client, place, renderReply(reply));
    if (!isDm && place.threadTs !== undefined) {
      const t = KEYS.thread(place.channel, place.threadTs);
      // Answered already: a thread that cannot be remembered only loses follow-ups without a mention.
      await deps.store.set(t.key, '1', { ttlMs: t.ttlMs }).catch((err: unknown) => deps.logger.warn({ err, channel: e.channel }, 'slack thread not remembered: the store cannot serve now'));
    }
  } catch (err) {
    deps.logger.error({ err, channel: e.channel, eventId }, 'slack answer failed');
    await postMessages(client, place, [renderNotice(MESSAGES.error[deps.lang])]).catch((postErr: unknown) =>
      deps.logger.error({ err: postErr }, 'slack error notice failed'),
    );
  }
}

async function answerCommand(deps: SlackDeps, text: string, userId: string, channelId: string, respond: Respond): Promise<void> {
  try {
    const question = questionFrom(text);
    if (question === '') {
      await respondEphemeral(respond, [renderNotice(tx(SLACK_TEXTS.help, deps.lang))]);
      return;
    }
    const tickets = ticketsFor(deps.store);
    if (tickets && isStatusQuery(question)) {
      await respondEphemeral(respond, [renderNotice(await statusText(tickets.service, { platform: 'slack', userId }, deps.lang))]);
      return;
    }
    const officeAnswer = tickets ? parseAnswerCommand(question) : null;
    if (tickets && officeAnswer !== null) {
      await respondEphemeral(respond, [renderNotice(await answerTicket(deps, officeAnswer, userId, channelId))]);
      return;
    }
    const reply = await askAndRemember(deps, question, requester(userId, channelId));
    await respondEphemeral(respond, renderReply(reply, { echoQuestion: true, shareButton: true }));
  } catch (err) {
    deps.logger.error({ err, channel: channelId }, 'slack command failed');
    await respondEphemeral(respond, [renderNotice(MESSAGES.error[deps.lang])]).catch((postErr: unknown) =>
      deps.logger.error({ err: postErr }, 'slack error notice failed'),
    );
  }
}

/** `/telework answer TW-… 本文` in the office's channel: the answer goes back to the asker and the ticket closes. */
async function answerTicket(deps: SlackDeps, cmd: ReturnType<typeof parseAnswerCommand>, userId: string, channelId: string): Promise<string> {
  const lang = deps.lang;
  if (cmd === null || 'error' in cmd) return tx(SLACK_TEXTS.ticketAnswerUsage, lang);
  try {
    const t = await answerFromChat(ticketsFor(deps.store)!.service, cmd, { platform: 'slack', channelId, userId });
    return tx(SLACK_TEXTS.ticketAnswerSent, lang)(t.id);
  } catch (e) {
    if (e instanceof TicketError && e.status === 403) return tx(SLACK_TEXTS.ticketAnswerNotAllowed, lang)(cmd.id);
    if (e instanceof TicketError) return tx(SLACK_TEXTS.ticketAnswerFailed, lang)(e.message);
    throw e;
  }
}
