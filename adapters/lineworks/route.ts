import { createHash } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import type { Logger } from '../../src/logging/logger.js';
import { bodyErrors, refuseWhileStopping } from '../http-guards.js';
import { claimOnce } from '../../src/store/dedupe.js';
import type { Store } from '../../src/store/store.js';
import { KEYS } from './deps.js';
import { type CallbackEvent, parseCallback } from './events.js';
import { verifyLineworksSignature } from './signature.js';

/** Callbacks are small JSON objects; anything bigger is not from LINE WORKS. */
export const BODY_LIMIT = '256kb';
export const CALLBACK_PATH = '/lineworks/callback';

export interface CallbackRouteOptions {
  botId: string;
  botSecret: string;
  store: Store;
  logger: Logger;
  isStopping(): boolean;
  /** Handles a verified event after the 200 (LINE WORKS does not wait for the answer). */
  handle(event: CallbackEvent): void;
}

/**
 * POST /lineworks/callback: the signature is checked on the raw bytes before anything is parsed
 * (401, nothing sent, when it or X-WORKS-BotId is missing or wrong), the event validated (400),
 * claimed once across instances by the digest of the signed body, acknowledged with 200, and
 * handled after the acknowledgement.
 */
export function callbackRouter(o: CallbackRouteOptions): Router {
  const router = Router();
  router.post(
    CALLBACK_PATH,
    refuseWhileStopping(() => o.isStopping()),
    // Any content type: the signature covers the exact bytes, whatever the header says.
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const botIdOk = req.get('x-works-botid') === o.botId;
      if (!verifyLineworksSignature(raw, req.get('x-works-signature'), o.botSecret) || !botIdOk) {
        o.logger.warn({ botIdOk, hasSignature: req.get('x-works-signature') !== undefined }, 'lineworks callback refused: bad signature or bot id');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        res.status(400).json({ error: 'the body is not valid JSON' });
        return;
      }
      const parsed = parseCallback(json);
      if (!parsed.ok) {
        res.status(400).json({ error: `expected a LINE WORKS callback event: ${parsed.error}` });
        return;
      }
      // A redelivered callback has the same signed bytes: the second copy is acknowledged and dropped.
      const digest = createHash('sha256').update(o.botId).update('\n').update(raw).digest('hex');
      const once = KEYS.callback(digest);
      let first: boolean;
      try {
        first = await claimOnce(o.store, once.key, once.ttlMs);
      } catch (err) {
        o.logger.error({ err }, 'lineworks callback not claimed: the store is unreachable');
        res.status(503).json({ error: 'store unavailable' });
        return;
      }
      res.status(200).end();
      if (!first) {
        o.logger.debug({ type: parsed.value.kind }, 'lineworks callback already handled');
        return;
      }
      o.handle(parsed.value);
    },
    bodyErrors(BODY_LIMIT),
  );
  return router;
}
