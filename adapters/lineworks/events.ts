import { z } from 'zod';
import { commandText } from '../../src/tickets/chat.js';

const Id = z.string().min(1).max(200);

const Source = z.looseObject({
  userId: Id,
  /** Absent in a 1:1 chat with the bot; the room otherwise. */
  channelId: Id.optional(),
  domainId: z.union([z.number(), z.string()]).optional(),
});

/** A member's message; `content.postback` is set when it came from a button's message action. */
const MessageEvent = z.looseObject({
  type: z.literal('message'),
  source: Source,
  issuedTime: z.string().max(64).optional(),
  content: z.looseObject({
    type: z.string().min(1).max(32),
    text: z.string().max(10_000).optional(),
    postback: z.string().max(1000).optional(),
  }),
});

/** A postback action (quick replies, carousels, rich menus). */
const PostbackEvent = z.looseObject({
  type: z.literal('postback'),
  source: Source,
  issuedTime: z.string().max(64).optional(),
  data: z.string().max(1000),
});

/** join, leave, joined, left and event types added later: acknowledged, not acted on. */
const OtherEvent = z.looseObject({ type: z.string().min(1).max(64) });

export type MessageEvent = z.infer<typeof MessageEvent>;
export type PostbackEvent = z.infer<typeof PostbackEvent>;
/** The bot was invited to a room. */
const JoinEvent = z.looseObject({ type: z.literal('join'), source: z.looseObject({ channelId: Id }) });

export type CallbackEvent =
  | { kind: 'message'; event: MessageEvent }
  | { kind: 'postback'; event: PostbackEvent }
  | { kind: 'join'; channelId: string }
  | { kind: 'other'; type: string };

const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/** A callback body, checked for the fields the adapter relies on; a message or postback without them is an error. */
export function parseCallback(json: unknown): { ok: true; value: CallbackEvent } | { ok: false; error: string } {
  const head = OtherEvent.safeParse(json);
  if (!head.success) return { ok: false, error: zodMessage(head.error) };
  if (head.data.type === 'message') {
    const m = MessageEvent.safeParse(json);
    return m.success ? { ok: true, value: { kind: 'message', event: m.data } } : { ok: false, error: zodMessage(m.error) };
  }
  if (head.data.type === 'postback') {
    const p = PostbackEvent.safeParse(json);
    return p.success ? { ok: true, value: { kind: 'postback', event: p.data } } : { ok: false, error: zodMessage(p.error) };
  }
  if (head.data.type === 'join') {
    const j = JoinEvent.safeParse(json);
    if (j.success) return { ok: true, value: { kind: 'join', channelId: j.data.source.channelId } };
  }
  return { ok: true, value: { kind: 'other', type: head.data.type } };
}

/** Where the event came from: the person, and the room when it is not a 1:1 chat. */
export interface Origin {
  userId: string;
  channelId?: string;
}

export const originOf = (e: MessageEvent | PostbackEvent): Origin => ({
  userId: e.source.userId,
  ...(e.source.channelId !== undefined ? { channelId: e.source.channelId } : {}),
});

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * In a room the bot answers only when addressed: the message mentions it, as mention markup
 * (`<m userId="BOT_ID">`) or as "@bot name" typed at the start. Returns the text without the
 * mention, or null when the bot was not addressed.
 */
export function addressedText(text: string, botId: string, botName: string): string | null {
  const markup = new RegExp(`<m\\s+userId="${escapeRe(botId)}"\\s*/?>`, 'gi');
  if (markup.test(text)) return text.replace(markup, ' ');
  const typed = new RegExp(`^\\s*[@＠]${escapeRe(botName)}(?=$|[\\s、,:：])[\\s、,:：]*`, 'u');
  if (typed.test(text)) return text.replace(typed, '');
  return null;
}

/** The question: other mention markup removed, white space folded. '' means "show the help". */
export function questionFrom(text: string): string {
  return text
    .replace(/<m\s[^>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same with line breaks kept (an office's answer may have paragraphs). */
export function commandTextFrom(text: string): string {
  return commandText(text.replace(/<m\s[^>]*>/gi, ' '));
}
