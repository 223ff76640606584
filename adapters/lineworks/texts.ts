import type { Lang } from '../../src/core/answer.js';

/** User-facing texts that only the LINE WORKS adapter needs (Japanese, polite, by default). */
export const LINEWORKS_TEXTS = {
  help: {
    ja: (name: string) =>
      `テレワーク相談ボットです。テレワークについてのご質問を、1:1 のトークではそのまま送ってください。複数人のトークルームでは「@${name} 質問」のようにボットをメンションしてください(例: 特別交付税の措置率は?)。ご自身のお問い合わせの状況は「問い合わせ状況」で確認できます。`,
    en: (name: string) =>
      `I am the telework help bot. In a 1:1 chat, just send your question. In a room, mention me first ("@${name} question"), e.g. "What is the special allocation tax rate?". Send "ticket status" to see your tickets.`,
  },
  welcome: {
    ja: 'テレワーク相談ボットを追加いただきありがとうございます。地方公共団体のテレワーク(導入、支援策、特別交付税、情報セキュリティ、問い合わせ先など)について、出典付きでお答えします。',
    en: 'Thank you for adding the telework help bot. I answer questions about telework in local governments (adoption, support schemes, special allocation tax, security, contacts), with sources.',
  },
  sourcesLabel: { ja: '出典', en: 'Sources' },
  officeLabel: { ja: '担当窓口', en: 'Responsible office' },
  page: { ja: (p: number) => `${p}ページ`, en: (p: number) => `p. ${p}` },
  ticketAnswerUsage: {
    ja: '使い方: @ボット名 answer TW-2026-000123 回答文(担当窓口のトークルームで、ボットをメンションして送ってください)',
    en: "Usage: @bot answer TW-2026-000123 answer text (in the office's room, mentioning the bot)",
  },
  ticketAnswerSent: { ja: (id: string) => `${id} の回答を質問者に送りました。`, en: (id: string) => `The answer to ${id} has been sent to the asker.` },
  ticketAnswerNotAllowed: {
    ja: (id: string) => `${id} にはこのトークルームから回答できません(担当窓口のトークルームからお送りください)。`,
    en: (id: string) => `${id} cannot be answered from this room (use the office's room).`,
  },
  ticketAnswerFailed: { ja: (reason: string) => `回答を送れませんでした: ${reason}`, en: (reason: string) => `The answer was not sent: ${reason}` },
  remindUnavailable: {
    ja: 'リマインダー機能は現在ご利用いただけません(サーバーでリマインダーが有効になっていません)。',
    en: 'Reminders are not available (they are not running on this server).',
  },
} as const;

export const tx = <T>(m: { ja: T; en: T }, lang: Lang): T => m[lang];
