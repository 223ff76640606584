import type { Requester } from '../feedback/recorder.js';
import { RateCounter, hashKey, rateLimitStore } from '../safety/rate-limit-store.js';
import type { Store } from '../store/store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The same question, whatever its spacing, width or punctuation. */
const questionKey = (q: string): string =>
  hashKey(
    q
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}\p{Cf}]/gu, ''),
  );

/**
 * Flood control of escalations: at most `perDay` new tickets per person a day (a chat user, or a
 * web client by its address), counted across instances; the same question from the same person
 * within a day joins the ticket already made for it instead of making another.
 */
export class EscalationGuard {
  private readonly counter: RateCounter;

  constructor(
    private readonly store: Store,
    redisPrefix: string,
    readonly perDay: number,
  ) {
    this.counter = new RateCounter(rateLimitStore(store, redisPrefix, 'escalations'), perDay, DAY_MS);
  }

  /** Who counts as one person: the caller's key (the web client), else the chat user. */
  person(requester: Pick<Requester, 'platform' | 'userId'>, rateKey?: string): string {
    return rateKey ?? `${requester.platform}:${requester.userId}`;
  }

  private sameKey(person: string, question: string): string {
    return `escalation:same:${hashKey(person)}:${questionKey(question)}`;
  }

  /** The ticket this person made for this question within the day, if any. */
  async earlier(person: string, question: string): Promise<string | null> {
    return this.store.get(this.sameKey(person, question));
  }

  async remember(person: string, question: string, ticketId: string): Promise<void> {
    await this.store.set(this.sameKey(person, question), ticketId, { ttlMs: DAY_MS });
  }

  /** Counts one new ticket for the person; `ok` false when that is over the day's limit. */
  take(person: string): Promise<{ ok: boolean; retryAfterSeconds: number }> {
    return this.counter.hit(`person:${person}`);
  }

  /** The ticket was not made after all (a repeat, or an error): the count is given back. */
  async giveBack(person: string): Promise<void> {
    await this.counter.undo(`person:${person}`).catch(() => undefined);
  }
}
