import { isStoreUnavailableError } from '../store/unavailable.js';

/** A ticket request that cannot be done as asked; `status` is the HTTP status the API answers. */
export class TicketError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'TicketError';
  }
}

/** The store (Redis) could not be reached: every write is one atomic step, so nothing is half-written; the caller may retry. */
export class StoreUnavailableError extends TicketError {
  constructor(cause: unknown) {
    super(503, `the ticket store (Redis) is unreachable: the request was not carried out; please retry shortly, with the same Idempotency-Key to be safe (${(cause as Error)?.message ?? String(cause)})`);
    this.name = 'StoreUnavailableError';
  }
}

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|Connection is closed|Stream isn't writeable|max retries|MaxRetriesPerRequest|the store is closed|timed out/i;

/** True for connection-level failures of the store (and a cluster or node that cannot serve now), as opposed to bugs or bad data. */
export function isUnreachable(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === 'MaxRetriesPerRequestError' || UNREACHABLE.test(e.message) || isStoreUnavailableError(e);
}

/** Runs a store-touching step, turning connection failures into a clear 503. */
export async function storeStep<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TicketError) throw e;
    if (isUnreachable(e)) throw new StoreUnavailableError(e);
    throw e;
  }
}

/** Rejects after `ms` (a queue add must not hang a request while Redis is away). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
