import type { types } from '@slack/bolt';
import type { Lang, SourceRef } from '../../src/core/answer.js';
import { MESSAGES } from '../../src/core/messages.js';
import type { Reply, ReplyActionKind } from '../../src/core/reply.js';
import { neutralizeBroadcastMentions } from '../../src/safety/mentions.js';
import { SLACK_LIMITS, chunk, splitText, truncate } from './split.js';
import { SLACK_TEXTS, tx } from './texts.js';

export type Block = types.KnownBlock;

/** One chat.postMessage / response_url payload (without channel or thread). */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Action ids of the reply's buttons; the value of every button is the answerId. */
export const ACTION_IDS: Record<ReplyActionKind, string> = {
  resolved: 'tw_resolved',
  escalate: 'tw_escalate',
  'feedback-helpful': 'tw_helpful',
  'feedback-unhelpful': 'tw_unhelpful',
};
export const SHARE_ACTION_ID = 'tw_share';

/** Slack mrkdwn control characters; everything else is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text that is safe to send: no broadcast mentions, Slack control characters escaped. */
export const safeMrkdwn = (text: string): string => escapeMrkdwn(neutralizeBroadcastMentions(text));

const escapedLength = (s: string): number => safeMrkdwn(s).length;

/** Only http(s) links are rendered; characters that would end Slack's <url|label> syntax are encoded. */
function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  } catch {
    return null;
  }
}

/** "[n] title section (date, page)" as a link when the source has a URL. */
export function sourceLine(s: SourceRef, lang: Lang): string {
  const extras = [
    s.issuedWareki ?? s.issued,
    s.page !== null ? tx(SLACK_TEXTS.page, lang)(s.page) : null,
    s.secondary ? MESSAGES.secondaryLabel[lang] : null,
  ].filter(
    (x): x is string => x !== null && x !== '',
  );
  const label = `[${s.n}] ${s.title}${s.section ? ` ${s.section}` : ''}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
  // The label may not contain '|' or '>' inside a link; escaping covers '>' and a full-width bar stands in for '|'.
  const safeLabel = safeMrkdwn(label);
  const url = safeUrl(s.url);
  return truncate(url === null ? safeLabel : `<${url}|${safeLabel.replace(/\|/g, '｜')}>`, SLACK_LIMITS.sectionText);
}

export interface RenderOptions {
  /** Show the question above the answer (slash command answers and shared posts, where it is not visible otherwise). */
  echoQuestion?: boolean;
  /** Add the 「チャンネルに投稿」 button (ephemeral slash-command answers). */
  shareButton?: boolean;
}

/**
 * Renders the core's Reply as Block Kit: answer sections, sources, the office when the bot proposes
 * escalation, and the action buttons. Long answers become several messages, each within Slack's limits;
 * sources and buttons go on the last one.
 */
export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage[] {
  const lang = reply.lang;
  const head: Block[] = [];
  if (opts.echoQuestion && reply.question.trim() !== '') {
    head.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`*${tx(SLACK_TEXTS.questionLabel, lang)}:* ${safeMrkdwn(reply.question.trim())}`, SLACK_LIMITS.sectionText) }],
    });
  }

  const sections: Block[] = splitText(reply.text, SLACK_LIMITS.sectionText, escapedLength).map((piece) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: safeMrkdwn(piece) },
  }));

  const tail: Block[] = [];
  if (reply.sources.length > 0) {
    const lines = reply.sources.map((s) => sourceLine(s, lang));
    // The first element of the first block is the label, so each block holds at most 10 elements.
    const elements = [`*${tx(SLACK_TEXTS.sourcesLabel, lang)}*`, ...lines];
    for (const group of chunk(elements, SLACK_LIMITS.contextElements)) {
      tail.push({ type: 'context', elements: group.map((text) => ({ type: 'mrkdwn', text })) });
    }
  }
  if (reply.escalate && reply.office !== null) {
    tail.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: safeMrkdwn(`${tx(SLACK_TEXTS.officeLabel, lang)}: ${reply.office.name}`) }],
    });
  }
  const buttons: types.Button[] = reply.actions.map((a) => {
    const button: types.Button = {
      type: 'button',
      action_id: ACTION_IDS[a.kind],
      text: { type: 'plain_text', text: truncate(neutralizeBroadcastMentions(a.label), SLACK_LIMITS.buttonText) },
      value: a.value,
    };
    if (a.kind === 'resolved') button.style = 'primary';
    return button;
  });
  if (opts.shareButton) {
    buttons.push({
      type: 'button',
      action_id: SHARE_ACTION_ID,
      text: { type: 'plain_text', text: tx(SLACK_TEXTS.share, lang) },
      value: reply.answerId,
    });
  }
  if (buttons.length > 0) tail.push({ type: 'actions', block_id: `tw_actions`, elements: buttons });

  return packMessages([...head, ...sections, ...tail], lang);
}

/** A short message (help, thanks, errors) as one section, with the same safety as answers. */
export function renderNotice(text: string): SlackMessage {
  const pieces = splitText(text, SLACK_LIMITS.sectionText, escapedLength);
  return {
    text: truncate(safeMrkdwn(text), SLACK_LIMITS.messageText),
    blocks: pieces.map((p) => ({ type: 'section', text: { type: 'mrkdwn', text: safeMrkdwn(p) } })),
  };
}

/** Packs blocks into messages of at most 50 blocks, with a plain-text fallback for notifications. */
function packMessages(blocks: Block[], lang: Lang): SlackMessage[] {
  return chunk(blocks, SLACK_LIMITS.blocksPerMessage).map((group) => {
    const texts = group.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
    const text = texts.length > 0 ? texts.join('\n') : tx(SLACK_TEXTS.actionsFallback, lang);
    return { text: truncate(text, SLACK_LIMITS.messageText), blocks: group };
  });
}

/** Every string in a payload, passed through the broadcast-mention filter (the last line of defence). */
export function sanitizePayload<T>(value: T): T {
  if (typeof value === 'string') return neutralizeBroadcastMentions(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizePayload(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = sanitizePayload(v);
    return out as T;
  }
  return value;
}
