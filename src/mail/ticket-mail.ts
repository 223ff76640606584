import type { Office } from '../core/office.js';
import type { TicketRecord } from '../tickets/model.js';
import { KIND_LABELS } from '../safety/redact.js';
import type { MailMessage } from './mailer.js';

const REDACTION_LABELS: Record<string, string> = KIND_LABELS;

/**
 * The e-mail an office gets for a new ticket: the id in the subject (for their filters and
 * replies), the redacted question, and how to answer (API or CLI), in Japanese.
 */
export function ticketMail(ticket: TicketRecord, office: Office, to: string): MailMessage {
  const removed = ticket.redacted.map((k) => REDACTION_LABELS[k] ?? k);
  const lines = [
    `${office.name} ご担当者様`,
    '',
    'テレワーク相談ボットに寄せられたご質問のうち、ボットでは回答できなかったものをお送りします。',
    '',
    `問い合わせ番号: ${ticket.id}`,
    `担当窓口: ${office.name} (${ticket.route})`,
    `受付日時: ${ticket.createdAt}`,
    `経路: ${ticket.requester.platform}`,
    '',
    '■ ご質問(個人情報は削除済み)',
    ticket.question,
    '',
    removed.length > 0 ? `※ 送付前に次の個人情報を削除しました: ${removed.join('、')}` : '※ 個人情報は含まれていませんでした。',
    '',
    '■ ご回答の方法',
    `回答は次のいずれかでお送りください。質問者のスレッド(会話)に届き、問い合わせは完了になります。`,
    `  ・管理API: POST /api/tickets/${ticket.id}/answer  本文 {"answer": "回答文"} (Authorization: Bearer 管理トークン)`,
    `  ・コマンド: telework-bot ticket answer ${ticket.id} "回答文"`,
    '回答に個人情報を含めないでください(含まれていても送付前に削除されます)。',
    '',
    '-- ',
    'テレワーク相談ボット(このメールは自動送信です)',
  ];
  return {
    to,
    subject: `[${ticket.id}] テレワーク相談ボットからのお問い合わせ`,
    text: lines.join('\n'),
    messageId: `<${ticket.id}.email@telework-bot.invalid>`,
  };
}
