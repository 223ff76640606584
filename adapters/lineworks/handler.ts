import type { Lang } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Requester, Vote } from '../../src/feedback/recorder.js';
import { claimOnce } from '../../src/store/dedupe.js';
import { answerFromChat, isStatusQuery, parseAnswerCommand, statusText } from '../../src/tickets/chat.js';
import { TicketError } from '../../src/tickets/errors.js';
import { type RunningTickets, ticketsFor } from '../../src/tickets/registry.js';
import type { Destination } from './api.js';
import { KEYS, type LineWorksDeps } from './deps.js';
import { type CallbackEvent, type MessageEvent, type Origin, addressedText, commandTextFrom, originOf, questionFrom } from './events.js';
import { type Postback, decodePostback } from './postback.js';
import { lineworksRemind, remindArgs } from './remind.js';
import { renderConfirm, renderNotice, renderNotices, renderReply } from './render.js';
import { LINEWORKS_TEXTS, tx } from './texts.js';

/** The help is shown for these words (and for an empty message) instead of being asked. */
const HELP_WORDS = new Set(['ヘルプ', 'help', '使い方', '/help']);

const VOTES: Partial<Record<Postback['action'], Vote>> = {
  resolved: 'resolved',
  'feedback-helpful': 'helpful',
  'feedback-unhelpful': 'unhelpful',
};

/** Where replies to this event go: the room it came from, or the person's 1:1 chat with the bot. */
const placeOf = (o: Origin): Destination => (o.channelId !== undefined ? { channelId: o.channelId } : { userId: o.userId });

const requesterOf = (o: Origin): Requester => ({ platform: 'lineworks', userId: o.userId, ...(o.channelId !== undefined ? { channelId: o.channelId } : {}) });

/** One verified callback. Never throws: failures are logged and the person gets an apology. */
export async function handleEvent(deps: LineWorksDeps, ev: CallbackEvent): Promise<void> {
  if (ev.kind === 'other') return;
  if (ev.kind === 'join') {
    // Invited to a room: say what the bot does and how to address it there.
    const text = `${tx(LINEWORKS_TEXTS.welcome, deps.lang)}\n\n${tx(LINEWORKS_TEXTS.help, deps.lang)(deps.botName)}`;
    await deps.api.sendAll({ channelId: ev.channelId }, renderNotices(text)).catch((err: unknown) => deps.logger.warn({ err }, 'lineworks welcome not sent'));
    return;
  }
  const origin = originOf(ev.event);
  try {
    if (ev.kind === 'postback') {
      const pb = decodePostback(ev.event.data);
      if (pb !== null) await onPress(deps, origin, pb);
      return;
    }
    await onMessage(deps, origin, ev.event);
  } catch (err) {
    deps.logger.error({ err, kind: ev.kind, channelId: origin.channelId }, 'lineworks event failed');
    await deps.api.send(placeOf(origin), renderNotice(MESSAGES.error[deps.lang])).catch((e: unknown) => deps.logger.error({ err: e }, 'lineworks error notice failed'));
  }
}

async function onMessage(deps: LineWorksDeps, origin: Origin, e: MessageEvent): Promise<void> {
  // A button of ours (message action of the confirm step): the postback says which.
  const pb = decodePostback(e.content.postback);
  if (pb !== null) return onPress(deps, origin, pb);

  const inRoom = origin.channelId !== undefined;
  const raw = e.content.type === 'text' ? (e.content.text ?? '') : null;
  const text = raw === null ? null : inRoom ? addressedText(raw, deps.botId, deps.botName) : raw;
  if (text === null) {
    // Stickers, images… in a 1:1 chat get the help; in rooms the bot stays quiet unless addressed.
    if (!inRoom) await say(deps, origin, tx(LINEWORKS_TEXTS.help, deps.lang)(deps.botName));
    return;
  }
  const question = questionFrom(text);
  if (question === '' || HELP_WORDS.has(question.toLowerCase())) return say(deps, origin, tx(LINEWORKS_TEXTS.help, deps.lang)(deps.botName));

  const tickets = ticketsFor(deps.store);
  // Someone's tickets are theirs alone: asked in a room, the list goes to their 1:1 chat.
  if (tickets !== undefined && isStatusQuery(question)) return tell(deps, origin.userId, await statusText(tickets.service, { platform: 'lineworks', userId: origin.userId }, deps.lang));
  if (tickets !== undefined && parseAnswerCommand(question) !== null) return say(deps, origin, await officeAnswer(deps, tickets, origin, commandTextFrom(text)));

  const args = remindArgs(question);
  if (args !== null) {
    const reply = await lineworksRemind(deps, origin, args);
    if (reply !== null) return say(deps, origin, reply);
  }

  const { answer, reply } = await deps.bot.reply(question);
  // Empty or over-long questions: the core explains; there is nothing to vote on.
  if (answer.error !== undefined) return say(deps, origin, answer.error);
  await deps.feedback.rememberAnswer(reply, requesterOf(origin));
  await deps.api.send(placeOf(origin), renderReply(reply));
}

const say = (deps: LineWorksDeps, origin: Origin, text: string): Promise<void> => deps.api.sendAll(placeOf(origin), renderNotices(text));

/** Notices about a press go to the person who pressed, in their 1:1 chat (a room sees none of them). */
const tell = (deps: LineWorksDeps, userId: string, text: string): Promise<void> => deps.api.sendAll({ userId }, renderNotices(text));

