import type { Lang } from '../src/core/answer.js';

/** User-facing texts the chat adapters say alike (Japanese, polite, by default); each adapter adds its own. */
export const CHAT_TEXTS = {
  welcome: {
    ja: 'テレワーク相談ボットを追加いただきありがとうございます。地方公共団体のテレワーク(導入、支援策、特別交付税、情報セキュリティ、問い合わせ先など)について、出典付きでお答えします。',
    en: 'Thank you for adding the telework help bot. I answer questions about telework in local governments (adoption, support schemes, special allocation tax, security, contacts), with sources.',
  },
  sourcesLabel: { ja: '出典', en: 'Sources' },
  officeLabel: { ja: '担当窓口', en: 'Responsible office' },
  page: { ja: (p: number) => `${p}ページ`, en: (p: number) => `p. ${p}` },
  ticketAnswerSent: { ja: (id: string) => `${id} の回答を質問者に送りました。`, en: (id: string) => `The answer to ${id} has been sent to the asker.` },
  ticketAnswerFailed: { ja: (reason: string) => `回答を送れませんでした: ${reason}`, en: (reason: string) => `The answer was not sent: ${reason}` },
  remindUnavailable: {
    ja: 'リマインダー機能は現在ご利用いただけません(サーバーでリマインダーが有効になっていません)。',
    en: 'Reminders are not available (they are not running on this server).',
  },
} as const;

export const tx = <T>(m: { ja: T; en: T }, lang: Lang): T => m[lang];
