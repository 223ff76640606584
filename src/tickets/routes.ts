import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import { TicketError, isUnreachable } from './errors.js';
import { AnswerTicketBody, CreateTicketBody, IdempotencyKeySchema, ListTicketsQuery, TicketIdSchema } from './model.js';
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
export function ticketRouter(service: TicketService, audit: AuditLog, log: (e: unknown) => void): Router {
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

  r.post(
    '/',
    handle(async (req, res) => {
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
      res.json(await service.list(q.data));
    }),
  );

  r.get(
    '/audit',
    handle(async (req, res) => {
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
      const t = await service.get(id(req));
      if (t === null) return void res.status(404).json({ error: `no ticket ${req.params['id']}` });
      res.json(t);
    }),
  );

  r.post(
    '/:id/answer',
    handle(async (req, res) => {
      const ticketId = id(req);
      const body = AnswerTicketBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: zodMessage(body.error) });
      res.json(await service.answer(ticketId, body.data.answer, { admin: true }, body.data.by ?? 'admin API'));
    }),
  );

  r.post(
    '/:id/redeliver',
    handle(async (req, res) => {
      res.json(await service.redeliver(id(req), { admin: true }));
    }),
  );

  return r;
}
