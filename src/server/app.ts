import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ChatAdapter, AdapterContext } from '../../adapters/adapter.js';
import { MESSAGES } from '../core/messages.js';
import { mountConsole } from '../console/routes.js';
import { SessionStore } from '../console/sessions.js';
import { adminAuth } from './admin-auth.js';
import { storeUnavailableReason } from '../store/unavailable.js';
import { probeKeySpaces } from './health.js';
import { apiRateLimits, clientKey } from './rate-limit.js';
import type { RunningService } from './services.js';
import { webRequester } from './web-session.js';

const AskBody = z.object({ question: z.string(), lang: z.enum(['ja', 'en']).optional() });
const FeedbackBody = z.object({ answerId: z.string().min(1), vote: z.enum(['helpful', 'unhelpful', 'resolved']) });
const EscalationBody = z.object({ answerId: z.string().min(1) });
const AuditQuery = z.object({
  type: z.enum(['ticket', 'reminder', 'answer', 'faq']).optional(),
  id: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const badRequest = (res: Response, error: string): void => {
  res.status(400).json({ error });
};
const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

/** The HTTP app: adapters' routes first (Slack needs the raw body), then the JSON API. */
export interface AppOptions {
  /** The console's start-up sign-in token (serve generates one when ADMIN_TOKEN is unset). */
  signInToken?: string;
}

export async function createApp(ctx: AdapterContext, adapters: ChatAdapter[], services: RunningService[] = [], opts: AppOptions = {}): Promise<Express> {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
    const start = performance.now();
    res.on('finish', () => {
      ctx.logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - start) }, 'request');
    });
    next();
  });
  for (const a of adapters) await a.mount(app);

  // 503 unless every key space the services use can be written now (and says which cannot).
  const keySpaces = services.flatMap((s) => s.healthKeys ?? []);
  app.get('/healthz', async (_req, res) => {
    const report = await probeKeySpaces(ctx.store, keySpaces);
    res.status(report.ok ? 200 : 503).json(report);
  });

  app.use('/api', express.json({ limit: '64kb' }));
  // Behind a reverse proxy the client's address is in X-Forwarded-For (TRUST_PROXY hops).
  if (ctx.settings.TRUST_PROXY > 0) app.set('trust proxy', ctx.settings.TRUST_PROXY);
  const limits = apiRateLimits(ctx);

  app.post('/api/ask', limits.ask, async (req, res) => {
    const body = AskBody.safeParse(req.body);
    if (!body.success) return badRequest(res, `expected {"question": string}: ${zodMessage(body.error)}`);
    const { answer, reply } = await ctx.bot.reply(body.data.question, { lang: body.data.lang });
    if (answer.error === undefined) await ctx.feedback.rememberAnswer(reply, webRequester(req, res));
    // The question is echoed in its safe form: broadcast mentions neutralised, personal data redacted.
    res.status(answer.error === undefined ? 200 : 400).json({ ...answer, question: reply.question, answerId: reply.answerId, sources: reply.sources, actions: reply.actions, office: reply.office });
  });

  app.post('/api/feedback', limits.feedback, async (req, res) => {
    const body = FeedbackBody.safeParse(req.body);
    if (!body.success) return badRequest(res, zodMessage(body.error));
    const answer = await ctx.feedback.getAnswer(body.data.answerId);
    if (answer === null) return void res.status(404).json({ error: MESSAGES.answerExpired.ja });
    const first = await ctx.feedback.recordVote(body.data.answerId, body.data.vote, webRequester(req, res));
    const lang = answer.lang ?? 'ja';
    const message = !first ? MESSAGES.alreadyRecorded[lang] : body.data.vote === 'resolved' ? MESSAGES.resolvedThanks[lang] : MESSAGES.feedbackThanks[lang];
    res.json({ ok: true, recorded: first, message });
  });

  app.post('/api/escalation-requests', limits.escalationRequests, async (req, res) => {
    const body = EscalationBody.safeParse(req.body);
    if (!body.success) return badRequest(res, zodMessage(body.error));
    // The web person the daily limit counts is the client's (hashed) address: a cookie can be dropped.
    const record = await ctx.escalations.request(body.data.answerId, webRequester(req, res), { idempotencyKey: req.get('Idempotency-Key'), rateKey: `web:${clientKey(req)}` });
    if (record === null) return void res.status(404).json({ error: MESSAGES.answerExpired.ja });
    if (record.rateLimited !== undefined) {
      const { limit, retryAfterSeconds } = record.rateLimited;
      res.setHeader('Retry-After', String(retryAfterSeconds));
      return void res.status(429).json({ error: MESSAGES.escalationLimit.ja(limit, retryAfterSeconds), retryAfter: retryAfterSeconds });
    }
    const office = record.route === null ? null : (ctx.bot.office(record.route) ?? null);
    res.status(202).json({ ok: true, route: record.route, ticketId: record.ticketId, message: MESSAGES.escalationRecorded[record.lang ?? 'ja'](office) });
  });

  // Admin routes: the bearer token, or a console session with the route's role.
  const sessions = new SessionStore(ctx.store);
  const guard = adminAuth(ctx.settings.ADMIN_TOKEN, { sessions });
  // The audit log (ticket and reminder events, answers given), newest last, redacted.
  app.get('/api/audit', guard, async (req, res) => {
    const q = AuditQuery.safeParse(req.query);
    if (!q.success) return badRequest(res, zodMessage(q.error));
    const { type, id, ...rest } = q.data;
    const entries = await ctx.audit.query({ ...rest, ...(type ? { subjectType: type } : {}), ...(id ? { subjectId: id } : {}) });
    res.json({ entries });
  });
  for (const s of services) {
    for (const r of s.adminRoutes ?? []) app.use(r.path, adminAuth(ctx.settings.ADMIN_TOKEN, { sessions, roles: r.roles ?? [] }), r.router);
  }
  const oidc = ctx.settings.OIDC_ISSUER_URL !== undefined ? new (await import('../console/oidc.js')).OidcSignIn(ctx.settings, ctx.store) : undefined;
  mountConsole(app, ctx, { sessions, ...(opts.signInToken !== undefined ? { signInToken: opts.signInToken } : {}), ...(oidc ? { oidc } : {}) });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return badRequest(res, 'the body is not valid JSON');
    if (err.type === 'entity.too.large') return void res.status(413).json({ error: 'the body is too large (64 KB at most)' });
    // Errors that know their status (a ticket service that cannot reach Redis: 503) keep it.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 600) {
      if (err.status >= 500) ctx.logger.error({ err }, 'request failed');
      return void res.status(err.status).json({ error: err.message });
    }
    // A store that cannot serve now (Redis down, cluster failing over) is a 503 with the reason, never a 500.
    const unavailable = storeUnavailableReason(err);
    if (unavailable !== null) {
      ctx.logger.warn({ err }, 'request failed: the store is unavailable');
      res.setHeader('retry-after', '5');
      return void res.status(503).json({ error: `the store (Redis) is unavailable; please retry shortly (${unavailable})` });
    }
    ctx.logger.error({ err }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
