import { type Attachment, CardFactory } from 'botbuilder';
import type { Lang, SourceRef } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Reply, ReplyActionKind } from '../../src/core/reply.js';
import { neutralizeBroadcastMentions } from '../../src/safety/mentions.js';
import { TEAMS_TEXTS, tx } from './texts.js';
import { truncate } from '../../src/text/truncate.js';

/** Adaptive Card schema version: 1.4 renders on every Teams client (desktop, web, mobile). */
export const CARD_VERSION = '1.4';
/** The answer text's cap in characters; notice.ts then cuts it further until the activity fits Teams' size limit in bytes. */
export const MAX_TEXT_CHARS = 12_000;

/** What every Action.Submit of an answer card carries back (validated in actions.ts). */
export interface SubmitData {
  action: ReplyActionKind;
  answerId: string;
  lang: Lang;
}

type CardElement = Record<string, unknown>;

/**
 * TextBlocks understand a small Markdown subset. Answer text is shown as written, so a stray
 * "[x](y)" must not become a link; a zero-width space breaks the syntax without changing what is read.
 */
export function safeCardText(text: string): string {
  return neutralizeBroadcastMentions(text).replace(/\]\(/g, ']\u200b(');
}

/** Only http(s) links are rendered; parentheses are encoded so they cannot end the Markdown link. */
export function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

/** "[n] [title section (date, page)](url)": the number stays outside the link text. */
export function sourceLine(s: SourceRef, lang: Lang): string {
  const extras = [
    s.issuedWareki ?? s.issued,
    typeof s.page === 'number' ? tx(TEAMS_TEXTS.page, lang)(s.page) : null,
    s.secondary ? MESSAGES.secondaryLabel[lang] : null,
  ].filter(
    (x): x is string => x !== null && x !== '',
  );
  // Square brackets inside link text would end it; full-width ones read the same.
  const label = neutralizeBroadcastMentions(`${s.title}${s.section ? ` ${s.section}` : ''}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`)
    .replace(/\[/g, '［')
    .replace(/\]/g, '］');
  const url = safeUrl(s.url);
  return url === null ? `[${s.n}] ${label}` : `[${s.n}] [${label}](${url})`;
}


/** One TextBlock per line: Teams joins single line breaks inside a TextBlock. */
const paragraphs = (text: string, maxChars: number): CardElement[] =>
  truncate(text, maxChars)
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ type: 'TextBlock', text: safeCardText(line), wrap: true }));

/** The Adaptive Card JSON for a Reply: answer, numbered sources, the office when escalation is proposed, buttons. */
export function replyCard(reply: Reply, maxTextChars = MAX_TEXT_CHARS): CardElement {
  const lang = reply.lang;
  const body: CardElement[] = paragraphs(reply.text, maxTextChars);
  if (reply.sources.length > 0) {
    body.push({ type: 'TextBlock', text: tx(TEAMS_TEXTS.sourcesLabel, lang), weight: 'Bolder', size: 'Small', spacing: 'Medium', separator: true, wrap: true });
    for (const s of reply.sources) body.push({ type: 'TextBlock', text: sourceLine(s, lang), size: 'Small', spacing: 'None', wrap: true });
  }
  if (reply.escalate && reply.office !== null) {
    body.push({ type: 'TextBlock', text: safeCardText(`${tx(TEAMS_TEXTS.officeLabel, lang)}: ${reply.office.name}`), size: 'Small', isSubtle: true, wrap: true });
  }
  const actions = reply.actions.map((a) => {
    const data: SubmitData = { action: a.kind, answerId: a.value, lang };
    return {
      type: 'Action.Submit',
      title: neutralizeBroadcastMentions(a.label),
      data,
      ...(a.kind === 'resolved' ? { style: 'positive' } : {}),
    };
  });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    // Full width in channels: answers with sources are long.
    msteams: { width: 'Full' },
  };
}

export const replyAttachment = (reply: Reply, maxTextChars = MAX_TEXT_CHARS): Attachment => CardFactory.adaptiveCard(replyCard(reply, maxTextChars));
