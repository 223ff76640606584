import type { Lang } from '../core/answer.js';
import type { Reminder } from './model.js';
import type { ReminderView } from './service.js';
import { formatEn, formatJa } from './time.js';

/** User-facing reminder texts: Japanese (polite) by default, English available. */
export const REMIND_TEXTS = {
  refused: {
    ja: '申し訳ありませんが、リマインダーの作成・変更は人事担当者のみが行えます。必要な場合は人事担当者にご依頼ください。',
    en: 'Sorry, only HR staff can create or change reminders. Please ask HR if you need one.',
  },
  help: {
    ja: [
      'リマインダーの使い方(人事担当者のみ):',
      '・`remind` または `remind new`: 入力フォームを開きます',
      '・`remind add at 2026-12-01 09:00 here 本文`: 日時を指定して1回送信します',
      '・`remind add cron 0 9 * * 1-5 skip-holidays skip-yearend channel C123 本文`: 繰り返し送信します(祝日・年末年始を除く)',
      '・`remind add at … users U123,U456 本文`: 指定した人にダイレクトメッセージで送信します',
      '・`remind list` / `remind show ID` / `remind pause ID` / `remind resume ID` / `remind delete ID`',
      '本文では {date}(例: 2026年11月25日)と {weekday}(例: 水曜日)が使えます。時刻は日本時間です。',
    ].join('\n'),
    en: [
      'Reminders (HR staff only):',
      '• `remind` or `remind new`: opens the form',
      '• `remind add at 2026-12-01 09:00 here text`: sends once',
      '• `remind add cron 0 9 * * 1-5 skip-holidays skip-yearend channel C123 text`: repeats (skipping holidays and the year-end break)',
      '• `remind add at … users U123,U456 text`: sends by direct message',
      '• `remind list` / `remind show ID` / `remind pause ID` / `remind resume ID` / `remind delete ID`',
      'The text may use {date} and {weekday}. Times are Japan time unless `tz` is given.',
    ].join('\n'),
  },
  none: { ja: '登録されているリマインダーはありません。', en: 'There are no reminders.' },
  created: { ja: (id: string) => `リマインダーを作成しました(ID: ${id})。`, en: (id: string) => `Reminder created (ID: ${id}).` },
  nextRuns: { ja: '次回以降の送信予定(日本時間):', en: 'Next runs (Japan time):' },
  paused: { ja: (id: string) => `リマインダー ${id} を一時停止しました。`, en: (id: string) => `Reminder ${id} is paused.` },
  resumed: { ja: (id: string) => `リマインダー ${id} を再開しました。`, en: (id: string) => `Reminder ${id} is resumed.` },
  deleted: { ja: (id: string) => `リマインダー ${id} を削除しました。`, en: (id: string) => `Reminder ${id} is deleted.` },
  needText: { ja: '本文を入力してください。', en: 'Please give the text to send.' },
  needTarget: {
    ja: '送信先を指定してください(`here`、`channel C123`、`users U1,U2` のいずれか)。',
    en: 'Please give a destination (`here`, `channel C123` or `users U1,U2`).',
  },
  needId: { ja: 'リマインダーの ID を指定してください(`remind list` で確認できます)。', en: 'Please give the reminder ID (see `remind list`).' },
  unknown: { ja: (w: string) => `「${w}」は使えないコマンドです。`, en: (w: string) => `Unknown command "${w}".` },
  failed: { ja: '申し訳ありません。リマインダーの処理中にエラーが発生しました。時間をおいて再度お試しください。', en: 'Sorry, something went wrong with the reminder. Please try again later.' },
  status: {
    ja: { active: '有効', paused: '一時停止中', done: '終了' },
    en: { active: 'active', paused: 'paused', done: 'finished' },
  },
  deliveries: { ja: '送信履歴:', en: 'Deliveries:' },
} as const;

const targetText = (r: Reminder, lang: Lang): string => {
  const t = r.target;
  const where = 'channelId' in t ? t.channelId : t.userIds.join(', ');
  const kind = 'channelId' in t ? (lang === 'ja' ? 'チャンネル' : 'channel') : lang === 'ja' ? 'DM' : 'DM';
  return `${t.platform} ${kind} ${where}`;
};

/** One line per reminder for lists. */
export function reminderLine(r: Reminder, lang: Lang): string {
  const when = r.cron !== undefined ? `cron ${r.cron}${r.skipHolidays ? (lang === 'ja' ? '(祝日除く)' : ' (no holidays)') : ''}${r.skipYearEnd ? (lang === 'ja' ? '(年末年始除く)' : ' (no year-end)') : ''}` : lang === 'ja' ? '1回' : 'once';
  const next = r.nextRunAt === null ? '-' : lang === 'ja' ? formatJa(new Date(r.nextRunAt), 'Asia/Tokyo') : formatEn(new Date(r.nextRunAt), 'Asia/Tokyo');
  const text = r.text.length > 40 ? `${r.text.slice(0, 40)}…` : r.text;
  return `${r.id} [${REMIND_TEXTS.status[lang][r.status]}] ${when} → ${targetText(r, lang)} / ${lang === 'ja' ? '次回' : 'next'}: ${next} / ${text}`;
}

/** A confirmation with the next runs, shown on creation and resume. */
export function viewText(v: ReminderView, headline: string | null, lang: Lang): string {
  const runs = lang === 'ja' ? v.nextRunsJst : v.nextRuns.map((s) => formatEn(new Date(s), 'Asia/Tokyo'));
  const lines = [...(headline === null ? [] : [headline]), reminderLine(v.reminder, lang)];
  if (runs.length > 0) lines.push(REMIND_TEXTS.nextRuns[lang], ...runs.map((s) => `・${s}`));
  return lines.join('\n');
}
