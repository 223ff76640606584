import { type Activity, ActivityTypes, CardFactory } from 'botbuilder';
import { z } from 'zod';
import type { ChatUser } from '../../src/reminders/authorization.js';
import { type RemindDeps, handleRemindCommand, parseRemindCommand } from '../../src/reminders/command.js';
import { REMIND_CARD_ACTION, remindAdaptiveCard, remindValuesFromCard, submitRemindForm } from '../../src/reminders/form.js';
import { type RemindersHandle, remindersFor } from '../../src/reminders/start.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import type { TeamsDeps } from './deps.js';
import { noticeActivity } from './notice.js';
import { TEAMS_TEXTS, tx } from './texts.js';

/** "remind …" (the rest after the word), or null for any other message. */
export function remindArgs(question: string): string | null {
  const m = /^\s*remind(?:\s+([\s\S]*))?$/i.exec(question);
  return m ? (m[1] ?? '').trim() : null;
}

/** Words (besides the reminders module's `new` / `form` / nothing) that open the form. */
const FORM_WORDS = new Set(['作成']);

/** `remind`, `remind new`, `remind form` or `remind 作成`: the HR person wants the Adaptive Card form. */
export function wantsRemindForm(args: string): boolean {
  const first = args.trim().split(/\s+/)[0] ?? '';
  return FORM_WORDS.has(first) || parseRemindCommand(args).kind === 'form';
}

/**
 * Who is asking, as the reminders module sees them: the first of the Entra object id and the
 * Teams user id that HR_TEAMS_USER_IDS allows, or (not allowed) the Entra object id when there
 * is one, so refusals are audited under the same id as everything else Teams records.
 */
async function actorOf(h: RemindersHandle, activity: Activity): Promise<{ actor: ChatUser; allowed: boolean }> {
  const ids = [...new Set([activity.from.aadObjectId, activity.from.id].filter((x): x is string => typeof x === 'string' && x !== ''))];
  for (const userId of ids) {
    const actor: ChatUser = { platform: 'teams', userId };
    if (await h.authorizer.isAllowed(actor)) return { actor, allowed: true };
  }
  return { actor: { platform: 'teams', userId: ids[0] ?? '' }, allowed: false };
}

const remindDeps = (deps: TeamsDeps, h: RemindersHandle): RemindDeps => ({ service: h.service, authorizer: h.authorizer, lang: deps.lang, logger: deps.logger });

/** The reminder form as one Adaptive Card message; its submit comes back with `tw: 'remind.create'`. */
export function remindFormActivity(deps: TeamsDeps, conversationId: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(remindAdaptiveCard(deps.lang, conversationId))],
    summary: tx(TEAMS_TEXTS.remindCardSummary, deps.lang),
  };
}

/**
 * `remind …` typed to the bot (HR reminders, allowlisted by HR_TEAMS_USER_IDS, which may list
 * Entra object ids or Teams user ids). Returns the reply (the form card or a text), or null when
 * the message is not for the reminders: someone who may not manage reminders and typed no valid
 * subcommand ("remind me what the rules are") is asking a question.
 */
export async function teamsRemind(deps: TeamsDeps, activity: Activity, args: string): Promise<Partial<Activity> | null> {
  const lang = deps.lang;
  const forForm = wantsRemindForm(args);
  const h = remindersFor(deps.store);
  if (h === undefined) {
    if (!forForm && parseRemindCommand(args).kind === 'invalid') return null;
    return noticeActivity(tx(TEAMS_TEXTS.remindUnavailable, lang));
  }
  try {
    const { actor, allowed } = await actorOf(h, activity);
    if (!allowed && !forForm && parseRemindCommand(args).kind === 'invalid') return null;
    // Allowed people get the card; anyone else gets the module's refusal (which audits it).
    if (allowed && forForm) return remindFormActivity(deps, activity.conversation.id);
    // "here" is this conversation: a channel thread, a group chat or the personal chat.
    return noticeActivity(await handleRemindCommand(args, actor, remindDeps(deps, h), { channelId: activity.conversation.id }));
  } catch (err) {
    deps.logger.error({ err }, 'teams remind command failed');
    return noticeActivity(REMIND_TEXTS.failed[lang]);
  }
}

/** The data of the reminder card's submit (the inputs are strings, checked by the reminders module). */
const RemindSubmitSchema = z.looseObject({ tw: z.literal(REMIND_CARD_ACTION) });
const InvokeSchema = z.looseObject({ action: z.looseObject({ data: z.unknown().optional() }) });

/** Action.Submit of the reminder card (a message's value), or null when it is something else. */
export function parseRemindSubmit(value: unknown): Record<string, unknown> | null {
  const parsed = RemindSubmitSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The same data inside an `adaptiveCard/action` invoke (Universal Actions). */
export function parseInvokeRemindSubmit(value: unknown): Record<string, unknown> | null {
  const parsed = InvokeSchema.safeParse(value);
  return parsed.success ? parseRemindSubmit(parsed.data.action.data) : null;
}

/**
 * A submitted reminder card: the reminders module checks the allowlist again (the card may be
 * pressed by anyone in a channel), validates and creates. Returns the text to show: the
 * confirmation with the next runs in JST, the refusal, or the problem with the field named.
 */
export async function teamsRemindSubmit(deps: TeamsDeps, activity: Activity, data: Record<string, unknown>): Promise<string> {
  const lang = deps.lang;
  const h = remindersFor(deps.store);
  if (h === undefined) return tx(TEAMS_TEXTS.remindUnavailable, lang);
  try {
    const { actor, allowed } = await actorOf(h, activity);
    // The card names the conversation it was posted in; fall back to where it was pressed.
    const conversationId = typeof data['conversationId'] === 'string' && data['conversationId'] !== '' ? data['conversationId'] : activity.conversation.id;
    const result = await submitRemindForm(remindValuesFromCard({ ...data, conversationId }), actor, remindDeps(deps, h));
    if (result.ok) return result.text;
    if (!allowed || result.message === REMIND_TEXTS.failed[lang]) return result.message;
    return tx(TEAMS_TEXTS.remindFieldProblem, lang)(tx(TEAMS_TEXTS.remindFields, lang)[result.field], result.message);
  } catch (err) {
    deps.logger.error({ err }, 'teams reminder card failed');
    return REMIND_TEXTS.failed[lang];
  }
}
