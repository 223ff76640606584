import { CHAT_TEXTS, tx } from '../chat-texts.js';

/** User-facing texts of the LINE WORKS adapter: the shared chat texts and its own (Japanese, polite, by default). */
export const LINEWORKS_TEXTS = {
  ...CHAT_TEXTS,
  help: {
    ja: (name: string) =>
      `テレワーク相談ボットです。テレワークについてのご質問を、1:1 のトークではそのまま送ってください。複数人のトークルームでは「@${name} 質問」のようにボットをメンションしてください(例: 特別交付税の措置率は?)。ご自身のお問い合わせの状況は「問い合わせ状況」で確認できます。`,
    en: (name: string) =>
      `I am the telework help bot. In a 1:1 chat, just send your question. In a room, mention me first ("@${name} question"), e.g. "What is the special allocation tax rate?". Send "ticket status" to see your tickets.`,
  },
  ticketAnswerUsage: {
    ja: '使い方: @ボット名 answer TW-2026-000123 回答文(担当窓口のトークルームで、ボットをメンションして送ってください)',
    en: "Usage: @bot answer TW-2026-000123 answer text (in the office's room, mentioning the bot)",
  },
  ticketAnswerNotAllowed: {
    ja: (id: string) => `${id} にはこのトークルームから回答できません(担当窓口のトークルームからお送りください)。`,
    en: (id: string) => `${id} cannot be answered from this room (use the office's room).`,
  },
} as const;

export { tx };
