import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from 'express-rate-limit';
import type { AdapterContext } from '../../adapters/adapter.js';
import { MESSAGES } from '../core/messages.js';
import { hashKey, rateLimitStore } from '../safety/rate-limit-store.js';

/**
 * Per-client limits on the public JSON API (express-rate-limit; counted in Redis across
 * instances when the bot runs on Redis). A refused request gets 429, Retry-After and a Japanese
 * message. A limit of 0 turns that limit off.
 */

/** The client a request comes from (its address, IPv6 by /56 network), hashed. */
export const clientKey = (req: Request): string => `ip:${hashKey(ipKeyGenerator(req.ip ?? 'unknown'))}`;

function limiter(ctx: AdapterContext, name: string, perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: rateLimitStore(ctx.store, ctx.settings.REDIS_PREFIX, name),
    keyGenerator: clientKey,
    // Redis away: the question is still answered (the store's outage is logged elsewhere).
    passOnStoreError: true,
    handler: (req: Request, res: Response) => {
      const reset = (req as Request & { rateLimit?: RateLimitInfo }).rateLimit?.resetTime?.getTime() ?? Date.now() + 60_000;
      const seconds = Math.max(1, Math.ceil((reset - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      ctx.logger.warn({ path: req.path, limit: perMinute }, 'rate limit reached');
      res.status(429).json({ error: MESSAGES.rateLimited.ja(seconds), retryAfter: seconds });
    },
  });
}

export interface ApiRateLimits {
  ask: RequestHandler;
  feedback: RequestHandler;
  escalationRequests: RequestHandler;
}

export function apiRateLimits(ctx: AdapterContext): ApiRateLimits {
  const s = ctx.settings;
  return {
    ask: limiter(ctx, 'ask', s.RATE_LIMIT_ASK_PER_MINUTE),
    feedback: limiter(ctx, 'feedback', s.RATE_LIMIT_FEEDBACK_PER_MINUTE),
    escalationRequests: limiter(ctx, 'escalation-requests', s.RATE_LIMIT_ESCALATION_REQUESTS_PER_MINUTE),
  };
}
