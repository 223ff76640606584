import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Lang } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Vote } from '../../src/feedback/recorder.js';
import { requesterOf } from './activity.js';
import type { SubmitData } from './card.js';
import { KEYS, type TeamsDeps } from './deps.js';
import { TEAMS_TEXTS, tx } from './texts.js';

/** The data of an answer card's Action.Submit (see card.ts); anything else is not ours. */
const SubmitSchema = z.looseObject({
  action: z.enum(['resolved', 'escalate', 'feedback-helpful', 'feedback-unhelpful']),
  answerId: z.string().min(1).max(128),
  lang: z.enum(['ja', 'en']).optional(),
});

/** Action.Execute (Universal Actions) arrives as invoke 'adaptiveCard/action' with the data inside. */
const AdaptiveCardInvokeSchema = z.looseObject({
  action: z.looseObject({ type: z.string(), verb: z.string().optional(), data: z.unknown().optional() }),
});

export type Submit = Omit<SubmitData, 'lang'> & { lang?: Lang | undefined };

export function parseSubmit(value: unknown): Submit | null {
  const parsed = SubmitSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseInvokeSubmit(value: unknown): Submit | null {
  const parsed = AdaptiveCardInvokeSchema.safeParse(value);
  return parsed.success ? parseSubmit(parsed.data.action.data) : null;
}

const VOTES: Partial<Record<Submit['action'], Vote>> = {
  resolved: 'resolved',
  'feedback-helpful': 'helpful',
  'feedback-unhelpful': 'unhelpful',
};

/**
 * One press of an answer card button, by whoever sent the activity; returns the notice to show.
 * Votes count once per person and answer; 「担当窓口に問い合わせる」 is requested once per person.
 */
export async function handleSubmit(deps: TeamsDeps, activity: Activity, submit: Submit): Promise<string> {
  const lang: Lang = submit.lang ?? deps.lang;
  const who = requesterOf(activity);
  try {
    const answer = await deps.feedback.getAnswer(submit.answerId);
    if (answer === null) return MESSAGES.answerExpired[lang];

    const vote = VOTES[submit.action];
    if (vote !== undefined) {
      const first = await deps.feedback.recordVote(submit.answerId, vote, who);
      if (!first) return MESSAGES.alreadyRecorded[lang];
      return vote === 'resolved' ? MESSAGES.resolvedThanks[lang] : MESSAGES.feedbackThanks[lang];
    }

    const once = KEYS.escalation(submit.answerId, who.userId);
    if (!(await deps.store.setIfAbsent(once.key, '1', once.ttlMs))) return MESSAGES.alreadyRecorded[lang];
    let result;
    try {
      result = await deps.escalations.request(submit.answerId, who, { idempotencyKey: `teams:${submit.answerId}:${who.userId}` });
    } catch (err) {
      // Let the person press again once whatever failed is back.
      await deps.store.del(once.key);
      throw err;
    }
    if (result === null) return MESSAGES.answerExpired[lang];
    if (result.rateLimited !== undefined) {
      // No ticket was made: the person may press again once the day's limit has passed.
      await deps.store.del(once.key);
      return MESSAGES.escalationLimit[lang](result.rateLimited.limit, result.rateLimited.retryAfterSeconds);
    }
    const office = result.route === null ? null : (deps.bot.office(result.route) ?? null);
    const ticket = result.ticketId !== undefined ? tx(TEAMS_TEXTS.ticket, lang)(result.ticketId) : '';
    return `${MESSAGES.escalationRecorded[lang](office)}${ticket}`;
  } catch (err) {
    deps.logger.error({ err, action: submit.action }, 'teams card action failed');
    return MESSAGES.error[lang];
  }
}
