import express, { Router } from 'express';
import { z } from 'zod';
import { MESSAGES } from '../../src/core/messages.js';
import { webUserId } from '../../src/server/web-session.js';
import { TicketIdSchema } from '../../src/tickets/model.js';
import { ticketsFor } from '../../src/tickets/registry.js';
import type { AdapterContext } from '../adapter.js';

const PreviewBody = z.object({ answerId: z.string().min(1).max(100) });

/**
 * The web chat's side of tickets: the confirm step (exactly what 送信する would send) and the
 * asker's own ticket, polled by the page until the office's answer is there. A ticket is only
 * shown to the browser session that created it; to anyone else it does not exist (404).
 */
export function webTicketRoutes(ctx: AdapterContext): Router {
  const r = Router();
  r.post('/api/escalation-requests/preview', express.json({ limit: '4kb' }), async (req, res, next) => {
    try {
      const body = PreviewBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: 'expected {"answerId": string}' });
      const tickets = ticketsFor(ctx.store);
      if (tickets === undefined) return void res.status(503).json({ error: 'tickets are not running' });
      const p = await tickets.escalations.preview(body.data.answerId);
      if (p === null) return void res.status(404).json({ error: MESSAGES.answerExpired.ja });
      res.json(p);
    } catch (e) {
      next(e);
    }
  });

  r.get('/api/escalation-requests/:ticketId', async (req, res, next) => {
    try {
      res.setHeader('Cache-Control', 'no-store');
      const id = TicketIdSchema.safeParse(req.params['ticketId']);
      const me = webUserId(req);
      const tickets = ticketsFor(ctx.store);
      const notFound = () => void res.status(404).json({ error: 'no such ticket for this browser' });
      if (!id.success || me === null || tickets === undefined) return notFound();
      const t = await tickets.service.get(id.data);
      if (t === null || t.requester.platform !== 'web' || t.requester.userId !== me) return notFound();
      res.json({ ticketId: t.id, status: t.status, officeName: t.officeName, ...(t.answer ? { answer: { text: t.answer.text, at: t.answer.at } } : {}) });
    } catch (e) {
      next(e);
    }
  });
  return r;
}
