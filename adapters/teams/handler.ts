import { type Activity, ActivityTypes, TurnContext } from 'botbuilder';
import { MESSAGES } from '../../src/core/messages.js';
import { claimToAnswer } from '../../src/store/dedupe.js';
import type { Requester } from '../../src/feedback/recorder.js';
import { isGroupConversation, mentionsBot, questionFrom, requesterOf } from './activity.js';
import { handleSubmit, parseInvokeSubmit, parseSubmit } from './actions.js';
import { KEYS, type TeamsDeps } from './deps.js';
import { noticeActivity, replyActivity } from './notice.js';
import { sendProactive } from './proactive.js';
import { parseInvokeRemindSubmit, parseRemindSubmit, remindArgs, teamsRemind, teamsRemindSubmit } from './remind.js';
import { TEAMS_TEXTS, tx } from './texts.js';
import { confirmActivity, handleTicketSubmit, parseInvokeTicketSubmit, parseTicketSubmit, retireConfirmCard, runningTickets, ticketCommand } from './tickets.js';

export type TurnLogic = (context: TurnContext) => Promise<void>;

const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';
/** Activities that prove the bot can reach this conversation later (references for proactive messages). */
const REMEMBERED = new Set<string>([ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate]);
/** Marks an answer that did not come within the time given. */
const LATE = Symbol('late');
/** When a "typing…" indicator is worth sending. */
const TYPING_AFTER_MS = 1000;
/** The manifest's 「ヘルプ」 command and its usual spellings show the help instead of being asked. */
const HELP_WORDS = new Set(['ヘルプ', 'help', '使い方', '/help']);

/** The bot's turn: messages, card buttons (message with value, or invoke), and being added. */
export function createTurnLogic(deps: TeamsDeps): TurnLogic {
  return async (context) => {
    const a = context.activity;
    if (a.from.id === a.recipient.id) return;
    // Claimed after authentication, so unauthenticated junk cannot use up activity ids.
    const once = a.id ? KEYS.activity(a.conversation.id, a.id) : null;
    const claimed = once === null || (await claimToAnswer(() => deps.store.setIfAbsent(once.key, '1', once.ttlMs), (err) => deps.logger.warn({ err, activityId: a.id }, 'teams dedupe skipped: the store cannot serve now; answering anyway')));
    if (!claimed) {
      deps.logger.debug({ type: a.type, activityId: a.id }, 'teams activity already handled');
      // Teams still waits for an invoke's answer; everything else is simply acknowledged.
      if (a.type === ActivityTypes.Invoke) await invokeMessage(context, MESSAGES.alreadyRecorded[deps.lang]);
      return;
    }
    if (REMEMBERED.has(a.type)) {
      await deps.references.remember(a).catch((err: unknown) => deps.logger.warn({ err }, 'teams conversation reference not stored'));
    }
    switch (a.type) {
      case ActivityTypes.Message:
        return onMessage(deps, context);
      case ActivityTypes.Invoke:
        return onInvoke(deps, context);
      case ActivityTypes.ConversationUpdate:
        return onConversationUpdate(deps, context);
      default:
        return;
    }
  };
}

async function onMessage(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const a = context.activity;
  // Action.Submit on an answer card comes back as a message whose value is the button's data.
  const submit = parseSubmit(a.value);
  if (submit !== null) {
    // With tickets running, 「担当窓口に問い合わせる」 first shows what will be sent (tickets.ts).
    if (submit.action === 'escalate' && runningTickets(deps) !== undefined) await context.sendActivity(await confirmActivity(deps, submit));
    else await context.sendActivity(noticeActivity(await handleSubmit(deps, a, submit)));
    return;
  }
  // 送信する / やめる on the confirm card.
  const ticketSubmit = parseTicketSubmit(a.value);
  if (ticketSubmit !== null) {
    const outcome = await handleTicketSubmit(deps, a, ticketSubmit);
    await context.sendActivity(noticeActivity(outcome.text));
    await retireConfirmCard(deps, context, outcome);
    return;
  }
  // The reminder form card's Action.Submit (HR; the allowlist is checked again on submit).
  const remind = parseRemindSubmit(a.value);
  if (remind !== null) {
    await context.sendActivity(noticeActivity(await teamsRemindSubmit(deps, a, remind)));
    return;
  }
  if (a.value !== undefined && (a.text ?? '').trim() === '') return; // Some other card's input: not ours.

  const addressed = mentionsBot(a);
  if (isGroupConversation(a) && !addressed) return;
  if (addressed && typeof a.text === 'string') TurnContext.removeRecipientMention(a);
  const question = questionFrom(a.text);
  if (question === '' || HELP_WORDS.has(question.toLowerCase())) {
    await context.sendActivity(noticeActivity(tx(TEAMS_TEXTS.help, deps.lang)));
    return;
  }
  // 「問い合わせ状況」 and the office's `answer TW-… 本文` (tickets running only).
  const ticketReply = await ticketCommand(deps, a, question);
  if (ticketReply !== null) {
    await context.sendActivity(noticeActivity(ticketReply));
    return;
  }
  const args = remindArgs(question);
  if (args !== null) {
    const reply = await teamsRemind(deps, a, args);
    if (reply !== null) {
      await context.sendActivity(reply);
      return;
    }
  }
  await answer(deps, context, question, requesterOf(a));
}

