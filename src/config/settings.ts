import { z } from 'zod';
import { parseRedisUrl, RedisUrlError } from '../store/redis-url.js';
import { parseAllowedSenders } from '../mail/inbox/senders.js';
import { parseTicketRoutes } from '../tickets/routes-schema.js';

/** A console role as settings and claims name it: admin, hr, curator, or office:<office id>. */
export const ROLE_NAME = /^(admin|hr|curator|office:[\w-]{1,64})$/;

/** OIDC_ROLES_JSON: {"claim value": ["admin" | "hr" | "curator" | "office:<id>", …]}. */
export function parseOidcRoles(text: string): { ok: true; map: Record<string, string[]> } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'is not valid JSON' };
  }
  const parsed = z.record(z.string().min(1), z.array(z.string().regex(ROLE_NAME, 'roles are admin, hr, curator or office:<office id>')).min(1)).safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, error: `${i.path.join('.') || 'value'}: ${i.message}` };
  }
  return { ok: true, map: parsed.data };
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const flag = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return false;
    if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
    ctx.addIssue({ code: 'custom', message: 'must be 1/0, true/false, yes/no or on/off' });
    return z.NEVER;
  });

const url = (protocols: string[]) =>
  optionalString.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(', ')})` },
  );

/** A number from the environment; an empty value means "not set" (the default), never 0. */
const envNumber = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

/** Environment variables, as in shared/CONTRACT.md (Server). Validated once at start-up. */
export const EnvSchema = z.object({
  PORT: envNumber(z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** redis://, rediss://, redis+sentinel://h1:26379,h2/master, redis+cluster://h1,h2 (see src/store/redis-url.ts). */
  REDIS_URL: optionalString.superRefine((v, ctx) => {
    if (v === undefined) return;
    try {
      parseRedisUrl(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof RedisUrlError ? e.message : 'is not a usable Redis URL' });
    }
  }),
  REDIS_PREFIX: z.string().min(1).default('telework:'),
  /**
   * Replicas that must confirm a ticket or reminder write (Redis WAIT) before it is answered 2xx;
   * unset: 1 with redis+sentinel://, 0 otherwise. Not confirmed in time: 503 with the reason.
   */
  REDIS_WAIT_REPLICAS: envNumber(z.coerce.number().int().min(0).max(16).optional()),
  REDIS_WAIT_TIMEOUT_MS: envNumber(z.coerce.number().int().min(10).max(60_000).default(1000)),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: url(['http:', 'https:']),
  TEAMS_ENABLED: flag,
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** LINE WORKS (Bot API 2.0): the adapter runs when the bot id and secret are set; the rest is then required (see lineworksMissing). */
  LINEWORKS_CLIENT_ID: optionalString,
  LINEWORKS_CLIENT_SECRET: optionalString,
  LINEWORKS_SERVICE_ACCOUNT: optionalString,
  /** The app's private key (PEM; literal \n sequences are accepted), or a file holding it. */
  LINEWORKS_PRIVATE_KEY: optionalString,
  LINEWORKS_PRIVATE_KEY_FILE: optionalString,
  LINEWORKS_BOT_ID: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(v), { message: 'must be a bot id (digits, as shown in the Developer Console)' }),
  LINEWORKS_BOT_SECRET: optionalString,
  /** The bot's display name: in rooms it answers messages that mention it (@name). */
  LINEWORKS_BOT_NAME: z.string().trim().min(1).max(100).default('テレワーク相談ボット'),
  LINEWORKS_API_URL: url(['http:', 'https:']).transform((v) => v ?? 'https://www.worksapis.com/v1.0'),
  LINEWORKS_AUTH_URL: url(['http:', 'https:']).transform((v) => v ?? 'https://auth.worksmobile.com/oauth2/v2.0/token'),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters',
  }),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: optionalString,
  /** Per-office extra ticket delivery: JSON {"hr": {"webhook"?, "slackChannel"?, "teamsConversation"?, "email"?}} (see src/tickets/routes-config.ts). */
  TICKET_ROUTES_JSON: optionalString.superRefine((v, ctx) => {
    // Checked here so that a bad value stops the start before anything connects; office ids are checked against contacts.yaml later.
    const r = v === undefined ? null : parseTicketRoutes(v);
    if (r !== null && !r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  }),
  /** Delivery attempts per ticket and channel before it is recorded as delivery-failed. */
  TICKET_DELIVERY_ATTEMPTS: envNumber(z.coerce.number().int().min(1).max(50).default(8)),
  /** First retry delay; each further retry doubles it. */
  TICKET_DELIVERY_BACKOFF_MS: envNumber(z.coerce.number().int().min(10).max(3_600_000).default(5000)),
  /** Office replies by e-mail (src/mail/inbox): the mailbox the ticket mails' Reply-To points at. */
  IMAP_URL: url(['imap:', 'imaps:']).refine((v) => v === undefined || !URL.canParse(v) || (new URL(v).username !== '' && new URL(v).password !== ''), {
    message: 'must carry the user and password: imaps://user:pass@host:993',
  }),
  IMAP_FOLDER: optionalString.transform((v) => v ?? 'INBOX'),
  /** Where applied (and ignored) replies are moved; unset = they stay, marked as seen. */
  IMAP_DONE_FOLDER: optionalString,
  /** Where replies held for review are moved; unset = they stay in IMAP_FOLDER, flagged. */
  IMAP_HELD_FOLDER: optionalString,
  IMAP_POLL_SECONDS: envNumber(z.coerce.number().int().min(1).max(3600).default(60)),
  /** Extra addresses per office whose replies answer: {"hr": ["a@example.jp"]}. */
  IMAP_ALLOWED_SENDERS_JSON: optionalString.superRefine((v, ctx) => {
    const r = v === undefined ? null : parseAllowedSenders(v);
    if (r !== null && !r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  }),
  /** The Reply-To of ticket mails when IMAP_URL is set (default: MAIL_FROM): the address IMAP_URL's mailbox receives. */
  MAIL_REPLY_TO: optionalString,
  /** Days the audit log keeps ticket and reminder events and answers given. */
  AUDIT_RETENTION_DAYS: envNumber(z.coerce.number().int().min(1).max(3650).default(365)),
  /**
   * Rate limits (0 = off): questions, feedback and escalation requests per client (IP) and minute
   * on the HTTP API, and tickets per person (chat user, or web client) and day, the same question
   * again joining the person's open ticket. Counted in Redis across instances when REDIS_URL is set.
   */
  RATE_LIMIT_ASK_PER_MINUTE: envNumber(z.coerce.number().int().min(0).max(1_000_000).default(60)),
  RATE_LIMIT_FEEDBACK_PER_MINUTE: envNumber(z.coerce.number().int().min(0).max(1_000_000).default(60)),
  RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE: envNumber(z.coerce.number().int().min(0).max(1_000_000).default(10)),
  RATE_LIMIT_ESCALATIONS_PER_DAY: envNumber(z.coerce.number().int().min(0).max(1_000_000).default(10)),
  /** Reverse proxies in front of the server (hops), so that limits count the client's address, not the proxy's. */
  TRUST_PROXY: envNumber(z.coerce.number().int().min(0).max(10).default(0)),
  /** Reminders: who may manage them from chat (comma lists of Slack user ids, Slack user group ids, Teams user ids). */
  HR_SLACK_USER_IDS: z.string().optional().transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')),
  HR_SLACK_USERGROUP_IDS: z.string().optional().transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')),
  HR_TEAMS_USER_IDS: z.string().optional().transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')),
  HR_LINEWORKS_USER_IDS: z.string().optional().transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '')),
  /** Reminder runs missed while everything was down are sent at start-up when younger than this, else skipped and logged. */
  REMINDER_CATCHUP_MAX_AGE_MINUTES: envNumber(z.coerce.number().min(1).max(7 * 24 * 60).default(60)),
  /** Delivery attempts per reminder run and the first retry's delay (doubled each time). */
  REMINDER_RETRY_ATTEMPTS: envNumber(z.coerce.number().int().min(1).max(20).default(5)),
  REMINDER_RETRY_BACKOFF_MS: envNumber(z.coerce.number().int().min(10).max(600_000).default(2000)),
  /** Console sign-in with OpenID Connect (src/console/oidc.ts); unset = local sign-in with ADMIN_TOKEN only. */
  OIDC_ISSUER_URL: url(['http:', 'https:']),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** This server's callback as registered with the provider: https://host/admin/oidc/callback. */
  OIDC_REDIRECT_URL: url(['http:', 'https:']),
  /** The claim holding the person's roles or groups (a string or an array). */
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default('roles'),
  /** Claim value → console roles, e.g. {"tw-admins": ["admin"], "hr-desk": ["office:hr", "hr"]}; values already named like a role count as that role. */
  OIDC_ROLES_JSON: optionalString.superRefine((v, ctx) => {
    if (v === undefined) return;
    const r = parseOidcRoles(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  }),
  KNOWLEDGE_DIR: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_LANG: z.enum(['ja', 'en']).default('ja'),
  /** Optional generator: an OpenAI-compatible endpoint or Ollama, through LangChain. */
  LLM_PROVIDER: z.enum(['openai', 'ollama']).optional(),
  LLM_BASE_URL: url(['http:', 'https:']),
  LLM_MODEL: optionalString,
  LLM_API_KEY: optionalString,
  LLM_TIMEOUT_MS: envNumber(z.coerce.number().int().min(100).max(120_000).default(10_000)),
});
export type Env = z.infer<typeof EnvSchema>;

export class SettingsError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'SettingsError';
  }
}

/** Parse the environment; the first problem becomes a SettingsError naming the variable. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new SettingsError(variable, issue.message);
  }
  const s = parsed.data;
  if ((s.SLACK_SIGNING_SECRET === undefined) !== (s.SLACK_BOT_TOKEN === undefined) && s.SLACK_APP_TOKEN === undefined) {
    const missing = s.SLACK_SIGNING_SECRET === undefined ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
    throw new SettingsError(missing, 'is required when the other Slack setting is present');
  }
  if (s.SLACK_APP_TOKEN !== undefined && s.SLACK_BOT_TOKEN === undefined) {
    throw new SettingsError('SLACK_BOT_TOKEN', 'is required for Socket Mode (SLACK_APP_TOKEN is set)');
  }
  if (s.MICROSOFT_APP_ID !== undefined && s.MICROSOFT_APP_PASSWORD === undefined && s.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    throw new SettingsError('MICROSOFT_APP_PASSWORD', 'is required when MICROSOFT_APP_ID is set');
  }
  if ((s.MICROSOFT_APP_TYPE === 'SingleTenant' || s.MICROSOFT_APP_TYPE === 'UserAssignedMSI') && s.MICROSOFT_APP_TENANT_ID === undefined) {
    throw new SettingsError('MICROSOFT_APP_TENANT_ID', `is required when MICROSOFT_APP_TYPE is ${s.MICROSOFT_APP_TYPE}`);
  }
  const lineworks = lineworksMissing(s);
  if (lineworks !== null) throw new SettingsError(lineworks, 'is required for LINE WORKS (set every LINEWORKS_* setting, or none)');
  if (s.LINEWORKS_PRIVATE_KEY !== undefined && s.LINEWORKS_PRIVATE_KEY_FILE !== undefined) {
    throw new SettingsError('LINEWORKS_PRIVATE_KEY_FILE', 'set LINEWORKS_PRIVATE_KEY or LINEWORKS_PRIVATE_KEY_FILE, not both');
  }
  if (s.OIDC_ISSUER_URL !== undefined) {
    for (const v of ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const) if (s[v] === undefined) throw new SettingsError(v, 'is required when OIDC_ISSUER_URL is set');
  }
  if (s.LLM_PROVIDER !== undefined && s.LLM_MODEL === undefined) {
    throw new SettingsError('LLM_MODEL', 'is required when LLM_PROVIDER is set');
  }
  return s;
}

export const slackEnabled = (s: Env): boolean => s.SLACK_BOT_TOKEN !== undefined && (s.SLACK_SIGNING_SECRET !== undefined || s.SLACK_APP_TOKEN !== undefined);
export const teamsEnabled = (s: Env): boolean => s.TEAMS_ENABLED;
export const lineworksEnabled = (s: Env): boolean => s.LINEWORKS_BOT_ID !== undefined && s.LINEWORKS_BOT_SECRET !== undefined;

/** The first LINE WORKS setting missing from a half-set configuration, or null (all set, or none). */
export function lineworksMissing(s: Env): string | null {
  const required = {
    LINEWORKS_BOT_ID: s.LINEWORKS_BOT_ID,
    LINEWORKS_BOT_SECRET: s.LINEWORKS_BOT_SECRET,
    LINEWORKS_CLIENT_ID: s.LINEWORKS_CLIENT_ID,
    LINEWORKS_CLIENT_SECRET: s.LINEWORKS_CLIENT_SECRET,
    LINEWORKS_SERVICE_ACCOUNT: s.LINEWORKS_SERVICE_ACCOUNT,
    LINEWORKS_PRIVATE_KEY: s.LINEWORKS_PRIVATE_KEY ?? s.LINEWORKS_PRIVATE_KEY_FILE,
  };
  const set = Object.values(required).filter((v) => v !== undefined).length;
  if (set === 0) return null;
  const missing = Object.entries(required).find(([, v]) => v === undefined);
  return missing === undefined ? null : missing[0];
}
