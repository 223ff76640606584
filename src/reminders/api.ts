import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { ReminderError, isStoreUnavailable, notFound, storeUnavailable } from './errors.js';
import { ReminderIdSchema } from './model.js';
import { ReminderConflictError } from './repository.js';
import type { ReminderService, ReminderView } from './service.js';

const ListQuery = z.object({ status: z.enum(['active', 'paused', 'done']).optional() });

/** A Reminder as the API returns it: the record, plus its next runs (ISO and JST). */
const body = (v: ReminderView) => ({ ...v.reminder, nextRuns: v.nextRuns, nextRunsJst: v.nextRunsJst });

/**
 * /api/reminders (mounted behind the admin token): the contract's POST, GET and DELETE, plus
 * GET /:id (next runs and delivery log), POST /:id/pause and /:id/resume.
 * The token holder is trusted; the chat allowlist does not apply here.
 */
export function remindersRouter(service: ReminderService, logger: Pick<Logger, 'error'>): Router {
  const router = Router();
  const admin = { admin: true } as const;

  const withId = (handler: (id: string, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const id = ReminderIdSchema.safeParse(req.params['id']);
    if (!id.success) return void fail(res, notFound(String(req.params['id'])));
    await guarded(res, () => handler(id.data, req, res));
  };
  const guarded = async (res: Response, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (e) {
      if (e instanceof ReminderError) return fail(res, e);
      if (isStoreUnavailable(e)) {
        logger.error({ err: e }, 'reminder API: the store is unreachable');
        res.setHeader('retry-after', '5');
        return fail(res, storeUnavailable(e));
      }
      if (e instanceof ReminderConflictError) {
        return fail(res, new ReminderError(409, 'conflict', 'the reminder is being changed by someone else; please try again', 'リマインダーが同時に変更されています。もう一度お試しください。'));
      }
      logger.error({ err: e }, 'reminder API failed');
      res.status(500).json({ error: 'internal error' });
    }
  };

  router.post('/', async (req, res) => {
    await guarded(res, async () => {
      const view = await service.create(req.body ?? {}, admin);
      res.status(201).location(`${req.baseUrl}/${view.reminder.id}`).json(body(view));
    });
  });

  router.get('/', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return void res.status(400).json({ error: 'status must be active, paused or done' });
    await guarded(res, async () => {
      const all = await service.list();
      res.json(q.data.status === undefined ? all : all.filter((r) => r.status === q.data.status));
    });
  });

  router.get('/:id', withId(async (id, _req, res) => {
    const d = await service.get(id);
    res.json({ ...body(d), deliveries: d.deliveries });
  }));

  router.post('/:id/pause', withId(async (id, _req, res) => {
    res.json(body(await service.pause(id, admin)));
  }));

  router.post('/:id/resume', withId(async (id, _req, res) => {
    res.json(body(await service.resume(id, admin)));
  }));

  router.delete('/:id', withId(async (id, _req, res) => {
    await service.delete(id, admin);
    res.status(204).end();
  }));

  return router;
}

function fail(res: Response, e: ReminderError): void {
  res.status(e.status).json({ error: e.en, reason: e.code, message: e.ja });
}
