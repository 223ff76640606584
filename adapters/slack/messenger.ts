import type { ConversationTarget, Messenger, OutboundMessage } from '../../src/core/messenger.js';
import { renderNotice } from './blocks.js';
import type { WebClient } from './deps.js';
import { postMessages } from './post.js';

/**
 * Proactive messages on Slack (a ticket's answer, a reminder): to a channel or thread,
 * or to a person by direct message (conversations.open gives the DM channel).
 */
export function createSlackMessenger(client: WebClient): Messenger {
  return {
    platform: 'slack',
    async send(target: ConversationTarget, message: OutboundMessage): Promise<void> {
      let channel = target.channelId;
      if (channel === undefined) {
        if (target.userId === undefined) throw new Error('a Slack target needs a channelId or a userId');
        const opened = await client.conversations.open({ users: target.userId });
        channel = opened.channel?.id;
        if (channel === undefined) throw new Error(`Slack did not open a DM with ${target.userId}`);
      }
      await postMessages(client, { channel, threadTs: target.threadId }, [renderNotice(message.text)]);
    },
  };
}
