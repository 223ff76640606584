import { type SlackMessage, sanitizePayload } from './blocks.js';
import type { WebClient } from './deps.js';

/** Where a message goes: a channel (or DM) and optionally a thread in it. */
export interface Place {
  channel: string;
  threadTs?: string | undefined;
}

/**
 * Posts messages in order. Every payload passes sanitizePayload, and link_names is never set,
 * so no broadcast mention can go out. Returns the ts of the first message.
 */
export async function postMessages(client: WebClient, place: Place, messages: SlackMessage[]): Promise<string | undefined> {
  let first: string | undefined;
  for (const m of messages) {
    const res = await client.chat.postMessage(
      sanitizePayload({
        channel: place.channel,
        ...(place.threadTs !== undefined ? { thread_ts: place.threadTs } : {}),
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    first ??= res.ts;
  }
  return first;
}

/** Slack's response_url helper as Bolt gives it to command and action listeners. */
export type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** Ephemeral messages through response_url (works where the bot is not a channel member). */
export async function respondEphemeral(respond: Respond, messages: SlackMessage[], opts: { replaceOriginal?: boolean } = {}): Promise<void> {
  for (const [i, m] of messages.entries()) {
    await respond(
      sanitizePayload({
        response_type: 'ephemeral',
        replace_original: i === 0 && opts.replaceOriginal === true,
        text: m.text,
        blocks: m.blocks,
      }),
    );
  }
}

/** One ephemeral message to one user in a channel (and thread) through chat.postEphemeral. */
export async function postEphemeral(client: WebClient, place: Place, user: string, m: SlackMessage): Promise<void> {
  await client.chat.postEphemeral(
    sanitizePayload({
      channel: place.channel,
      user,
      ...(place.threadTs !== undefined ? { thread_ts: place.threadTs } : {}),
      text: m.text,
      blocks: m.blocks,
    }),
  );
}
