import type { Lang } from '../core/answer.js';
import type { Logger } from '../logging/logger.js';
import type { ChatUser, ReminderAuthorizer } from './authorization.js';
import { ReminderError } from './errors.js';
import type { ReminderTarget } from './model.js';
import type { ReminderService } from './service.js';
import { REMIND_TEXTS, reminderLine, viewText } from './texts.js';

/** What a `remind …` command asks for, independent of the platform. */
export type RemindCommand =
  | { kind: 'help' }
  | { kind: 'form' }
  | { kind: 'list' }
  | { kind: 'show' | 'pause' | 'resume' | 'delete'; id: string }
  | { kind: 'add'; draft: AddDraft }
  | { kind: 'invalid'; reason: { ja: string; en: string } };

/** A reminder as typed in chat; the target may still be "here" (the current conversation). */
export interface AddDraft {
  text: string;
  cron?: string;
  at?: string;
  timezone?: string;
  skipHolidays: boolean;
  skipYearEnd: boolean;
  where: { here: true } | { channelId: string } | { userIds: string[] } | null;
}

/** Splits on white space, keeping "double" or 「かぎ括弧」 quoted parts together. */
function tokenize(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

const SLACK_CHANNEL = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/;
const SLACK_USER = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/;
const TIME = /^\d{1,2}:\d{2}$/;
const ID = /^rem_[a-z0-9]{12}$/;

/** Parses the text after "remind" (e.g. from `/telework remind …` or a Teams message). */
export function parseRemindCommand(input: string): RemindCommand {
  const tokens = tokenize(input.trim());
  const verb = (tokens[0] ?? '').toLowerCase();
  switch (verb) {
    case '':
    case 'new':
    case 'form':
      return { kind: 'form' };
    case 'help':
      return { kind: 'help' };
    case 'list':
    case 'ls':
      return { kind: 'list' };
    case 'show':
    case 'pause':
    case 'resume':
    case 'delete': {
      const id = tokens[1];
      return id !== undefined && ID.test(id) ? { kind: verb, id } : { kind: 'invalid', reason: REMIND_TEXTS.needId };
    }
    case 'add':
      return parseAdd(tokens.slice(1));
    default:
      return { kind: 'invalid', reason: { ja: `${REMIND_TEXTS.unknown.ja(verb)}\n${REMIND_TEXTS.help.ja}`, en: `${REMIND_TEXTS.unknown.en(verb)}\n${REMIND_TEXTS.help.en}` } };
  }
}

function parseAdd(tokens: string[]): RemindCommand {
  const d: AddDraft = { text: '', skipHolidays: false, skipYearEnd: false, where: null };
  const users: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const lower = t.toLowerCase();
    if (lower === 'at' && tokens[i + 1] !== undefined) {
      // "at 2026-12-01 09:00" (two tokens) or "at 2026-12-01T09:00".
      const time = tokens[i + 2];
      d.at = time !== undefined && TIME.test(time) ? `${tokens[i + 1]} ${time.padStart(5, '0')}` : tokens[i + 1]!;
      i += time !== undefined && TIME.test(time) ? 3 : 2;
    } else if (lower === 'cron' && tokens[i + 1] !== undefined) {
      // Quoted ("0 9 * * 1-5") or five bare fields.
      if (tokens[i + 1]!.includes(' ')) {
        d.cron = tokens[i + 1]!;
        i += 2;
      } else {
        d.cron = tokens.slice(i + 1, i + 6).join(' ');
        i += 6;
      }
    } else if (lower === 'tz' && tokens[i + 1] !== undefined) {
      d.timezone = tokens[i + 1]!;
      i += 2;
    } else if (lower === 'skip-holidays' || t === '祝日除く') {
      d.skipHolidays = true;
      i += 1;
    } else if (lower === 'skip-yearend' || t === '年末年始除く') {
      d.skipYearEnd = true;
      i += 1;
    } else if (lower === 'here') {
      d.where = { here: true };
      i += 1;
    } else if (lower === 'channel' && tokens[i + 1] !== undefined) {
      const c = tokens[i + 1]!;
      d.where = { channelId: SLACK_CHANNEL.exec(c)?.[1] ?? c };
      i += 2;
    } else if (SLACK_CHANNEL.test(t)) {
      d.where = { channelId: SLACK_CHANNEL.exec(t)![1]! };
      i += 1;
    } else if (lower === 'users' && tokens[i + 1] !== undefined) {
      users.push(...tokens[i + 1]!.split(',').map((u) => SLACK_USER.exec(u.trim())?.[1] ?? u.trim()).filter((u) => u !== ''));
      i += 2;
    } else if (SLACK_USER.test(t)) {
      users.push(SLACK_USER.exec(t)![1]!);
      i += 1;
    } else {
      break; // The rest is the text.
    }
  }
  if (users.length > 0) d.where = { userIds: users };
  d.text = tokens.slice(i).join(' ').trim();
  if (d.text === '') return { kind: 'invalid', reason: REMIND_TEXTS.needText };
  if (d.where === null) return { kind: 'invalid', reason: REMIND_TEXTS.needTarget };
  return { kind: 'add', draft: d };
}

