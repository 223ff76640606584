import { decodeHTML } from 'entities';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Requester } from '../../src/feedback/recorder.js';
import { stripUserMentions } from '../../src/safety/mentions.js';

const Account = z.looseObject({
  id: z.string().min(1).max(1024),
  name: z.string().max(1024).optional(),
  aadObjectId: z.string().max(256).optional(),
  role: z.string().optional(),
});

const httpUrl = z
  .string()
  .max(2048)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  );

/**
 * The fields of an incoming Bot Framework activity that the adapter relies on. Checked before
 * botbuilder sees the activity, so a malformed one gets 400 instead of a crash deep in the SDK.
 */
export const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: httpUrl,
  conversation: z.looseObject({
    id: z.string().min(1).max(1024),
    conversationType: z.string().max(64).optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().max(256).optional(),
  }),
  from: Account,
  recipient: Account,
  text: z.string().max(100_000).optional(),
  name: z.string().max(256).optional(),
  replyToId: z.string().max(1024).optional(),
  entities: z.array(z.looseObject({ type: z.string() })).max(100).optional(),
  membersAdded: z.array(Account).max(1000).optional(),
  value: z.unknown().optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivitySchema>;

export const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/** Channels and group chats: the bot answers only when it is @mentioned there. */
export function isGroupConversation(a: Pick<Activity, 'conversation'>): boolean {
  const type = a.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' || a.conversation.isGroup === true;
}

/** True when a mention entity names the bot (the recipient). */
export function mentionsBot(a: Pick<Activity, 'entities' | 'recipient'>): boolean {
  return (a.entities ?? []).some((e) => {
    if (e.type !== 'mention') return false;
    const mentioned = (e as { mentioned?: { id?: unknown } }).mentioned;
    return mentioned?.id === a.recipient.id;
  });
}

/**
 * The question from a message text whose bot mention was already removed: other <at> mentions,
 * formatting tags of rich-text messages, HTML entities (&nbsp;) and extra spaces go.
 * Entities are decoded last, so typed "<" (sent as &lt;) survives. '' means "show the help".
 */
export function questionFrom(text: string | undefined): string {
  // Entities (named and numeric, by the entities package) are decoded once, after the tags are gone.
  const plain = decodeHTML(
    stripUserMentions(text ?? '')
      .replace(/<\/?(?:p|div|br|pre|ul|ol|li|blockquote|h[1-6])(?:\s[^>]*)?\/?>/gi, ' ')
      .replace(/<\/?(?:span|b|strong|i|em|u|s|strike|code)(?:\s[^>]*)?>/gi, ''),
  );
  return plain.replace(/\s+/g, ' ').trim();
}

/** Teams user ids change per bot; the Entra object id does not, so it is preferred. */
export const userKey = (a: Pick<Activity, 'from'>): string => a.from.aadObjectId ?? a.from.id;

/** Who asked and in which conversation (a channel thread's conversation id already names the thread). */
export function requesterOf(a: Pick<Activity, 'from' | 'conversation'>): Requester {
  return { platform: 'teams', userId: userKey(a), channelId: a.conversation.id };
}

/** The JSON body as the SDK expects it: ISO time stamps as Date, the raw strings kept (as CloudAdapter.process does). */
export function toSdkActivity(body: Record<string, unknown>): Activity {
  const a = { ...body } as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const v = a[field];
    if (typeof v === 'string') {
      a[raw] = v;
      a[field] = new Date(v);
    }
  }
  return a as unknown as Activity;
}
