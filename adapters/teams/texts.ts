import type { Lang } from '../../src/core/answer.js';
import { CHAT_TEXTS, tx } from '../chat-texts.js';
import type { RemindFormField } from '../../src/reminders/form.js';

/** User-facing texts of the Teams adapter: the shared chat texts and its own (Japanese, polite, by default). */
export const TEAMS_TEXTS = {
  ...CHAT_TEXTS,
  help: {
    ja: 'テレワーク相談ボットです。テレワークについてのご質問を、個人チャットではそのまま送ってください。チャネルやグループチャットでは、ボットをメンション(@テレワーク相談ボット)してから質問を入力してください(例: 特別交付税の措置率は?)。',
    en: 'I am the telework help bot. In a personal chat, just send your question. In a channel or group chat, mention me (@telework bot) followed by your question (e.g. What is the special allocation tax rate?).',
  },
  ticket: { ja: (id: string) => `(受付番号: ${id})`, en: (id: string) => ` (reference: ${id})` },
  /** The confirm card once 送信する was pressed. */
  ticketSentTo: { ja: (office: string) => `担当窓口(${office})に次の内容を送付しました。`, en: (office: string) => `The following was sent to ${office}.` },
  ticketAnswerUsage: {
    ja: '使い方: @テレワーク相談ボット answer TW-2026-000123 回答文(担当窓口のチャネルまたはチャットで、ボットをメンションして送ってください)',
    en: "Usage: @telework bot answer TW-2026-000123 answer text (in the office's channel or chat, mentioning the bot)",
  },
  ticketAnswerNotAllowed: {
    ja: (id: string) => `${id} にはこの会話から回答できません(担当窓口のチャネルまたはチャットからお送りください)。`,
    en: (id: string) => `${id} cannot be answered from this conversation (use the office's channel or chat).`,
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

export { tx };
