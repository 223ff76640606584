import { createHmac, timingSafeEqual } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { NextFunction, Request, Response } from 'express';
import { MAX_BODY_BYTES } from './guard.js';

/**
 * Events API requests acknowledged as soon as they are verified: the body is read (at most
 * MAX_BODY_BYTES), the signature checked, and a signed `event_callback` gets its 200 at once;
 * Bolt processes it afterwards, behind other acknowledgements (`later`). Everything else
 * (url_verification, slash commands, buttons, modals, bad signatures) goes on to Bolt's own
 * receiver, which reads the same bytes from `req.rawBody` and answers as it always did.
 */
export function fastEventAck(opts: { signingSecret: string; app: App; later: (work: () => Promise<void>) => void }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'POST') return next();
    let raw: Buffer;
    try {
      raw = await readBody(req, MAX_BODY_BYTES);
    } catch (err) {
      const tooLarge = (err as { tooLarge?: boolean }).tooLarge === true;
      res.status(tooLarge ? 413 : 400).json({ error: tooLarge ? `request body too large (${MAX_BODY_BYTES / 1024} KB at most)` : 'the body could not be read' });
      return;
    }
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    if (!(req.get('content-type') ?? '').startsWith('application/json') || !signed(opts.signingSecret, req, raw)) return next();
    let body: { type?: unknown } & Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return next();
    }
    if (body === null || typeof body !== 'object' || body.type !== 'event_callback') return next();
    res.status(200).end();
    const retryNum = Number(req.get('x-slack-retry-num'));
    const retryReason = req.get('x-slack-retry-reason');
    opts.later(() =>
      opts.app.processEvent({
        body,
        ack: async () => {},
        ...(Number.isInteger(retryNum) ? { retryNum } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
        customProperties: {},
      }),
    );
  };
}

/** Slack's v0 signature over `v0:<timestamp>:<body>`, compared in constant time. */
function signed(secret: string, req: Request, raw: Buffer): boolean {
  const ts = req.get('x-slack-request-timestamp');
  const sig = req.get('x-slack-signature');
  if (ts === undefined || sig === undefined || !sig.startsWith('v0=')) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        // Stop reading: the rest of an oversized body is never buffered.
        req.pause();
        reject(Object.assign(new Error('body too large'), { tooLarge: true }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}
