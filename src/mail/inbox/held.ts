import { Router } from 'express';
import { z } from 'zod';
import type { Store } from '../../store/store.js';

/** A reply that answered nothing and waits for a person: who sent it is not an office's address, or it names no ticket. */
export interface HeldReply {
  id: string;
  at: string;
  reason: 'unknown-sender' | 'no-ticket' | 'unknown-ticket' | 'empty';
  ticketId: string | null;
  /** The sender's domain only (an address is personal data; the full message stays in the mailbox). */
  fromDomain: string | null;
  /** Subject and the start of the new text, personal data redacted. */
  subject: string;
  excerpt: string;
  /** Where the message is, for the reviewer: the folder it is in now and its UID there when known. */
  folder: string;
  uid: number | null;
}

const KEYS = {
  record: (id: string) => `{mail}:held:${id}`,
  list: '{mail}:held-list',
};

/** Held replies on the Store: one record each and a list of ids (append-only), written together. */
export class HeldReplies {
  constructor(private readonly store: Store) {}

  /** Writes the record once (its id is the message's key, so a second poller cannot add it twice). */
  async add(r: HeldReply): Promise<boolean> {
    return this.store.transaction(
      [
        { op: 'set', key: KEYS.record(r.id), value: JSON.stringify(r) },
        { op: 'listPush', key: KEYS.list, value: r.id },
      ],
      [{ key: KEYS.record(r.id), equals: null }],
    );
  }

  /** Newest first. */
  async list(limit: number): Promise<HeldReply[]> {
    const ids = (await this.store.listRange(KEYS.list, -limit, -1)).reverse();
    const raws = await Promise.all(ids.map((id) => this.store.get(KEYS.record(id))));
    return raws.filter((x): x is string => x !== null).map((x) => JSON.parse(x) as HeldReply);
  }
}

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** GET /api/mail/held (mounted behind the admin token). */
export function heldRouter(held: HeldReplies, log: (e: unknown) => void): Router {
  const r = Router();
  r.get('/held', async (req, res) => {
    const q = ListQuery.safeParse(req.query);
    if (!q.success) return void res.status(400).json({ error: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    try {
      res.json({ held: await held.list(q.data.limit) });
    } catch (e) {
      log(e);
      res.status(503).json({ error: `the store is unreachable; please retry shortly (${(e as Error).message})` });
    }
  });
  return r;
}
