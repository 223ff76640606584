import type { ChatUser } from '../../src/reminders/authorization.js';
import { handleRemindCommand, parseRemindCommand } from '../../src/reminders/command.js';
import { remindersFor } from '../../src/reminders/start.js';
import { REMIND_TEXTS } from '../../src/reminders/texts.js';
import type { LineWorksDeps } from './deps.js';
import type { Origin } from './events.js';
import { LINEWORKS_TEXTS, tx } from './texts.js';

/** "remind …" (the rest after the word), or null for any other message. */
export function remindArgs(question: string): string | null {
  const m = /^\s*remind(?:\s+([\s\S]*))?$/i.exec(question);
  return m ? (m[1] ?? '').trim() : null;
}

/**
 * `remind …` sent to the bot (HR reminders, allowlisted by HR_LINEWORKS_USER_IDS): the reminders
 * module authorises, runs and answers; "here" is the room it was sent in. Returns null when the
 * message is not for the reminders: someone who may not manage reminders and typed no valid
 * subcommand ("remind me what the rules are") is asking a question.
 */
export async function lineworksRemind(deps: LineWorksDeps, origin: Origin, args: string): Promise<string | null> {
  const lang = deps.lang;
  const h = remindersFor(deps.store);
  const invalid = parseRemindCommand(args).kind === 'invalid';
  if (h === undefined) return invalid ? null : tx(LINEWORKS_TEXTS.remindUnavailable, lang);
  try {
    const actor: ChatUser = { platform: 'lineworks', userId: origin.userId };
    if (invalid && !(await h.authorizer.isAllowed(actor))) return null;
    return await handleRemindCommand(args, actor, { service: h.service, authorizer: h.authorizer, lang, logger: deps.logger }, origin.channelId !== undefined ? { channelId: origin.channelId } : {});
  } catch (err) {
    deps.logger.error({ err }, 'lineworks remind command failed');
    return REMIND_TEXTS.failed[lang];
  }
}
