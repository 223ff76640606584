import type { Lang } from '../core/answer.js';
import type { ChatUser } from './authorization.js';
import { ReminderError } from './errors.js';
import type { RemindDeps } from './command.js';
import type { ReminderView } from './service.js';
import { REMIND_TEXTS, viewText } from './texts.js';

/** The reminder form's fields as any platform collects them (Slack modal, Teams Adaptive Card). */
export interface RemindFormValues {
  text?: string | undefined;
  channelId?: string | undefined;
  userIds?: string[] | undefined;
  at?: string | undefined;
  cron?: string | undefined;
  skipHolidays?: boolean | undefined;
  skipYearEnd?: boolean | undefined;
}

export type RemindFormField = 'text' | 'channel' | 'users' | 'at' | 'cron';

export type RemindFormResult = { ok: true; view: ReminderView; text: string } | { ok: false; field: RemindFormField; message: string };

const FORM_TEXTS = {
  oneTarget: { ja: 'チャンネルか人のどちらか一方を指定してください。', en: 'Choose a channel or people, not both.' },
  noTarget: { ja: '送信先(チャンネルまたは人)を指定してください。', en: 'Choose a channel or people.' },
} as const;

/** Which form field a refusal is about, so the form shows it next to that field. */
function fieldFor(e: ReminderError): RemindFormField {
  if (['cron_fields', 'bad_cron', 'too_frequent', 'never_runs', 'bad_timezone'].includes(e.code)) return 'cron';
  if (['bad_at', 'at_in_past', 'at_too_far', 'at_skipped', 'no_schedule', 'both_schedules'].includes(e.code)) return 'at';
  if (/target/.test(e.en)) return 'channel';
  return 'text';
}

const blankToUndefined = (s: string | undefined): string | undefined => (s === undefined || s.trim() === '' ? undefined : s.trim());

/**
 * Creates a reminder from a submitted form after the HR check; refusals name the field.
 * Shared by the Slack modal and (for the Teams adapter) an Adaptive Card's Action.Submit.
 */
export async function submitRemindForm(values: RemindFormValues, actor: ChatUser, deps: RemindDeps): Promise<RemindFormResult> {
  const lang: Lang = deps.lang;
  if (!(await deps.authorizer.isAllowed(actor))) {
    await deps.service.denied(actor, 'remind form');
    return { ok: false, field: 'text', message: REMIND_TEXTS.refused[lang] };
  }
  const channelId = blankToUndefined(values.channelId);
  const userIds = (values.userIds ?? []).map((u) => u.trim()).filter((u) => u !== '');
  if (channelId !== undefined && userIds.length > 0) return { ok: false, field: 'users', message: FORM_TEXTS.oneTarget[lang] };
  if (channelId === undefined && userIds.length === 0) return { ok: false, field: 'channel', message: FORM_TEXTS.noTarget[lang] };
  const at = blankToUndefined(values.at);
  const cron = blankToUndefined(values.cron);
  const input = {
    text: values.text ?? '',
    target: channelId !== undefined ? { platform: actor.platform, channelId } : { platform: actor.platform, userIds },
    ...(at !== undefined ? { at } : {}),
    ...(cron !== undefined ? { cron } : {}),
    skipHolidays: values.skipHolidays === true,
    skipYearEnd: values.skipYearEnd === true,
    lang,
  };
  try {
    const view = await deps.service.create(input, actor);
    return { ok: true, view, text: viewText(view, REMIND_TEXTS.created[lang](view.reminder.id), lang) };
  } catch (e) {
    if (e instanceof ReminderError) return { ok: false, field: fieldFor(e), message: lang === 'ja' ? e.ja : e.en };
    deps.logger?.error({ err: e }, 'reminder form failed');
    return { ok: false, field: 'text', message: REMIND_TEXTS.failed[lang] };
  }
}

const CARD_TEXTS = {
  title: { ja: 'リマインダー作成', en: 'New reminder' },
  text: { ja: '本文({date}・{weekday} が使えます)', en: 'Text ({date} and {weekday} are filled in)' },
  textRequired: { ja: '本文を入力してください。', en: 'Please enter the text.' },
  users: { ja: '送信先の人(ユーザー ID をカンマ区切り、空欄ならこの会話)', en: 'People (user ids, comma-separated; empty = this conversation)' },
  at: { ja: '日時(1回だけ、日本時間、例: 2026-12-01 09:00)', en: 'Date and time (once, Japan time, e.g. 2026-12-01 09:00)' },
  cron: { ja: 'または繰り返し(cron 5項目、例: 0 9 * * 1-5)', en: 'Or repeat (five-field cron, e.g. 0 9 * * 1-5)' },
  skipHolidays: { ja: '祝日は送信しない', en: 'Skip public holidays' },
  skipYearEnd: { ja: '年末年始(12/29〜1/3)は送信しない', en: 'Skip the year-end break (12/29–1/3)' },
  submit: { ja: '作成', en: 'Create' },
} as const;

/** The `data.tw` value of the card's submit action, for the Teams adapter to route on. */
export const REMIND_CARD_ACTION = 'remind.create';

/**
 * The form as an Adaptive Card (1.5) for Teams. Its Action.Submit sends the inputs plus
 * `{ tw: 'remind.create', conversationId }`; pass them to `remindValuesFromCard`.
 */
export function remindAdaptiveCard(lang: Lang, conversationId: string): Record<string, unknown> {
  const t = <K extends keyof typeof CARD_TEXTS>(k: K): string => CARD_TEXTS[k][lang];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t('title'), weight: 'Bolder', size: 'Medium' },
      // A required input needs its own error message (the client shows it; validators flag its absence).
      { type: 'Input.Text', id: 'text', label: t('text'), isMultiline: true, maxLength: 2000, isRequired: true, errorMessage: t('textRequired') },
      { type: 'Input.Text', id: 'users', label: t('users') },
      { type: 'Input.Text', id: 'at', label: t('at') },
      { type: 'Input.Text', id: 'cron', label: t('cron') },
      { type: 'Input.Toggle', id: 'skipHolidays', title: t('skipHolidays'), valueOn: 'true', valueOff: 'false' },
      { type: 'Input.Toggle', id: 'skipYearEnd', title: t('skipYearEnd'), valueOn: 'true', valueOff: 'false' },
    ],
    actions: [{ type: 'Action.Submit', title: t('submit'), data: { tw: REMIND_CARD_ACTION, conversationId } }],
  };
}

/** The card's submitted data (strings) as form values; the conversation is the target unless people are given. */
export function remindValuesFromCard(data: Record<string, unknown>): RemindFormValues {
  const str = (k: string): string | undefined => (typeof data[k] === 'string' ? (data[k] as string) : undefined);
  const users = (str('users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  return {
    text: str('text'),
    ...(users.length > 0 ? { userIds: users } : { channelId: str('conversationId') }),
    at: str('at'),
    cron: str('cron'),
    skipHolidays: str('skipHolidays') === 'true',
    skipYearEnd: str('skipYearEnd') === 'true',
  };
}
