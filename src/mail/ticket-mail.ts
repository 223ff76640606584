import type { Office } from '../core/office.js';
import type { TicketRecord } from '../tickets/model.js';
import { KIND_LABELS } from '../safety/redact.js';
import type { MailMessage } from './mailer.js';

const REDACTION_LABELS: Record<string, string> = KIND_LABELS;

/**
 * The first line of a ticket mail when replies are read. A reply that quotes the mail without
 * "> " (some clients) is cut here, so nothing below it can reach the asker.
 */
export const REPLY_ABOVE_MARKER = '##- この行より上にご回答をお書きください -##';

/** The Message-ID of a ticket's mail; replies carry it in In-Reply-To / References. */
export const ticketMessageId = (ticketId: string, route?: string): string => `<${ticketId}${route ? `.${route}` : ''}.email@telework-bot.invalid>`;

/** The ticket id in a Message-ID made by ticketMessageId, or null. */
export function ticketIdFromMessageId(messageId: string): string | null {
  return /^<?(TW-\d{4}-\d{6,})(?:\.[A-Za-z0-9_-]+)?\.email@telework-bot\.invalid>?$/.exec(messageId.trim())?.[1] ?? null;
}

/**
 * The e-mail an office gets for a new ticket, in Japanese: the id in the subject (for their
 * filters and replies), the redacted question, what the bot had answered, and how to answer.
 * With `replyTo` (IMAP_URL is set) the office answers by pressing Reply; else by API or CLI.
 */
export function ticketMail(ticket: TicketRecord, office: Office, to: string, opts: { replyTo?: string | null } = {}): MailMessage {
  const removed = ticket.redacted.map((k) => REDACTION_LABELS[k] ?? k);
  const byReply = opts.replyTo !== undefined && opts.replyTo !== null;
  const how = byReply
    ? [
        '■ ご回答の方法',
        'このメールに「返信」して、回答をお書きください。返信の本文(引用部分と署名は除きます)が質問者に届き、問い合わせは完了になります。',
        `  ・件名の [${ticket.id}] はそのまま残してください。`,
        '  ・このメールを受け取った窓口のアドレスから返信してください。ほかのアドレスからの返信は確認のため保留され、質問者には届きません。',
        '  ・完了後にもう一度返信すると、追加の回答として質問者に届きます。',
        '  ・回答に個人情報を含めないでください(含まれていても送付前に削除されます)。',
        'メール以外では次の方法でも回答できます。',
        `  ・管理API: POST /api/tickets/${ticket.id}/answer  本文 {"answer": "回答文"} (Authorization: Bearer 管理トークン)`,
        `  ・コマンド: telework-bot ticket answer ${ticket.id} "回答文"`,
      ]
    : [
        '■ ご回答の方法',
        `回答は次のいずれかでお送りください。質問者のスレッド(会話)に届き、問い合わせは完了になります。`,
        `  ・管理API: POST /api/tickets/${ticket.id}/answer  本文 {"answer": "回答文"} (Authorization: Bearer 管理トークン)`,
        `  ・コマンド: telework-bot ticket answer ${ticket.id} "回答文"`,
        '回答に個人情報を含めないでください(含まれていても送付前に削除されます)。',
      ];
  const lines = [
    ...(byReply ? [REPLY_ABOVE_MARKER, ''] : []),
    `${office.name} ご担当者様`,
    '',
    'テレワーク相談ボットに寄せられたご質問のうち、ボットでは回答できなかったものをお送りします。',
    '',
    ...how,
    '',
    `問い合わせ番号: ${ticket.id}`,
    `担当窓口: ${office.name} (${ticket.route})`,
    `受付日時: ${ticket.createdAt}`,
    `経路: ${ticket.requester.platform}`,
    '',
    ...(ticket.transferredFrom
      ? [`■ ${ticket.transferredFrom.officeName} から回送されました(${ticket.transferredFrom.at})`, ticket.transferredFrom.note === '' ? '(申し送りはありません)' : `申し送り: ${ticket.transferredFrom.note}`, '']
      : []),
    '■ ご質問(個人情報は削除済み)',
    ticket.question,
    '',
    removed.length > 0 ? `※ 送付前に次の個人情報を削除しました: ${removed.join('、')}` : '※ 個人情報は含まれていませんでした。',
    '',
    '■ ボットの回答(質問者に表示した内容)',
    ticket.botAnswer ?? '(ボットの回答はありません。管理APIまたはコマンドで受け付けたお問い合わせです。)',
    '',
    '-- ',
    'テレワーク相談ボット(このメールは自動送信です)',
  ];
  return {
    to,
    subject: `[${ticket.id}] テレワーク相談ボットからのお問い合わせ`,
    text: lines.join('\n'),
    // A transferred ticket is a new message to the new office (a mail system may drop a repeated Message-ID).
    messageId: ticketMessageId(ticket.id, ticket.transferredFrom ? ticket.route : undefined),
    ...(byReply ? { replyTo: opts.replyTo! } : {}),
  };
}
