import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { redactPersonalData } from '../safety/redact.js';

export type { Logger } from 'pino';

/** Field names whose values are secrets, never logged at all. */
const SECRET_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'password',
  'secret',
  '*.token',
  '*.password',
  '*.secret',
];

/** Redacts personal data inside every string of a log record (questions, answers, errors). */
function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value).text;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactPersonalData(value.message).text, stack: value.stack ? redactPersonalData(value.stack).text : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrub(v, depth + 1);
  return out;
}

/** Human-readable lines for a person at a terminal (synchronous: no worker thread, nothing lost at exit). */
function prettyDestination(): DestinationStream {
  return pinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' });
}

/**
 * The project's structured logger: pino, JSON lines, with personal data (My Number, phone
 * numbers, e-mail addresses, names with honorifics) redacted from every message and field.
 * `pretty` (a terminal) prints the same records as readable lines instead of JSON.
 */
export function createLogger(opts: { level?: string; name?: string; pretty?: boolean } = {}, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: opts.name ?? 'telework-bot',
    level: opts.level ?? 'info',
    redact: { paths: SECRET_PATHS, censor: '[secret]' },
    formatters: { log: (record) => scrub(record) as Record<string, unknown> },
    hooks: {
      // The message string is not a field, so it is scrubbed here.
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? redactPersonalData(a).text : a)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
  const dest = destination ?? (opts.pretty ? prettyDestination() : undefined);
  return dest ? pino(options, dest) : pino(options);
}
