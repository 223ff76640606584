import type { Lang } from './answer.js';
import type { Requester } from '../feedback/recorder.js';

export type Platform = Requester['platform'];

/** Where a message goes: a channel (optionally a thread in it), or a person by direct message. */
export interface ConversationTarget {
  platform: Platform;
  channelId?: string;
  threadId?: string;
  userId?: string;
}

/** A message that the core or a service (tickets, reminders) sends without being asked. */
export interface OutboundMessage {
  text: string;
  lang?: Lang;
}

/** One platform's way of sending proactively (Slack chat.postMessage, Teams continueConversation). */
export interface Messenger {
  readonly platform: Platform;
  send(target: ConversationTarget, message: OutboundMessage): Promise<void>;
}

export class NoMessengerError extends Error {
  constructor(readonly platform: Platform) {
    super(`no adapter can send messages to ${platform} (is it configured?)`);
    this.name = 'NoMessengerError';
  }
}

/** Adapters register here when they start; services send through it without knowing the platform. */
export class Messengers {
  private readonly byPlatform = new Map<Platform, Messenger>();

  register(m: Messenger): void {
    this.byPlatform.set(m.platform, m);
  }

  has(platform: Platform): boolean {
    return this.byPlatform.has(platform);
  }

  async send(target: ConversationTarget, message: OutboundMessage): Promise<void> {
    const m = this.byPlatform.get(target.platform);
    if (m === undefined) throw new NoMessengerError(target.platform);
    await m.send(target, message);
  }
}
