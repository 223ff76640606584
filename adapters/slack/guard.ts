import type { NextFunction, Request, Response } from 'express';

/** Slack's replay window: a signed request older or newer than this is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Event and interaction payloads are a few KB; a message at Slack's 40,000-character limit stays well under this. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Checks made before Bolt reads a request: the timestamp must be within five minutes of now in
 * either direction (Bolt itself refuses only old ones, so a request signed for the future could
 * be replayed later), and a body announced larger than MAX_BODY_BYTES is refused unread (Bolt's
 * own bodyLimit stops one that is larger than it says while it is read).
 */
export function slackRequestGuard(now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const length = Number(req.get('content-length') ?? 0);
    if (Number.isFinite(length) && length > MAX_BODY_BYTES) {
      res.set('Connection', 'close').status(413).json({ error: `request body too large (${MAX_BODY_BYTES / 1024} KB at most)` });
      return;
    }
    const raw = req.get('x-slack-request-timestamp');
    const ts = raw !== undefined && /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(ts) || Math.abs(now() / 1000 - ts) > MAX_CLOCK_SKEW_SECONDS) {
      res.status(401).json({ error: 'x-slack-request-timestamp missing or more than 5 minutes from now' });
      return;
    }
    next();
  };
}
