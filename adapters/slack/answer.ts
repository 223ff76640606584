import type { Reply } from '../../src/core/reply.js';
import type { Requester } from '../../src/feedback/recorder.js';
import { stripUserMentions } from '../../src/safety/mentions.js';
import { KEYS, type SlackDeps } from './deps.js';

/** The question without the mentions that only address the bot; '' means "show the help". */
export function questionFrom(text: string | undefined): string {
  return stripUserMentions(text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Asks the core and records the reply (feedback recorder + the rendered Reply for later buttons).
 * Platform I/O stays with the caller.
 */
export async function askAndRemember(deps: SlackDeps, question: string, requester: Requester): Promise<Reply> {
  const { reply } = await deps.bot.reply(question);
  await deps.feedback.rememberAnswer(reply, requester);
  const k = KEYS.reply(reply.answerId);
  try {
    await deps.store.set(k.key, JSON.stringify(reply), { ttlMs: k.ttlMs });
  } catch (err) {
    // The answer still goes out; only its buttons (vote, escalate) will say it has expired.
    deps.logger.warn({ err, answerId: reply.answerId }, 'reply not kept for its buttons: the store cannot take writes now');
  }
  return reply;
}

export async function storedReply(deps: SlackDeps, answerId: string): Promise<Reply | null> {
  const raw = await deps.store.get(KEYS.reply(answerId).key);
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as Reply;
  } catch {
    return null;
  }
}

/** A Requester without undefined fields (records stay tidy in JSON). */
export function requester(userId: string, channelId?: string, threadId?: string): Requester {
  return {
    platform: 'slack',
    userId,
    ...(channelId !== undefined ? { channelId } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
  };
}
