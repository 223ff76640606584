import type { ConversationTarget, Messenger, OutboundMessage } from '../../src/core/messenger.js';
import type { TeamsDeps } from './deps.js';
import { noticeActivity } from './notice.js';
import { sendProactive, sendToNewPersonalChat } from './proactive.js';

/**
 * Proactive messages on Teams (a ticket's answer, a reminder) through stored conversation
 * references: into a conversation the bot has seen (a channel, a channel thread, a chat), or to a
 * person, in the 1:1 chat with them (opened first when they have only used the bot in a channel).
 */
export function createTeamsMessenger(deps: Pick<TeamsDeps, 'adapter' | 'appId' | 'references'>): Messenger {
  return {
    platform: 'teams',
    async send(target: ConversationTarget, message: OutboundMessage): Promise<void> {
      const activity = noticeActivity(message.text);
      if (target.channelId !== undefined) {
        // A thread of a channel is its own conversation: "<channel id>;messageid=<root id>".
        const threadConversation = target.threadId !== undefined && !target.channelId.includes(';messageid=') ? `${target.channelId};messageid=${target.threadId}` : target.channelId;
        const stored = (await deps.references.forConversation(threadConversation)) ?? (await deps.references.forConversation(target.channelId));
        if (stored === null) throw new Error(`no Teams conversation reference for ${target.channelId}: the bot has not received a message there yet`);
        const reference = { ...stored.reference, conversation: { ...stored.reference.conversation!, id: threadConversation } };
        await sendProactive(deps, reference, [activity]);
        return;
      }
      if (target.userId === undefined) throw new Error('a Teams target needs a channelId or a userId');
      const stored = await deps.references.forUser(target.userId);
      if (stored === null) throw new Error(`no Teams conversation with user ${target.userId} is known: they must message the bot first`);
      if (stored.personal) {
        await sendProactive(deps, stored.reference, [activity]);
        return;
      }
      const created = await sendToNewPersonalChat(deps, stored.reference, [activity]);
      await deps.references.rememberPersonal(target.userId, created);
    },
  };
}
