import { type Activity, type ChannelAccount, type ConversationReference, TurnContext } from 'botbuilder';
import type { Store } from '../../src/store/store.js';
import { isGroupConversation } from './activity.js';
import { KEYS } from './deps.js';

/** A stored conversation reference; `personal` says whether it is a 1:1 chat with the user. */
export interface StoredReference {
  reference: Partial<ConversationReference>;
  personal: boolean;
}

/** Channel thread conversation ids are "<channel id>;messageid=<root id>". */
const THREAD_SUFFIX = /;messageid=[^;]*$/;
export const baseConversationId = (id: string): string => id.replace(THREAD_SUFFIX, '');

/**
 * Conversation references for proactive messages (ticket answers, reminders). Stored per
 * conversation (and per channel for thread conversations) and per user, without an activity id
 * so that a proactive message starts a new post rather than replying to an old one.
 */
export class ReferenceStore {
  constructor(private readonly store: Store) {}

  async remember(activity: Activity): Promise<void> {
    const { activityId: _dropped, ...full } = TurnContext.getConversationReference(activity);
    // Sending needs the ids only; people's display names are not kept (personal data, no expiry).
    const reference: Partial<ConversationReference> = {
      ...full,
      ...(full.user ? { user: { id: full.user.id, ...(full.user.aadObjectId ? { aadObjectId: full.user.aadObjectId } : {}) } as ChannelAccount } : {}),
    };
    const personal = !isGroupConversation(activity);
    const record = JSON.stringify({ reference, personal } satisfies StoredReference);
    await this.store.set(KEYS.conversationRef(activity.conversation.id), record);
    const base = baseConversationId(activity.conversation.id);
    if (base !== activity.conversation.id) {
      await this.store.set(KEYS.conversationRef(base), JSON.stringify({ reference: { ...reference, conversation: { ...reference.conversation!, id: base } }, personal } satisfies StoredReference));
    }
    // Users are indexed by both ids; a personal chat is never replaced by a group conversation.
    for (const id of new Set([activity.from.aadObjectId, activity.from.id].filter((x): x is string => typeof x === 'string' && x !== ''))) {
      const key = KEYS.userRef(id);
      if (!personal) {
        const existing = await this.get(key);
        if (existing?.personal) continue;
      }
      await this.store.set(key, record);
    }
  }

  forConversation(conversationId: string): Promise<StoredReference | null> {
    return this.get(KEYS.conversationRef(conversationId));
  }

  forUser(userId: string): Promise<StoredReference | null> {
    return this.get(KEYS.userRef(userId));
  }

  async rememberPersonal(userId: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.store.set(KEYS.userRef(userId), JSON.stringify({ reference, personal: true } satisfies StoredReference));
  }

  private async get(key: string): Promise<StoredReference | null> {
    const raw = await this.store.get(key);
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as StoredReference;
    } catch {
      return null;
    }
  }
}
