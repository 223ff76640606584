/**
 * Which failures mean "the store cannot serve this now" (answer 503 with a reason, let the client
 * retry) rather than a bug (500). One list for every service that writes to the store.
 */

/** Socket-level failures. */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** ioredis' error classes for a lost server or cluster. */
const NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError', 'ReplicationError', 'AbortError']);
/**
 * Redis replies of a node that cannot serve now (cluster down, slot moving, replica, loading a
 * snapshot, no good replicas) and ioredis' own wording when a command cannot be sent or answered.
 */
const MESSAGES =
  /^(CLUSTERDOWN|TRYAGAIN|READONLY|LOADING|MASTERDOWN|NOREPLICAS|MOVED|ASK |BUSY|Too many Cluster redirections|Cluster isn't ready|Connection is closed|Stream isn't writeable|Reached the max retries per request limit|None of startup nodes is available|Failed to refresh slots cache|All sentinels are unreachable|Connection timeout|connect ETIMEDOUT|connect ECONNREFUSED|Connection in subscriber mode|Command aborted due to connection close|the store is closed)/;

/**
 * A short reason when `e` means the store cannot serve now (for the 503 body and logs), else null.
 * Follows `cause` and ioredis' `lastNodeError` (Cluster redirection loops).
 */
export function storeUnavailableReason(e: unknown, depth = 0): string | null {
  if (typeof e !== 'object' || e === null || depth > 4) return null;
  const x = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; lastNodeError?: unknown };
  const message = typeof x.message === 'string' ? x.message : '';
  const first = message.split('\n')[0]!.slice(0, 200);
  if (typeof x.name === 'string' && NAMES.has(x.name)) return first || x.name;
  if (typeof x.code === 'string' && CODES.has(x.code)) return first || x.code;
  if (MESSAGES.test(message)) return first;
  for (const inner of [x.lastNodeError, x.cause]) {
    if (inner !== undefined && inner !== e) {
      const r = storeUnavailableReason(inner, depth + 1);
      if (r !== null) return r;
    }
  }
  return null;
}

export const isStoreUnavailableError = (e: unknown): boolean => storeUnavailableReason(e) !== null;

/** A write that the master took but no replica confirmed in time: it may be lost in a failover. */
export class ReplicationError extends Error {
  override readonly name = 'ReplicationError';
  readonly status = 503;
  constructor(
    readonly wanted: number,
    readonly acked: number,
    timeoutMs: number,
  ) {
    super(`NOREPLICAS the write reached ${acked} of ${wanted} replica(s) within ${timeoutMs} ms; it may be lost if the master fails over`);
  }
}