/**
 * A press of an answer button (quick reply) or of 送信する / やめる. Votes count once per person
 * and answer; 「担当窓口に問い合わせる」 shows the confirm step when tickets run (else it is
 * recorded once per person); 送信する creates one ticket per answer and person.
 */
async function onPress(deps: LineWorksDeps, origin: Origin, pb: Postback): Promise<void> {
  const lang: Lang = pb.lang;
  const answer = await deps.feedback.getAnswer(pb.answerId);
  if (answer === null) return tell(deps, origin.userId, MESSAGES.answerExpired[lang]);
  // The asker's own press keeps the room the question was asked in, so the office's answer goes back there.
  const asker = answer.requester;
  const who: Requester = asker.platform === 'lineworks' && asker.userId === origin.userId ? asker : requesterOf(origin);

  const vote = VOTES[pb.action];
  if (vote !== undefined) {
    const first = await deps.feedback.recordVote(pb.answerId, vote, who);
    return tell(deps, origin.userId, !first ? MESSAGES.alreadyRecorded[lang] : vote === 'resolved' ? MESSAGES.resolvedThanks[lang] : MESSAGES.feedbackThanks[lang]);
  }
  const tickets = ticketsFor(deps.store);
  switch (pb.action) {
    case 'escalate':
      return tickets !== undefined ? confirm(deps, tickets, origin.userId, pb) : recordEscalation(deps, who, pb);
    case 'ticket-send':
      return sendTicket(deps, tickets, who, pb);
    case 'ticket-cancel':
      return tell(deps, origin.userId, MESSAGES.tickets.cancelled[lang]);
    default:
      return;
  }
}

/** The confirm step, to the presser only: exactly what 送信する would send, and to which office. */
async function confirm(deps: LineWorksDeps, tickets: RunningTickets, userId: string, pb: Postback): Promise<void> {
  const preview = await tickets.escalations.preview(pb.answerId);
  if (preview === null) return tell(deps, userId, MESSAGES.answerExpired[pb.lang]);
  await deps.api.sendAll({ userId }, renderConfirm(preview, pb.answerId, pb.lang));
}

/** 送信する: the ticket, idempotent on `lineworks:<answerId>:<userId>`, so pressing twice makes one. */
async function sendTicket(deps: LineWorksDeps, tickets: RunningTickets | undefined, who: Requester, pb: Postback): Promise<void> {
  const lang = pb.lang;
  if (tickets === undefined) return tell(deps, who.userId, MESSAGES.error[lang]);
  // Through the context's port (the tickets' own once tickets run), so whatever wraps it (limits) applies.
  const result = await deps.escalations.request(pb.answerId, who, { idempotencyKey: `lineworks:${pb.answerId}:${who.userId}` });
  if (result === null || result.ticketId === undefined) return tell(deps, who.userId, MESSAGES.answerExpired[lang]);
  const office = result.route === null ? null : (deps.bot.office(result.route) ?? null);
  const text = result.created === false ? MESSAGES.tickets.alreadyCreated[lang](result.ticketId) : MESSAGES.tickets.created[lang](result.ticketId, office?.shortName ?? '');
  await tell(deps, who.userId, text);
}

/** Without tickets: the request is recorded once per person (ctx.escalations), and the person told. */
async function recordEscalation(deps: LineWorksDeps, who: Requester, pb: Postback): Promise<void> {
  const lang = pb.lang;
  const once = KEYS.escalation(pb.answerId, who.userId);
  if (!(await claimOnce(deps.store, once.key, once.ttlMs))) return tell(deps, who.userId, MESSAGES.alreadyRecorded[lang]);
  let result;
  try {
    result = await deps.escalations.request(pb.answerId, who, { idempotencyKey: `lineworks:${pb.answerId}:${who.userId}` });
  } catch (err) {
    // Let the person press again once whatever failed is back.
    await deps.store.del(`once:${once.key}`);
    throw err;
  }
  if (result === null) return tell(deps, who.userId, MESSAGES.answerExpired[lang]);
  const office = result.route === null ? null : (deps.bot.office(result.route) ?? null);
  await tell(deps, who.userId, MESSAGES.escalationRecorded[lang](office));
}

/**
 * `answer TW-… 本文` from the office's room (TICKET_ROUTES_JSON `lineworksChannel`): the answer goes
 * to the asker and the ticket closes. Anywhere else it is refused without saying whether the ticket exists.
 */
async function officeAnswer(deps: LineWorksDeps, tickets: RunningTickets, origin: Origin, text: string): Promise<string> {
  const lang = deps.lang;
  const cmd = parseAnswerCommand(text);
  if (cmd === null || 'error' in cmd) return tx(LINEWORKS_TEXTS.ticketAnswerUsage, lang);
  if (origin.channelId === undefined) return tx(LINEWORKS_TEXTS.ticketAnswerNotAllowed, lang)(cmd.id);
  try {
    const t = await answerFromChat(tickets.service, cmd, { platform: 'lineworks', channelId: origin.channelId, userId: origin.userId });
    return tx(LINEWORKS_TEXTS.ticketAnswerSent, lang)(t.id);
  } catch (e) {
    if (e instanceof TicketError && e.status === 403) {
      deps.logger.info({ ticketId: cmd.id, channelId: origin.channelId }, 'lineworks ticket answer refused: not the office room');
      return tx(LINEWORKS_TEXTS.ticketAnswerNotAllowed, lang)(cmd.id);
    }
    if (e instanceof TicketError) return tx(LINEWORKS_TEXTS.ticketAnswerFailed, lang)(e.message);
    throw e;
  }
}
