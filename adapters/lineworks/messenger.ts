import type { ConversationTarget, Messenger, OutboundMessage } from '../../src/core/messenger.js';
import type { LineWorksApi } from './api.js';
import { renderNotices } from './render.js';

/**
 * Proactive messages on LINE WORKS (a ticket's answer, a ticket notice to an office's room, a
 * reminder): to a room by its channel id, or to a person by user id (the bot's 1:1 chat).
 */
export function createLineWorksMessenger(api: LineWorksApi): Messenger {
  return {
    platform: 'lineworks',
    async send(target: ConversationTarget, message: OutboundMessage): Promise<void> {
      if (target.channelId !== undefined) return api.sendAll({ channelId: target.channelId }, renderNotices(message.text));
      if (target.userId !== undefined) return api.sendAll({ userId: target.userId }, renderNotices(message.text));
      throw new Error('a LINE WORKS target needs a channelId or a userId');
    },
  };
}
