import { z } from 'zod';
import type { ReplyActionKind } from '../../src/core/reply.js';

/** What a button or quick reply sends back: the answer buttons and the confirm step's 送信する / やめる. */
export type PostbackAction = ReplyActionKind | 'ticket-send' | 'ticket-cancel';

const ACTIONS = ['resolved', 'escalate', 'feedback-helpful', 'feedback-unhelpful', 'ticket-send', 'ticket-cancel'] as const;
const PREFIX = 'tw1';

const Parsed = z.object({ action: z.enum(ACTIONS), answerId: z.string().regex(/^[A-Za-z0-9-]{1,128}$/), lang: z.enum(['ja', 'en']) });
export type Postback = z.infer<typeof Parsed>;

/** `tw1|action|answerId|lang`: well within the 300-character limit of postback data. */
export const encodePostback = (p: Postback): string => [PREFIX, p.action, p.answerId, p.lang].join('|');

/** The postback of one of our buttons, or null for anything else (another bot's menu, a typed text). */
export function decodePostback(data: string | undefined): Postback | null {
  if (data === undefined) return null;
  const [prefix, action, answerId, lang] = data.split('|');
  if (prefix !== PREFIX) return null;
  const parsed = Parsed.safeParse({ action, answerId, lang });
  return parsed.success ? parsed.data : null;
}
