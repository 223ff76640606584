/** Retries of calls to LINE WORKS (token endpoint and Bot API): 429 and 5xx are worth another try. */
export interface RetryPolicy {
  attempts: number;
  /** First delay; doubled each retry, capped at maxDelayMs. A Retry-After header wins when shorter than the cap. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 10_000 };
/** One call may not hang a send forever. */
const REQUEST_TIMEOUT_MS = 15_000;

export class LineWorksHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    /** The start of the response body (LINE WORKS error code and description), for logs. */
    readonly detail: string,
  ) {
    super(`LINE WORKS answered ${status} for ${new URL(url).pathname}${detail ? `: ${detail}` : ''}`);
    this.name = 'LineWorksHttpError';
  }
}

export const isRetryable = (status: number): boolean => status === 429 || status >= 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Seconds or an HTTP date, as milliseconds from now; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const s = Number(header);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * fetch with retries on 429, 5xx and network failures (exponential backoff, Retry-After honoured
 * up to the cap). Any other answer is returned as it is, for the caller to judge.
 */
export async function fetchWithRetry(url: string, init: () => RequestInit, policy: RetryPolicy = DEFAULT_RETRY): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    let wait = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    try {
      const res = await fetch(url, { ...init(), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (!isRetryable(res.status) || attempt === policy.attempts) return res;
      const hinted = retryAfterMs(res.headers.get('retry-after'));
      if (hinted !== null) wait = Math.min(hinted, policy.maxDelayMs);
      await res.body?.cancel().catch(() => {});
      lastError = new LineWorksHttpError(res.status, url, '');
    } catch (err) {
      lastError = err;
      if (attempt === policy.attempts) break;
    }
    await sleep(wait);
  }
  throw lastError;
}

/** The start of an error body, for messages and logs (never a token: only error responses are read). */
export async function errorDetail(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
