import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { FeedbackRecorder } from '../feedback/recorder.js';
import type { ReviewService } from './review.js';

const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');

/** An ISO time with offset, or a day (YYYY-MM-DD, a JST day: the console's date fields). */
const when = (edge: 'start' | 'end') =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date().transform((d) => (edge === 'start' ? `${d}T00:00:00+09:00` : `${d}T23:59:59.999+09:00`))]);

const ReviewQuery = z.object({
  since: when('start').optional(),
  until: when('end').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const GroupQuery = ReviewQuery.extend({ question: z.string().trim().min(1, 'question is empty').max(2000) });
const AnswerId = z.string().min(1).max(100).regex(/^[\w-]+$/, 'not an answer id');

/** /api/review (curator or admin): what the bot failed at, grouped by similar question. */
export function reviewRouter(review: ReviewService, feedback: FeedbackRecorder, log: (e: unknown) => void): Router {
  const r = Router();
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      log(e);
      res.status(503).json({ error: `the review could not be read from the store: ${(e as Error).message}` });
    }
  };

  r.get(
    '/',
    handle(async (req, res) => {
      const q = ReviewQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json({ error: zodMessage(q.error) });
      res.json(await review.groups(q.data));
    }),
  );

  // One group with the answers given in it (the group whose wording is nearest to `question`).
  r.get(
    '/group',
    handle(async (req, res) => {
      const q = GroupQuery.safeParse(req.query);
      if (!q.success) return void res.status(400).json({ error: zodMessage(q.error) });
      const g = await review.group(q.data.question, q.data);
      if (g === null) return void res.status(404).json({ error: 'no review group for this question in the period' });
      res.json(g);
    }),
  );

  // The answer the bot gave (kept 30 days), to read what went wrong.
  r.get(
    '/answers/:id',
    handle(async (req, res) => {
      const id = AnswerId.safeParse(req.params['id']);
      if (!id.success) return void res.status(400).json({ error: zodMessage(id.error) });
      const a = await feedback.getAnswer(id.data);
      if (a === null) return void res.status(404).json({ error: `answer ${id.data} is unknown or expired (answers are kept 30 days)` });
      res.json({ answerId: a.answerId, question: a.question, text: a.text, route: a.route, kind: a.kind, confidence: a.confidence, platform: a.requester.platform, at: a.at });
    }),
  );
  return r;
}
