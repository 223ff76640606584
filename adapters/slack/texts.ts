import { CHAT_TEXTS, tx } from '../chat-texts.js';

/** User-facing texts of the Slack adapter: the shared chat texts and its own (Japanese, polite, by default). */
export const SLACK_TEXTS = {
  ...CHAT_TEXTS,
  help: {
    ja: 'テレワーク相談ボットです。テレワークについてのご質問を、`@ボット名 質問` のようにメンションするか、`/telework 質問` で送ってください(例: `/telework 特別交付税の措置率は?`)。ダイレクトメッセージでもご質問いただけます。',
    en: 'I am the telework help bot. Mention me with your question (`@bot question`), use `/telework question`, or send me a direct message (e.g. `/telework What is the special allocation tax rate?`).',
  },
  questionLabel: { ja: '質問', en: 'Question' },
  share: { ja: 'チャンネルに投稿', en: 'Post to channel' },
  shared: { ja: 'チャンネルに投稿しました。', en: 'Posted to the channel.' },
  shareFailed: {
    ja: 'チャンネルに投稿できませんでした。ボットをこのチャンネルに追加してから、もう一度お試しください。',
    en: 'I could not post to the channel. Please add the bot to the channel and try again.',
  },
  actionsFallback: { ja: '回答への操作', en: 'Actions for this answer' },
  ticketAnswerUsage: {
    ja: '使い方: `/telework answer TW-2026-000123 回答文`(担当窓口のチャンネルで実行してください)',
    en: 'Usage: `/telework answer TW-2026-000123 answer text` (in the office\'s channel)',
  },
  ticketAnswerNotAllowed: {
    ja: (id: string) => `${id} にはこのチャンネルから回答できません(担当窓口のチャンネルからお送りください)。`,
    en: (id: string) => `${id} cannot be answered from this channel (use the office's channel).`,
  },
  remindTitle: { ja: 'リマインダー作成', en: 'New reminder' },
  remindSubmit: { ja: '作成', en: 'Create' },
  remindCancel: { ja: 'キャンセル', en: 'Cancel' },
  remindText: { ja: '本文({date}・{weekday} が使えます)', en: 'Text ({date} and {weekday} are filled in)' },
  remindChannel: { ja: '送信先チャンネル', en: 'Channel' },
  remindUsers: { ja: 'または送信先の人(ダイレクトメッセージ)', en: 'Or people (direct message)' },
  remindAt: { ja: '日時(1回だけ、日本時間)', en: 'Date and time (once, Japan time)' },
  remindCron: { ja: 'または繰り返し(cron 5項目、日本時間)', en: 'Or repeat (five-field cron, Japan time)' },
  remindOptions: { ja: 'オプション', en: 'Options' },
  remindSkipHolidays: { ja: '祝日は送信しない', en: 'Skip public holidays' },
  remindSkipYearEnd: { ja: '年末年始(12/29〜1/3)は送信しない', en: 'Skip the year-end break (12/29–1/3)' },
  // Slack's own, shorter wording.
  remindUnavailable: { ja: 'リマインダー機能は現在利用できません。', en: 'Reminders are not available right now.' },
} as const;

export { tx };