export interface RemindDeps {
  service: ReminderService;
  authorizer: ReminderAuthorizer;
  lang: Lang;
  logger?: Pick<Logger, 'error'>;
}

/** Resolves a draft's destination on the caller's platform ("here" = the conversation it came from). */
export function targetOf(draft: AddDraft, platform: ChatUser['platform'], hereChannelId: string | undefined): ReminderTarget | null {
  const w = draft.where;
  if (w === null) return null;
  if ('here' in w) return hereChannelId === undefined ? null : { platform, channelId: hereChannelId };
  if ('channelId' in w) return { platform, channelId: w.channelId };
  return { platform, userIds: w.userIds };
}

/**
 * The whole `remind` command for any chat platform: authorise (HR allowlist), run, and
 * answer with a reply text. The Teams adapter calls this with the conversation id as `here`;
 * Slack uses it for everything but the form (a modal).
 */
export async function handleRemindCommand(text: string, actor: ChatUser, deps: RemindDeps, here?: { channelId?: string }): Promise<string> {
  const lang = deps.lang;
  if (!(await deps.authorizer.isAllowed(actor))) {
    await deps.service.denied(actor, `remind ${text}`);
    return REMIND_TEXTS.refused[lang];
  }
  const cmd = parseRemindCommand(text);
  try {
    switch (cmd.kind) {
      case 'help':
      case 'form':
        return REMIND_TEXTS.help[lang];
      case 'invalid':
        return cmd.reason[lang];
      case 'list': {
        const all = await deps.service.list();
        return all.length === 0 ? REMIND_TEXTS.none[lang] : all.map((r) => reminderLine(r, lang)).join('\n');
      }
      case 'show': {
        const d = await deps.service.get(cmd.id);
        const log = d.deliveries.slice(-5).map((e) => `・${e.runAt} ${e.status}${e.error ? ` (${e.error})` : ''}`);
        return [viewText(d, null, lang), ...(log.length > 0 ? [REMIND_TEXTS.deliveries[lang], ...log] : [])].join('\n');
      }
      case 'pause':
        await deps.service.pause(cmd.id, actor);
        return REMIND_TEXTS.paused[lang](cmd.id);
      case 'resume':
        return viewText(await deps.service.resume(cmd.id, actor), REMIND_TEXTS.resumed[lang](cmd.id), lang);
      case 'delete':
        await deps.service.delete(cmd.id, actor);
        return REMIND_TEXTS.deleted[lang](cmd.id);
      case 'add': {
        const target = targetOf(cmd.draft, actor.platform, here?.channelId);
        if (target === null) return REMIND_TEXTS.needTarget[lang];
        const { where: _where, ...rest } = cmd.draft;
        const view = await deps.service.create({ ...rest, target, lang }, actor);
        return viewText(view, REMIND_TEXTS.created[lang](view.reminder.id), lang);
      }
    }
  } catch (e) {
    if (e instanceof ReminderError) return lang === 'ja' ? e.ja : e.en;
    deps.logger?.error({ err: e }, 'remind command failed');
    return REMIND_TEXTS.failed[lang];
  }
}
