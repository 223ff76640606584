import { parseArgs } from 'node:util';
import type { Reminder } from '../../reminders/model.js';
import { REMIND_TEXTS, reminderLine, viewText } from '../../reminders/texts.js';
import { UsageError } from '../usage-error.js';

export const REMIND_USAGE = `usage:
  telework-bot remind list [--json]
  telework-bot remind show|pause|resume|delete ID [--json]
  telework-bot remind add --text TEXT (--at ISO | --cron "m h dom mon dow") (--channel ID | --users ID,ID)
                          [--platform slack|teams] [--tz Asia/Tokyo] [--skip-holidays] [--skip-yearend] [--json]
  talks to a running server's admin API: --url (or TELEWORK_URL, default http://127.0.0.1:$PORT) with ADMIN_TOKEN`;

type Out = { write(s: string): unknown };
type ApiReminder = Reminder & { nextRuns: string[]; nextRunsJst: string[]; deliveries?: Array<{ runAt: string; status: string; error?: string }> };

/**
 * `telework-bot remind …`: manage reminders through the admin API of a running server, so
 * it works the same with Redis or the embedded store (and every change is audited there).
 */
export async function runRemindCommand(argv: string[], env: NodeJS.ProcessEnv = process.env, out: Out = process.stdout, err: Out = process.stderr): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      text: { type: 'string' },
      at: { type: 'string' },
      cron: { type: 'string' },
      tz: { type: 'string' },
      channel: { type: 'string' },
      users: { type: 'string' },
      platform: { type: 'string' },
      'skip-holidays': { type: 'boolean' },
      'skip-yearend': { type: 'boolean' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [sub, id, ...extra] = positionals;
  if (values.help || sub === undefined) {
    out.write(`${REMIND_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${REMIND_USAGE}`);
  const lang = values.lang === 'en' ? 'en' : 'ja';
  const token = env['ADMIN_TOKEN']?.trim();
  if (!token) throw new UsageError('ADMIN_TOKEN is required (the server\'s admin token)');
  const base = (values.url ?? env['TELEWORK_URL'] ?? `http://127.0.0.1:${env['PORT'] ?? '3000'}`).replace(/\/+$/, '');
  let parsedBase: URL;
  try {
    parsedBase = new URL(base);
  } catch {
    throw new UsageError(`--url is not a URL: ${base}`);
  }

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; data: any }> => {
    let res: Response;
    try {
      res = await fetch(new URL(`/api/reminders${path}`, parsedBase), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      // A server that is not running is an expected situation: one line, not a stack trace.
      return { status: 0, data: { error: `cannot reach ${parsedBase.origin} (${(e as Error).message}); is \`telework-bot serve\` running?`, message: `${parsedBase.origin} に接続できません。サーバー(telework-bot serve)が起動しているかご確認ください。` } };
    }
    const text = await res.text();
    try {
      return { status: res.status, data: text === '' ? null : JSON.parse(text) };
    } catch {
      return { status: res.status, data: { error: `HTTP ${res.status}: not JSON` } };
    }
  };
  const failed = (r: { status: number; data: any }): number => {
    err.write(`error: ${r.data?.[lang === 'ja' ? 'message' : 'error'] ?? r.data?.error ?? `HTTP ${r.status}`}\n`);
    return 1;
  };
  const print = (data: unknown, human: () => string): number => {
    out.write(values.json ? `${JSON.stringify(data)}\n` : `${human()}\n`);
    return 0;
  };
  const view = (d: ApiReminder) => ({ reminder: d, nextRuns: d.nextRuns, nextRunsJst: d.nextRunsJst });

  switch (sub) {
    case 'list': {
      const r = await call('GET', '');
      if (r.status !== 200) return failed(r);
      const list = r.data as Reminder[];
      return print(list, () => (list.length === 0 ? REMIND_TEXTS.none[lang] : list.map((x) => reminderLine(x, lang)).join('\n')));
    }
    case 'show':
    case 'pause':
    case 'resume':
    case 'delete': {
      if (id === undefined) throw new UsageError(`remind ${sub} needs a reminder ID`);
      const path = `/${encodeURIComponent(id)}`;
      const r = sub === 'show' ? await call('GET', path) : sub === 'delete' ? await call('DELETE', path) : await call('POST', `${path}/${sub}`);
      if (r.status >= 300) return failed(r);
      if (sub === 'delete') return print({ id, deleted: true }, () => REMIND_TEXTS.deleted[lang](id));
      const d = r.data as ApiReminder;
      const head = sub === 'pause' ? REMIND_TEXTS.paused[lang](id) : sub === 'resume' ? REMIND_TEXTS.resumed[lang](id) : null;
      return print(d, () => {
        const log = (d.deliveries ?? []).map((e) => `・${e.runAt} ${e.status}${e.error ? ` (${e.error})` : ''}`);
        return [viewText(view(d), head, lang), ...(log.length > 0 ? [REMIND_TEXTS.deliveries[lang], ...log] : [])].join('\n');
      });
    }
    case 'add': {
      if (id !== undefined) throw new UsageError(`unexpected argument "${id}"`);
      if (values.text === undefined) throw new UsageError('remind add needs --text');
      if ((values.channel === undefined) === (values.users === undefined)) throw new UsageError('remind add needs exactly one of --channel or --users');
      const platform = values.platform ?? 'slack';
      const target = values.channel !== undefined ? { platform, channelId: values.channel } : { platform, userIds: values.users!.split(',').map((u) => u.trim()).filter((u) => u !== '') };
      const body = {
        text: values.text,
        target,
        ...(values.at !== undefined ? { at: values.at } : {}),
        ...(values.cron !== undefined ? { cron: values.cron } : {}),
        ...(values.tz !== undefined ? { timezone: values.tz } : {}),
        skipHolidays: values['skip-holidays'] ?? false,
        skipYearEnd: values['skip-yearend'] ?? false,
        lang,
        actor: { platform: 'cli', userId: env['USER'] ?? 'cli' },
      };
      const r = await call('POST', '', body);
      if (r.status !== 201) return failed(r);
      const d = r.data as ApiReminder;
      return print(d, () => viewText(view(d), REMIND_TEXTS.created[lang](d.id), lang));
    }
    default:
      throw new UsageError(`unknown remind command "${sub}"\n${REMIND_USAGE}`);
  }
}
