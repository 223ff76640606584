import EmailReplyParser from 'email-reply-parser';
import { convert } from 'html-to-text';
import { REPLY_ABOVE_MARKER } from '../ticket-mail.js';

/**
 * The office's new text in a reply: what it wrote above the quoted ticket mail, without the
 * quote or its signature. Japanese mail clients' quote headers are cut first (email-reply-parser
 * knows the English ones: "On … wrote:", "-----Original Message-----", "> " lines, "-- " signatures).
 */

const line = (re: RegExp) => (l: string) => re.test(l.trim());

/** A line where quoted mail starts: everything from it on is dropped. */
const QUOTE_STARTS: Array<(l: string, next: string[]) => boolean> = [
  // Our own marker, quoted or not.
  (l) => l.includes(REPLY_ABOVE_MARKER.slice(3, 15)),
  // Outlook / Becky!: "-----Original Message-----", 「-----元のメッセージ-----」, 「----- 転送メッセージ -----」.
  line(/^[-－―=＝_＿]{2,}\s*(original message|forwarded message|元の\s*メッセージ|転送\s*メッセージ|オリジナル\s*メッセージ|返信元メッセージ)\s*[-－―=＝_＿]{2,}$/i),
  // Thunderbird, Becky!, Mozilla: 「山田さんは書きました:」「… さんが書きました：」「… wrote:」
  line(/(さん|様)?(は|が)書きました\s*[:：]?$/),
  line(/^.{0,200}(wrote|schrieb|a écrit)\s*[:：]$/i),
  // Apple Mail / iOS in Japanese: 「2026/11/28 10:00、Bot <bot@x>のメール:」
  line(/^.{0,200}の(メール|メッセージ)\s*[:：]$/),
  // Gmail in Japanese: 「2026年11月28日(土) 10:00 テレワーク相談ボット <bot@x>:」 (may wrap before the address).
  line(/^\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:：]$/),
  (l, next) => /^\d{4}年\d{1,2}月\d{1,2}日/.test(l.trim()) && /@.*[:：]$/.test(next[0]?.trim() ?? ''),
  // Outlook's header block: 差出人:/From: followed by 送信日時:/Sent:/日付:/Date: within the next lines.
  (l, next) => /^(差出人|送信者|From)\s*[:：]/i.test(l.trim()) && next.slice(0, 4).some((n) => /^(送信日時|送信日|日時|日付|Sent|Date|宛先|To|件名|Subject)\s*[:：]/i.test(n.trim())),
];

/** A signature separator common in Japanese business mail: a line of rules only (━━━, ----, ＝＝＝, ***). */
const RULE = /^[\s━─―\-－=＝*＊_＿~～・◆◇■□★☆]{8,}$/;
/** Signatures are short; a rule line starting more than this many lines before the end is taken as content. */
const SIGNATURE_MAX_LINES = 12;

function cutQuote(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (QUOTE_STARTS.some((test) => test(l, lines.slice(i + 1)))) return lines.slice(0, i).join('\n');
  }
  return lines.join('\n');
}

function cutSignature(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '--' || lines[i] === '-- ') return lines.slice(0, i).join('\n');
    if (RULE.test(lines[i]!) && lines.length - i <= SIGNATURE_MAX_LINES && lines.slice(0, i).some((x) => x.trim() !== '')) return lines.slice(0, i).join('\n');
  }
  return text;
}

/** Quoted lines ("> ", "＞ ", "| ") are never the office's new text. */
const dropQuotedLines = (text: string): string =>
  text
    .split('\n')
    .filter((l) => !/^\s*[>＞|]/.test(l))
    .join('\n');

const parser = new EmailReplyParser();

/** HTML-only mail as text: quotes (blockquote) keep their "> " so they are dropped like plain quotes. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      // Gmail and Outlook wrap the quoted mail in these; dropping them is surer than reading their headers.
      { selector: 'div.gmail_quote', format: 'skip' },
      { selector: 'div#divRplyFwdMsg', format: 'skip' },
      { selector: 'div#appendonsend', format: 'skip' },
      { selector: 'blockquote', format: 'skip' },
    ],
  });
}

/** The new text of a reply: quotes, quote headers and signature removed, trimmed; '' when nothing is left. */
export function replyText(mail: { text?: string | undefined; html?: string | false | undefined }): string {
  const source = mail.text !== undefined && mail.text.trim() !== '' ? mail.text : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  let t = cutQuote(source);
  t = dropQuotedLines(t);
  t = cutSignature(t);
  // The library's own pass catches English headers and "-- " signatures we did not.
  t = parser.parseReply(t);
  return t
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
