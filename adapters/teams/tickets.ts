import { decodeHTML } from 'entities';
import { type Activity, ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Lang } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import { stripUserMentions } from '../../src/safety/mentions.js';
import { answerFromChat, commandText, isStatusQuery, parseAnswerCommand, statusText } from '../../src/tickets/chat.js';
import { TicketError } from '../../src/tickets/errors.js';
import { type RunningTickets, ticketsFor } from '../../src/tickets/registry.js';
import type { Submit } from './actions.js';
import { requesterOf, userKey } from './activity.js';
import { CARD_VERSION, safeCardText } from './card.js';
import type { TeamsDeps } from './deps.js';
import { noticeActivity } from './notice.js';
import { baseConversationId } from './references.js';
import { sanitizeOutgoing } from './sanitize.js';
import { TEAMS_TEXTS, tx } from './texts.js';

/**
 * Tickets on Teams (when the tickets service runs on the adapter's store), as on Slack:
 * the confirm step of 「担当窓口に問い合わせる」 (送信する / やめる), 「問い合わせ状況」 for the
 * asker, and `answer TW-… 本文` for the office in its own conversation (TICKET_ROUTES_JSON
 * `teamsConversation`).
 */

/** The data of the confirm card's Action.Submit buttons. */
export interface TicketSubmitData {
  action: 'ticket-send' | 'ticket-cancel';
  answerId: string;
  lang: Lang;
}

const TicketSubmitSchema = z.looseObject({
  action: z.enum(['ticket-send', 'ticket-cancel']),
  answerId: z.string().min(1).max(128),
  lang: z.enum(['ja', 'en']).optional(),
});
export type TicketSubmit = Omit<TicketSubmitData, 'lang'> & { lang?: Lang | undefined };

const AdaptiveCardInvokeSchema = z.looseObject({ action: z.looseObject({ data: z.unknown().optional() }) });

export function parseTicketSubmit(value: unknown): TicketSubmit | null {
  const parsed = TicketSubmitSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseInvokeTicketSubmit(value: unknown): TicketSubmit | null {
  const parsed = AdaptiveCardInvokeSchema.safeParse(value);
  return parsed.success ? parseTicketSubmit(parsed.data.action.data) : null;
}

/** The tickets service on this adapter's store, or undefined when tickets do not run. */
export const runningTickets = (deps: Pick<TeamsDeps, 'store'>): RunningTickets | undefined => ticketsFor(deps.store);

type CardElement = Record<string, unknown>;

/**
 * The question exactly as it will be sent: a RichTextBlock of TextRuns, which Teams shows as
 * written (no Markdown), one per line.
 */
const verbatim = (text: string): CardElement[] =>
  text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .map((line) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: line }] }));

/** The confirm card: what will be sent (the redacted question) and to whom, with 送信する / やめる. */
export function confirmCard(preview: { question: string; officeName: string }, answerId: string, lang: Lang): CardElement {
  const t = MESSAGES.tickets;
  const send: TicketSubmitData = { action: 'ticket-send', answerId, lang };
  const cancel: TicketSubmitData = { action: 'ticket-cancel', answerId, lang };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body: [
      { type: 'TextBlock', text: safeCardText(t.confirm[lang](preview.officeName)), wrap: true },
      { type: 'Container', style: 'emphasis', items: verbatim(preview.question) },
    ],
    actions: [
      { type: 'Action.Submit', title: t.send[lang], style: 'positive', data: send },
      { type: 'Action.Submit', title: t.cancel[lang], data: cancel },
    ],
    msteams: { width: 'Full' },
  };
}

/** The same card once decided: what was sent (or nothing), the outcome, and no buttons. */
function decidedCard(outcome: string, sent: { question: string; officeName: string } | null, lang: Lang): CardElement {
  const body: CardElement[] = [];
  if (sent !== null) {
    body.push({ type: 'TextBlock', text: safeCardText(tx(TEAMS_TEXTS.ticketSentTo, lang)(sent.officeName)), wrap: true });
    body.push({ type: 'Container', style: 'emphasis', items: verbatim(sent.question) });
  }
  body.push({ type: 'TextBlock', text: safeCardText(outcome), wrap: true, weight: 'Bolder' });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, msteams: { width: 'Full' } };
}

const cardActivity = (card: CardElement, summary: string): Partial<Activity> => ({
  type: ActivityTypes.Message,
  attachments: [CardFactory.adaptiveCard(card)],
  summary,
});

/**
 * 「担当窓口に問い合わせる」 with tickets running: nothing is sent yet; the reply is the confirm
 * card (or a notice when the answer has expired or something failed). Never throws.
 */
export async function confirmActivity(deps: TeamsDeps, submit: Pick<Submit, 'answerId' | 'lang'>): Promise<Partial<Activity>> {
  const lang: Lang = submit.lang ?? deps.lang;
  try {
    const tickets = runningTickets(deps);
    const preview = tickets === undefined ? null : await tickets.escalations.preview(submit.answerId);
    if (preview === null) return noticeActivity(MESSAGES.answerExpired[lang]);
    return cardActivity(confirmCard(preview, submit.answerId, lang), MESSAGES.tickets.confirm[lang](preview.officeName));
  } catch (err) {
    deps.logger.error({ err }, 'teams ticket confirm failed');
    return noticeActivity(MESSAGES.error[lang]);
  }
}

/** What a press of 送信する / やめる did: the notice, and the card that replaces the confirm card. */
export interface TicketOutcome {
  text: string;
  card: CardElement | null;
}

