import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 of `v0:${ts}:${rawBody}` with the signing secret. */
export function slackSignature(secret: string, body: string, ts: number | string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/**
 * Headers that make `body` a correctly signed Slack request (tests and the benchmark).
 * `ts` is in seconds; it defaults to now.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  ts: number = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, body, ts) };
}
