import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import type { FeedbackRecorder } from '../feedback/recorder.js';
import { auditActorOf, officeScope, principalOf } from '../server/principal.js';
import { TicketError, isUnreachable } from './errors.js';
import { AnswerTicketBody, CloseTicketBody, CreateTicketBody, IdempotencyKeySchema, ListTicketsQuery, TicketIdSchema, TransferTicketBody } from './model.js';
import type { TicketService } from './service.js';

const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');

const AuditQuery = z.object({
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  ticket: TicketIdSchema.optional(),
  action: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

function fail(res: Response, e: unknown, log: (e: unknown) => void): void {
  if (e instanceof TicketError) return void res.status(e.status).json({ error: e.message });
  if (isUnreachable(e)) return void res.status(503).json({ error: `the ticket store (Redis) is unreachable; please retry shortly (${(e as Error).message})` });
  log(e);
  res.status(500).json({ error: 'internal error' });
}

/** /api/tickets (mounted behind the admin token by the app). */
export function ticketRouter(service: TicketService, audit: AuditLog, log: (e: unknown) => void, feedback?: FeedbackRecorder): Router {
  const r = Router();
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      fail(res, e, log);
    }
  };
  const id = (req: Request): string => {
    const parsed = TicketIdSchema.safeParse(req.params['id']);
    if (!parsed.success) throw new TicketError(400, zodMessage(parsed.error));
    return parsed.data;
  };
  /** The ticket, if the caller may act on it: an office role only on its own offices' tickets. */
  const owned = async (req: Request, res: Response) => {
    const ticketId = id(req);
    const t = await service.get(ticketId);
    if (t === null) throw new TicketError(404, `no ticket ${ticketId}`);
    const scope = officeScope(principalOf(res));
    if (scope !== null && !scope.includes(t.route)) throw new TicketError(403, `ticket ${ticketId} belongs to another office`);
    return t;
  };
  /** Creating tickets and reading the audit trail are the admin's. */
  const adminOnly = (res: Response): void => {
    if (officeScope(principalOf(res)) !== null) throw new TicketError(403, 'this needs the admin role');
  };
  const by = (res: Response, given: string | undefined): string => given ?? (principalOf(res).via === 'bearer' ? 'admin API' : principalOf(res).name);

  r.post(
    '/',
    handle(async (req, res) => {
      adminOnly(res);
      const body = CreateTicketBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: zodMessage(body.error) });
      const rawKey = req.get('idempotency-key');
      const key = rawKey === undefined ? undefined : IdempotencyKeySchema.safeParse(rawKey);
      if (key !== undefined && !key.success) return void res.status(400).json({ error: zodMessage(key.error) });
      const { ticket, created } = await service.create(
        {
          question: body.data.question,
          requester: body.data.requester ?? { platform: 'api', userId: 'admin' },
          source: 'api',
          ...(body.data.route !== undefined ? { route: body.data.route } : {}),
          ...(body.data.lang !== undefined ? { lang: body.data.lang } : {}),
          ...(key?.data !== undefined ? { idempotencyKey: `api:${key.data}` } : {}),
        },
        { admin: true },
      );
      res.status(created ? 201 : 200).location(`/api/tickets/${ticket.id}`).json(ticket);
    }),
  );

  r.get(
    '/',
    handle(async (req, res) => {
      const q = ListTicketsQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json({ error: zodMessage(q.error) });
      const scope = officeScope(principalOf(res));
      if (scope === null) return void res.json(await service.list(q.data));
      // An office sees its own offices' tickets only, newest first.
      const offices = q.data.office !== undefined ? scope.filter((o) => o === q.data.office) : scope;
      const lists = await Promise.all(offices.map((office) => service.list({ ...q.data, office })));
      res.json(lists.flat().sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, q.data.limit));
    }),
  );

  r.get(
    '/audit',
    handle(async (req, res) => {
      adminOnly(res);
      const q = AuditQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json({ error: zodMessage(q.error) });
      const entries = await audit.query({
        subjectType: 'ticket',
        ...(q.data.since ? { since: q.data.since } : {}),
        ...(q.data.until ? { until: q.data.until } : {}),
        ...(q.data.ticket ? { subjectId: q.data.ticket } : {}),
        ...(q.data.action ? { action: q.data.action } : {}),
        limit: q.data.limit,
      });
      res.json({ entries });
    }),
  );

  r.get(
    '/:id',
    handle(async (req, res) => {
      res.json(await owned(req, res));
    }),
  );

  r.post(
    '/:id/answer',
    handle(async (req, res) => {
      const { id: ticketId } = await owned(req, res);
      const body = AnswerTicketBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: zodMessage(body.error) });
      res.json(await service.answer(ticketId, body.data.answer, auditActorOf(principalOf(res)), by(res, body.data.by)));
    }),
  );

  r.post(
    '/:id/transfer',
    handle(async (req, res) => {
      const { id: ticketId } = await owned(req, res);
      const body = TransferTicketBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: zodMessage(body.error) });
      res.json(await service.transfer(ticketId, body.data.office, body.data.note, auditActorOf(principalOf(res)), by(res, body.data.by)));
    }),
  );

  r.post(
    '/:id/close',
    handle(async (req, res) => {
      const { id: ticketId } = await owned(req, res);
      const body = CloseTicketBody.safeParse(req.body ?? {});
      if (!body.success) return void res.status(400).json({ error: zodMessage(body.error) });
      res.json(await service.close(ticketId, body.data.note, auditActorOf(principalOf(res)), by(res, body.data.by)));
    }),
  );

  // The bot's answer the ticket escalates, with its sources (answers are kept 30 days).
  r.get(
    '/:id/bot-answer',
    handle(async (req, res) => {
      const t = await owned(req, res);
      const a = t.answerId !== undefined && feedback !== undefined ? await feedback.getAnswer(t.answerId) : null;
      if (a === null) return void res.status(404).json({ error: t.answerId === undefined ? `ticket ${t.id} was not escalated from a bot answer` : `the bot's answer for ${t.id} has expired (answers are kept 30 days)` });
      res.json({ answerId: a.answerId, text: a.text, sources: a.sources ?? [], kind: a.kind, confidence: a.confidence, at: a.at });
    }),
  );

  r.post(
    '/:id/redeliver',
    handle(async (req, res) => {
      const { id: ticketId } = await owned(req, res);
      res.json(await service.redeliver(ticketId, auditActorOf(principalOf(res))));
    }),
  );

  return r;
}
