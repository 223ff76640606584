import type { Lang } from '../../src/core/answer.js';

/** User-facing texts that only the Slack adapter needs (Japanese, polite, by default). */
export const SLACK_TEXTS = {
  help: {
    ja: 'テレワーク相談ボットです。テレワークについてのご質問を、`@ボット名 質問` のようにメンションするか、`/telework 質問` で送ってください(例: `/telework 特別交付税の措置率は?`)。ダイレクトメッセージでもご質問いただけます。',
    en: 'I am the telework help bot. Mention me with your question (`@bot question`), use `/telework question`, or send me a direct message (e.g. `/telework What is the special allocation tax rate?`).',
  },
  questionLabel: { ja: '質問', en: 'Question' },
  sourcesLabel: { ja: '出典', en: 'Sources' },
  officeLabel: { ja: '担当窓口', en: 'Responsible office' },
  page: { ja: (p: number) => `${p}ページ`, en: (p: number) => `p. ${p}` },
  share: { ja: 'チャンネルに投稿', en: 'Post to channel' },
  shared: { ja: 'チャンネルに投稿しました。', en: 'Posted to the channel.' },
  shareFailed: {
    ja: 'チャンネルに投稿できませんでした。ボットをこのチャンネルに追加してから、もう一度お試しください。',
    en: 'I could not post to the channel. Please add the bot to the channel and try again.',
  },
  actionsFallback: { ja: '回答への操作', en: 'Actions for this answer' },
} as const;

export const tx = <T>(m: { ja: T; en: T }, lang: Lang): T => m[lang];
