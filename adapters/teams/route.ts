import { isIP } from 'node:net';
import express, { type Request, type Response, Router } from 'express';
import type { Logger } from '../../src/logging/logger.js';
import { bodyErrors, refuseWhileStopping } from '../http-guards.js';
import { IncomingActivitySchema, toSdkActivity, zodMessage } from './activity.js';
import type { TeamsCloudAdapter } from './auth.js';
import type { TurnLogic } from './handler.js';

/** Activities are small; cards and attachments come as references, not inline. */
export const BODY_LIMIT = '256kb';

export interface RouteOptions {
  adapter: TeamsCloudAdapter;
  logic: TurnLogic;
  logger: Logger;
  authenticated: boolean;
  isStopping(): boolean;
}

/** Loopback only: what "local testing" means for an unauthenticated endpoint. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost') return true;
    if (isIP(host) === 4) return host.startsWith('127.');
    return host === '::1';
  } catch {
    return false;
  }
}

/**
 * POST /api/messages: validate the activity (400 with a JSON error), authenticate it with
 * botbuilder (401), run the turn, answer with the turn's invoke response or 200.
 */
export function messagesRouter(o: RouteOptions): Router {
  const router = Router();
  router.post(
    '/api/messages',
    refuseWhileStopping(() => o.isStopping()),
    express.json({ limit: BODY_LIMIT }),
    async (req: Request, res: Response) => {
      const parsed = IncomingActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: `expected a Bot Framework activity: ${zodMessage(parsed.error)}` });
        return;
      }
      if (!o.authenticated && !isLoopbackUrl(parsed.data.serviceUrl)) {
        // Without an app id anyone could make the bot post to any URL; keep it to this machine.
        res.status(403).json({ error: 'without MICROSOFT_APP_ID only loopback service URLs are accepted (local testing only)' });
        return;
      }
      const activity = toSdkActivity(req.body as Record<string, unknown>);
      let auth;
      try {
        auth = await o.adapter.authenticate(activity, req.get('authorization') ?? '');
      } catch (err) {
        o.logger.warn({ reason: (err as Error).message, activityType: activity.type }, 'teams request refused: not authenticated');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      try {
        const result = await o.adapter.runTurn(auth, activity, o.logic);
        res.status(result?.status ?? 200);
        if (result?.body !== undefined) res.json(result.body);
        else res.end();
      } catch (err) {
        o.logger.error({ err, activityType: activity.type }, 'teams turn failed');
        if (!res.headersSent) res.status(500).json({ error: 'internal error' });
      }
    },
    bodyErrors(BODY_LIMIT),
  );
  return router;
}