/**
 * 送信する: creates the ticket, idempotent on `teams:<answerId>:<userId>` (the Slack pattern), so
 * pressing twice makes one ticket. やめる: nothing is sent. Never throws.
 */
export async function handleTicketSubmit(deps: TeamsDeps, activity: Activity, submit: TicketSubmit): Promise<TicketOutcome> {
  const lang: Lang = submit.lang ?? deps.lang;
  try {
    if (submit.action === 'ticket-cancel') {
      const text = MESSAGES.tickets.cancelled[lang];
      return { text, card: decidedCard(text, null, lang) };
    }
    const tickets = runningTickets(deps);
    if (tickets === undefined) return { text: MESSAGES.error[lang], card: null };
    const who = requesterOf(activity);
    // The tickets service's own escalations (what ctx.escalations is once tickets run).
    const result = await tickets.escalations.request(submit.answerId, who, { idempotencyKey: `teams:${submit.answerId}:${who.userId}` });
    if (result === null || result.ticketId === undefined) return { text: MESSAGES.answerExpired[lang], card: null };
    const office = result.route === null ? null : (deps.bot.office(result.route) ?? null);
    const text = result.created === false ? MESSAGES.tickets.alreadyCreated[lang](result.ticketId) : MESSAGES.tickets.created[lang](result.ticketId, office?.shortName ?? '');
    const ticket = await tickets.service.get(result.ticketId);
    return { text, card: decidedCard(text, ticket === null ? null : { question: ticket.question, officeName: ticket.officeName }, lang) };
  } catch (err) {
    deps.logger.error({ err, action: submit.action }, 'teams ticket action failed');
    return { text: MESSAGES.error[lang], card: null };
  }
}

/**
 * Replaces the pressed confirm card (the message an Action.Submit replies to) so that its buttons
 * cannot be pressed again by mistake. Best effort: the notice has been sent either way.
 */
export async function retireConfirmCard(deps: TeamsDeps, context: TurnContext, outcome: TicketOutcome): Promise<void> {
  const id = context.activity.replyToId;
  if (id === undefined || id === '' || outcome.card === null) return;
  const update: Partial<Activity> = { ...cardActivity(outcome.card, outcome.text), id };
  // updateActivity does not pass the send middleware: filter here.
  sanitizeOutgoing(update);
  await context.updateActivity(update).catch((err: unknown) => deps.logger.warn({ err }, 'teams confirm card not replaced'));
}

/**
 * A command's text with line breaks kept (the office's answer may have paragraphs): mentions and
 * formatting tags go, block tags become line breaks, entities are decoded last.
 */
export function commandTextFrom(text: string | undefined): string {
  // Entities (named and numeric, by the entities package) are decoded once, after the tags are gone.
  const plain = decodeHTML(
    stripUserMentions(text ?? '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/(?:p|div|li|blockquote|h[1-6]|pre)>/gi, '\n')
      .replace(/<\/?(?:p|div|pre|ul|ol|li|blockquote|h[1-6]|span|b|strong|i|em|u|s|strike|code)(?:\s[^>]*)?\/?>/gi, ''),
  );
  return commandText(plain);
}

/**
 * A message addressed to the bot that is a ticket command: 「問い合わせ状況」 or the office's
 * `answer TW-… 本文`. Returns the notice to reply with, or null when it is not one (or tickets do
 * not run), so the message is answered as a question.
 */
export async function ticketCommand(deps: TeamsDeps, activity: Activity, question: string): Promise<string | null> {
  const tickets = runningTickets(deps);
  if (tickets === undefined) return null;
  if (isStatusQuery(question)) return statusText(tickets.service, { platform: 'teams', userId: userKey(activity) }, deps.lang);
  // Parsed again with line breaks kept: `question` has them collapsed.
  const cmd = parseAnswerCommand(question) === null ? null : parseAnswerCommand(commandTextFrom(activity.text));
  if (cmd === null) return null;
  return officeAnswer(deps, tickets, activity, cmd);
}

/**
 * `answer TW-… 本文` from the office's configured Teams conversation: the answer goes to the asker
 * (proactively, through the Teams messenger) and the ticket closes. A thread of the office's
 * channel counts as the channel.
 */
async function officeAnswer(deps: TeamsDeps, tickets: RunningTickets, activity: Activity, cmd: NonNullable<ReturnType<typeof parseAnswerCommand>>): Promise<string> {
  const lang = deps.lang;
  if ('error' in cmd) return tx(TEAMS_TEXTS.ticketAnswerUsage, lang);
  const conversation = activity.conversation.id;
  let channelId = conversation;
  const ticket = await tickets.service.get(cmd.id);
  if (ticket !== null) {
    const base = baseConversationId(conversation);
    if (base !== conversation && tickets.service.officeConversation(ticket.route, 'teams') === base) channelId = base;
  }
  try {
    const t = await answerFromChat(tickets.service, cmd, { platform: 'teams', channelId, userId: userKey(activity) });
    return tx(TEAMS_TEXTS.ticketAnswerSent, lang)(t.id);
  } catch (e) {
    if (e instanceof TicketError && e.status === 403) {
      deps.logger.info({ ticketId: cmd.id, conversationId: conversation }, 'teams ticket answer refused: not the office conversation');
      return tx(TEAMS_TEXTS.ticketAnswerNotAllowed, lang)(cmd.id);
    }
    if (e instanceof TicketError) return tx(TEAMS_TEXTS.ticketAnswerFailed, lang)(e.message);
    throw e;
  }
}
