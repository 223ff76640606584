import type { Lang } from '../../src/core/answer.js';
import type { RemindFormField } from '../../src/reminders/form.js';

/** User-facing texts that only the Teams adapter needs (Japanese, polite, by default). */
export const TEAMS_TEXTS = {
  help: {
    ja: 'テレワーク相談ボットです。テレワークについてのご質問を、個人チャットではそのまま送ってください。チャネルやグループチャットでは、ボットをメンション(@テレワーク相談ボット)してから質問を入力してください(例: 特別交付税の措置率は?)。',
    en: 'I am the telework help bot. In a personal chat, just send your question. In a channel or group chat, mention me (@telework bot) followed by your question (e.g. What is the special allocation tax rate?).',
  },
  welcome: {
    ja: 'テレワーク相談ボットを追加いただきありがとうございます。地方公共団体のテレワーク(導入、支援策、特別交付税、情報セキュリティ、問い合わせ先など)について、出典付きでお答えします。',
    en: 'Thank you for adding the telework help bot. I answer questions about telework in local governments (adoption, support schemes, special allocation tax, security, contacts), with sources.',
  },
  sourcesLabel: { ja: '出典', en: 'Sources' },
  officeLabel: { ja: '担当窓口', en: 'Responsible office' },
  page: { ja: (p: number) => `${p}ページ`, en: (p: number) => `p. ${p}` },
  ticket: { ja: (id: string) => `(受付番号: ${id})`, en: (id: string) => ` (reference: ${id})` },
  /** The confirm card once 送信する was pressed. */
  ticketSentTo: { ja: (office: string) => `担当窓口(${office})に次の内容を送付しました。`, en: (office: string) => `The following was sent to ${office}.` },
  ticketAnswerUsage: {
    ja: '使い方: @テレワーク相談ボット answer TW-2026-000123 回答文(担当窓口のチャネルまたはチャットで、ボットをメンションして送ってください)',
    en: "Usage: @telework bot answer TW-2026-000123 answer text (in the office's channel or chat, mentioning the bot)",
  },
  ticketAnswerSent: { ja: (id: string) => `${id} の回答を質問者に送りました。`, en: (id: string) => `The answer to ${id} has been sent to the asker.` },
  ticketAnswerNotAllowed: {
    ja: (id: string) => `${id} にはこの会話から回答できません(担当窓口のチャネルまたはチャットからお送りください)。`,
    en: (id: string) => `${id} cannot be answered from this conversation (use the office's channel or chat).`,
  },
  ticketAnswerFailed: { ja: (reason: string) => `回答を送れませんでした: ${reason}`, en: (reason: string) => `The answer was not sent: ${reason}` },
  remindUnavailable: {
    ja: 'リマインダー機能は現在ご利用いただけません(サーバーでリマインダーが有効になっていません)。',
    en: 'Reminders are not available (they are not running on this server).',
  },
  remindCardSummary: { ja: 'リマインダー作成フォーム', en: 'New reminder form' },
  /** The reminder card's fields, to say which one a problem is about. */
  remindFields: {
    ja: { text: '本文', channel: '送信先', users: '送信先の人', at: '日時', cron: '繰り返し(cron)' },
    en: { text: 'Text', channel: 'Destination', users: 'People', at: 'Date and time', cron: 'Repeat (cron)' },
  } satisfies Record<Lang, Record<RemindFormField, string>> as Record<Lang, Record<RemindFormField, string>>,
  remindFieldProblem: {
    ja: (field: string, message: string) => `リマインダーは作成されていません。【${field}】${message}`,
    en: (field: string, message: string) => `The reminder was not created. [${field}] ${message}`,
  },
  /** Shown in notifications and by clients that cannot render the card. */
  cardSummary: { ja: 'テレワーク相談ボットの回答', en: 'Answer from the telework help bot' },
} as const;

export const tx = <T>(m: { ja: T; en: T }, lang: Lang): T => m[lang];
