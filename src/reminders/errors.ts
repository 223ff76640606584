import { isStoreUnavailableError, storeUnavailableReason } from '../store/unavailable.js';

/** A refusal with an HTTP status and a reason in both languages. */
export class ReminderError extends Error {
  override readonly name = 'ReminderError';
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    readonly code: string,
    readonly en: string,
    readonly ja: string,
  ) {
    super(en);
  }
}

export const notFound = (id: string): ReminderError =>
  new ReminderError(404, 'not_found', `no reminder with id ${id}`, `ID「${id}」のリマインダーは見つかりません。`);

/** Network errors that mean "the store (Redis) cannot be reached", not "the request is wrong". */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const UNREACHABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
/** ioredis' own wording when a command cannot be sent or answered. */
const UNREACHABLE_MESSAGE = /^(Connection is closed\.|Stream isn't writeable|Reached the max retries per request limit|None of startup nodes is available|Failed to refresh slots cache|All sentinels are unreachable|Connection timeout|connect ETIMEDOUT|connect ECONNREFUSED)/;

/**
 * True for errors that mean the shared store is unreachable (ioredis connection errors,
 * MaxRetriesPerRequestError, or anything carrying status 503): the API answers 503, not 500.
 */
export function isStoreUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as { name?: unknown; code?: unknown; status?: unknown; statusCode?: unknown; message?: unknown; cause?: unknown; lastNodeError?: unknown };
  if (x.status === 503 || x.statusCode === 503) return true;
  if (typeof x.name === 'string' && UNREACHABLE_NAMES.has(x.name)) return true;
  if (typeof x.code === 'string' && UNREACHABLE_CODES.has(x.code)) return true;
  if (typeof x.message === 'string' && UNREACHABLE_MESSAGE.test(x.message)) return true;
  if (isStoreUnavailableError(e)) return true;
  return x.cause !== undefined && x.cause !== e ? isStoreUnavailable(x.cause) : false;
}

/** The 503 for a store that cannot serve now; `e` (the store's error) gives the reason. */
export const storeUnavailable = (e?: unknown): ReminderError => {
  const reason = e === undefined ? null : storeUnavailableReason(e);
  return new ReminderError(
    503,
    'store_unavailable',
    `the reminder store (Redis) is unreachable or cannot serve now; please try again shortly${reason ? ` (${reason})` : ''}`,
    'リマインダーの保存先(Redis)に接続できません。時間をおいて再度お試しください。',
  );
};