/**
 * Answers within the HTTP turn when the core is quick (the usual case), otherwise finishes the
 * turn so that Teams does not time out and retry, and posts the answer proactively when ready.
 */
async function answer(deps: TeamsDeps, context: TurnContext, question: string, who: Requester): Promise<void> {
  const work = deps.track(produceAnswer(deps, question, who));
  let first = await within(work, Math.min(TYPING_AFTER_MS, deps.answerBudgetMs));
  if (first === LATE && deps.answerBudgetMs > TYPING_AFTER_MS) {
    // Taking a while (e.g. the optional LLM): show "typing…" rather than nothing.
    await context.sendActivity({ type: ActivityTypes.Typing }).catch((err: unknown) => deps.logger.debug({ err }, 'teams typing indicator failed'));
    first = await within(work, deps.answerBudgetMs - TYPING_AFTER_MS);
  }
  if (first !== LATE) {
    await context.sendActivity(first);
    return;
  }
  const a = context.activity;
  const reference = TurnContext.getConversationReference(a);
  deps.logger.info({ activityId: a.id, budgetMs: deps.answerBudgetMs }, 'teams answer is slow; it will be sent proactively');
  void deps.track(
    work
      .then((activity) => sendProactive(deps, reference, [activity], a.id))
      .catch((err: unknown) => deps.logger.error({ err, activityId: a.id }, 'teams late answer could not be sent')),
  );
}

/** The work's result, or LATE when it is not done within `ms`. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<typeof LATE>((resolve) => {
        timer = setTimeout(() => resolve(LATE), ms);
        timer.unref();
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message to send for a question: an answer card, the core's error text, or an apology. Never throws. */
async function produceAnswer(deps: TeamsDeps, question: string, who: Requester): Promise<Partial<Activity>> {
  try {
    const { answer, reply } = await deps.bot.reply(question);
    // Empty or over-long questions: the core explains; there is nothing to vote on.
    if (answer.error !== undefined) return noticeActivity(answer.error);
    await deps.feedback.rememberAnswer(reply, who);
    return replyActivity(reply);
  } catch (err) {
    deps.logger.error({ err, conversationId: who.channelId }, 'teams answer failed');
    return noticeActivity(MESSAGES.error[deps.lang]);
  }
}

async function onInvoke(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const a = context.activity;
  if (a.name !== 'adaptiveCard/action') return; // No invoke response: the SDK answers 501 Not Implemented.
  const remind = parseInvokeRemindSubmit(a.value);
  if (remind !== null) {
    await invokeMessage(context, await teamsRemindSubmit(deps, a, remind));
    return;
  }
  const ticketSubmit = parseInvokeTicketSubmit(a.value);
  if (ticketSubmit !== null) {
    await invokeMessage(context, (await handleTicketSubmit(deps, a, ticketSubmit)).text);
    return;
  }
  const submit = parseInvokeSubmit(a.value);
  if (submit !== null && submit.action === 'escalate' && runningTickets(deps) !== undefined) {
    // The confirm card is posted in the conversation; the presser sees its first line at once.
    const confirm = await confirmActivity(deps, submit);
    await context.sendActivity(confirm);
    await invokeMessage(context, confirm.summary ?? confirm.text ?? '');
    return;
  }
  if (submit === null) {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'not an answer card action' } } },
    });
    return;
  }
  await invokeMessage(context, await handleSubmit(deps, a, submit));
}

/** Universal Actions answer: Teams shows the text to the person who pressed the button. */
async function invokeMessage(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: INVOKE_MESSAGE, value: text } } });
}

async function onConversationUpdate(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const a = context.activity;
  const botAdded = (a.membersAdded ?? []).some((m) => m.id === a.recipient.id);
  if (!botAdded) return;
  await context.sendActivity(noticeActivity(`${tx(TEAMS_TEXTS.welcome, deps.lang)}\n\n${tx(TEAMS_TEXTS.help, deps.lang)}`));
}
