import { Router, type Request, type Response } from 'express';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { TeleworkBot } from '../core/bot.js';
import { auditActorOf, principalOf } from '../server/principal.js';
import { FaqEntryInputSchema } from './schema.js';
import { FaqError, type FaqService } from './service.js';

const zodMessage = (e: z.ZodError): string => e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
const FaqId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'not an FAQ id').max(100);

/** /api/faq (curator or admin): the FAQ entries, written to the Store and used at once by every instance. */
export function faqRouter(faq: FaqService, log: (e: unknown) => void): Router {
  const r = Router();
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof FaqError) return void res.status(e.status).json({ error: e.message, ...(e.detail !== undefined ? { failures: e.detail } : {}) });
      log(e);
      res.status(503).json({ error: `the FAQ entries could not be read or written in the store: ${(e as Error).message}` });
    }
  };
  const idOf = (req: Request, res: Response): string | null => {
    const id = FaqId.safeParse(req.params['id']);
    if (!id.success) {
      res.status(400).json({ error: zodMessage(id.error) });
      return null;
    }
    return id.data;
  };
  const bodyOf = (req: Request, res: Response) => {
    const body = FaqEntryInputSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: zodMessage(body.error) });
      return null;
    }
    return body.data;
  };

  r.get('/', handle(async (_req, res) => void res.json(await faq.list())));

  // The stored entries as a knowledge/faq file; hidden shipped entries are named in its header.
  r.get(
    '/export',
    handle(async (_req, res) => {
      const { entries, hiddenShipped } = await faq.storedEntries();
      if (entries.length === 0 && hiddenShipped.length === 0) return void res.status(404).json({ error: 'no FAQ entries are stored: nothing to export' });
      const header = [
        '# FAQ entries written in the console (GET /api/faq/export). Put this file in knowledge/faq/ and run',
        '# `telework-bot knowledge check`; then delete the entries from the console (the folder has them now).',
        ...(hiddenShipped.length > 0 ? [`# Hidden in the console (remove these from the shipped files): ${hiddenShipped.join(', ')}`] : []),
      ].join('\n');
      const body = entries.length > 0 ? stringify({ entries: entries.map(({ escalate, ...e }) => (escalate ? { ...e, escalate } : e)) }, { lineWidth: 0 }) : 'entries: []\n';
      res.type('application/yaml').setHeader('content-disposition', 'attachment; filename="console-faq.yaml"');
      res.send(`${header}\n${body}`);
    }),
  );

  // The last curator eval (run on every change).
  r.get('/eval', handle(async (_req, res) => void res.json((await faq.lastEval()) ?? { passed: 0, total: 0, failures: [] })));

  r.post(
    '/',
    handle(async (req, res) => {
      const body = bodyOf(req, res);
      if (body === null) return;
      const p = principalOf(res);
      const { entry, eval: result } = await faq.create(body, auditActorOf(p), p.name);
      res.status(201).json({ ...entry, eval: result });
    }),
  );

  r.get(
    '/:id',
    handle(async (req, res) => {
      const id = idOf(req, res);
      if (id === null) return;
      const e = await faq.get(id);
      if (e === null) return void res.status(404).json({ error: `no FAQ entry "${id}"` });
      res.json(e);
    }),
  );

  r.put(
    '/:id',
    handle(async (req, res) => {
      const id = idOf(req, res);
      if (id === null) return;
      const body = bodyOf(req, res);
      if (body === null) return;
      const p = principalOf(res);
      const { entry, eval: result } = await faq.update(id, body, auditActorOf(p), p.name);
      res.json({ ...entry, eval: result });
    }),
  );

  r.delete(
    '/:id',
    handle(async (req, res) => {
      const id = idOf(req, res);
      if (id === null) return;
      const p = principalOf(res);
      const { hiddenShipped, eval: result } = await faq.remove(id, auditActorOf(p), p.name);
      res.json({ id, deleted: true, hiddenShipped, eval: result });
    }),
  );
  return r;
}

/** /api/knowledge (curator or admin): what an FAQ entry may cite and route to, for the console's form. */
export function knowledgeRouter(bot: TeleworkBot): Router {
  const r = Router();
  r.get('/sections', (_req, res) => {
    res.json({
      documents: bot.knowledge.documents
        .map((d) => ({ documentId: d.meta.id, title: d.meta.title, sections: [...new Set(d.sections.flatMap((s) => (s.heading === null ? [] : [s.heading])))] }))
        .sort((a, b) => a.documentId.localeCompare(b.documentId)),
      offices: bot.offices.map((o) => ({ id: o.id, name: o.name })),
    });
  });
  return r;
}
