import { DEFAULT_RETRY, LineWorksHttpError, type RetryPolicy, errorDetail, fetchWithRetry } from './http.js';
import type { Content } from './render.js';
import { sanitizeContent } from './render.js';
import type { AccessTokenProvider } from './token.js';

/** Where a LINE WORKS message goes: a person (1:1 with the bot) or a room (channel). */
export type Destination = { userId: string } | { channelId: string };

/**
 * The Bot API's message sending: POST {api}/bots/{botId}/users/{userId}/messages or
 * …/channels/{channelId}/messages with `{content}`. Every content passes the mention filter;
 * a refused token (401) is dropped and the send tried once more with a new one.
 */
export class LineWorksApi {
  /** Messages sent (for logs and tests). */
  sent = 0;

  constructor(
    private readonly o: { apiUrl: string; botId: string; tokens: AccessTokenProvider; retry?: RetryPolicy },
  ) {}

  pathOf(to: Destination): string {
    const bot = encodeURIComponent(this.o.botId);
    return 'userId' in to ? `/bots/${bot}/users/${encodeURIComponent(to.userId)}/messages` : `/bots/${bot}/channels/${encodeURIComponent(to.channelId)}/messages`;
  }

  async send(to: Destination, content: Content): Promise<void> {
    const url = `${this.o.apiUrl.replace(/\/+$/, '')}${this.pathOf(to)}`;
    const body = JSON.stringify({ content: sanitizeContent(content) });
    for (let round = 0; round < 2; round++) {
      const token = await this.o.tokens.get();
      const res = await fetchWithRetry(url, () => ({ method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body }), this.o.retry ?? DEFAULT_RETRY);
      if (res.ok) {
        await res.body?.cancel().catch(() => {});
        this.sent += 1;
        return;
      }
      const detail = await errorDetail(res);
      if (res.status === 401 && round === 0) {
        this.o.tokens.invalidate(token);
        continue;
      }
      throw new LineWorksHttpError(res.status, url, detail);
    }
  }

  /** Sends in order (a long answer in several messages). */
  async sendAll(to: Destination, contents: Content[]): Promise<void> {
    for (const c of contents) await this.send(to, c);
  }
}
