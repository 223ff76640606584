import type { Lang, SourceRef } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Reply } from '../../src/core/reply.js';
import { neutralizeBroadcastMentions } from '../../src/safety/mentions.js';
import { truncate } from '../../src/text/truncate.js';
import { encodePostback } from './postback.js';
import { LINEWORKS_TEXTS, tx } from './texts.js';

/** LINE WORKS message limits (Bot API 2.0: text, button template, action objects, quick reply). */
export const LIMITS = {
  text: 2000,
  buttonContentText: 1000,
  actionLabel: 20,
  displayText: 300,
  quickReplyItems: 13,
} as const;

export interface PostbackAction {
  type: 'postback';
  label: string;
  data: string;
  displayText: string;
}
export interface MessageAction {
  type: 'message';
  label: string;
  postback: string;
}
export interface QuickReply {
  items: Array<{ action: PostbackAction }>;
}
export type Content =
  | { type: 'text'; text: string; quickReply?: QuickReply }
  | { type: 'button_template'; contentText: string; actions: MessageAction[]; quickReply?: QuickReply };

/** `<m userId="…">` mentions (`all` notifies the whole room): nothing the bot sends may contain one. */
const MENTION_TAG = /<m\s[^>]*>/gi;

/**
 * Text that is safe to send: no LINE WORKS mention markup (removed until none is left, so pieces
 * cannot join into a new one), no broadcast mentions of other platforms, and a plain "@All" made
 * inert with a zero-width space.
 */
export function safeText(text: string): string {
  let out = text;
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(MENTION_TAG, '');
  }
  return neutralizeBroadcastMentions(out).replace(/@(all)\b/gi, '@\u200b$1');
}

/** Every string of a content, through safeText (the last line of defence before the API). */
export function sanitizeContent<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeContent(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = sanitizeContent(v);
    return out as T;
  }
  return value;
}

/** Only http(s) links are shown; LINE WORKS turns a bare URL into a link. */
function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "[n] title section (date, page)" and, on the next line, the link. */
export function sourceLines(s: SourceRef, lang: Lang): string {
  const extras = [s.issuedWareki ?? s.issued, s.page !== null ? tx(LINEWORKS_TEXTS.page, lang)(s.page) : null].filter((x): x is string => x !== null && x !== '');
  const label = truncate(`[${s.n}] ${s.title}${s.section ? ` ${s.section}` : ''}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`, 200);
  const url = safeUrl(s.url);
  return url === null ? label : `${label}\n${truncate(url, 500)}`;
}

const LABELS: Record<Reply['actions'][number]['kind'], keyof typeof MESSAGES.actions> = {
  resolved: 'resolved',
  escalate: 'escalate',
  'feedback-helpful': 'helpful',
  'feedback-unhelpful': 'unhelpful',
};

/** The answer's buttons as quick replies (postback actions: the press arrives as a postback event). */
export function replyQuickReply(reply: Reply): QuickReply | undefined {
  const items = reply.actions.slice(0, LIMITS.quickReplyItems).map((a) => {
    const label = a.label.trim() !== '' ? a.label : MESSAGES.actions[LABELS[a.kind]][reply.lang];
    return {
      action: {
        type: 'postback' as const,
        label: truncate(label, LIMITS.actionLabel),
        data: encodePostback({ action: a.kind, answerId: a.value, lang: reply.lang }),
        displayText: truncate(label, LIMITS.displayText),
      },
    };
  });
  return items.length > 0 ? { items } : undefined;
}

/**
 * The Reply as one text message: the answer, the numbered sources with their links, the office
 * when escalation is proposed, and the buttons as quick replies. The tail (sources, office) is
 * kept whole and the answer shortened when the whole would pass the 2,000-character limit.
 */
export function renderReply(reply: Reply): Content {
  const lang = reply.lang;
  const tail: string[] = [];
  if (reply.sources.length > 0) tail.push([tx(LINEWORKS_TEXTS.sourcesLabel, lang), ...reply.sources.map((s) => sourceLines(s, lang))].join('\n'));
  if (reply.escalate && reply.office !== null) tail.push(`${tx(LINEWORKS_TEXTS.officeLabel, lang)}: ${reply.office.name}`);
  // Sources never take more than half the message; the answer gets the rest.
  const tailText = truncate(tail.join('\n\n'), LIMITS.text / 2);
  const room = LIMITS.text - (tailText === '' ? 0 : tailText.length + 2);
  const text = [truncate(safeText(reply.text).trim(), room), tailText].filter((x) => x !== '').join('\n\n');
  const quickReply = replyQuickReply(reply);
  return { type: 'text', text: truncate(text, LIMITS.text), ...(quickReply ? { quickReply } : {}) };
}

/** A short message (help, thanks, errors, proactive notices) within the text limit. */
export const renderNotice = (text: string): Content => ({ type: 'text', text: truncate(safeText(text), LIMITS.text) });

/**
 * The confirm step: what will be sent (the redacted question) and to whom, with 送信する / やめる.
 * A question too long for the button template's text goes first as its own message.
 */
export function renderConfirm(preview: { question: string; officeName: string }, answerId: string, lang: Lang): Content[] {
  const t = MESSAGES.tickets;
  const head = t.confirm[lang](preview.officeName);
  const quoted = preview.question
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const together = `${head}\n\n${quoted}`;
  const fits = together.length <= LIMITS.buttonContentText;
  const buttons: Content = {
    type: 'button_template',
    contentText: fits ? together : truncate(head, LIMITS.buttonContentText),
    actions: [
      { type: 'message', label: truncate(t.send[lang], LIMITS.actionLabel), postback: encodePostback({ action: 'ticket-send', answerId, lang }) },
      { type: 'message', label: truncate(t.cancel[lang], LIMITS.actionLabel), postback: encodePostback({ action: 'ticket-cancel', answerId, lang }) },
    ],
  };
  return fits ? [buttons] : [renderNotice(quoted), buttons];
}

/**
 * A long text (an office's answer may have 10,000 characters) as several messages within the
 * limit, cut at a line break or a sentence end where there is one in the second half of a piece.
 */
export function splitForMessages(text: string, max: number = LIMITS.text): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    // A line break first, then a sentence end, then wherever the limit falls.
    const newline = window.lastIndexOf('\n');
    let cut = newline >= max / 2 ? newline : Math.max(...['。', '．', '！', '？', '. '].map((p) => window.lastIndexOf(p) + p.length - 1));
    if (cut < max / 2) cut = max - 1;
    // Never split a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest.charAt(cut))) cut -= 1;
    out.push(rest.slice(0, cut + 1).trim());
    rest = rest.slice(cut + 1).trim();
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** A proactive or long notice as text messages, each within the limit. */
export const renderNotices = (text: string): Content[] => splitForMessages(safeText(text)).map((t) => ({ type: 'text', text: t }));
