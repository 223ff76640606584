import type { AdapterContext } from '../../../adapters/adapter.js';
import { SettingsError } from '../../config/settings.js';
import type { RunningService } from '../../server/services.js';
import { deliveryPlan } from '../../tickets/delivery-config.js';
import { ticketsFor } from '../../tickets/registry.js';
import { HeldReplies, heldRouter } from './held.js';
import { imapTarget, safeImapUrl } from './imap-target.js';
import { ReplyPoller, type ReplyPollerOptions } from './poller.js';
import { ReplyProcessor } from './processor.js';
import { allowedSenders, parseAllowedSenders } from './senders.js';

export interface MailRepliesOptions {
  /** Poll interval in ms (default IMAP_POLL_SECONDS). */
  pollMs?: number;
  /** stop() gives a pass in progress this long (default 5 s). */
  stopTimeoutMs?: number;
  lockTtlMs?: number;
  commandTimeoutMs?: number;
  hooks?: ReplyPollerOptions['hooks'];
}

/**
 * Office replies by e-mail (IMAP_URL): the poller, and GET /api/mail/held for replies held for
 * review. Needs the tickets service on the same store (started before it by startServices).
 */
export async function startMailReplies(ctx: AdapterContext, opts: MailRepliesOptions = {}): Promise<RunningService & { held: HeldReplies }> {
  const s = ctx.settings;
  if (s.IMAP_URL === undefined) throw new SettingsError('IMAP_URL', 'is required for mail replies');
  const tickets = ticketsFor(ctx.store);
  if (tickets === undefined) throw new Error('mail replies need the tickets service: start it first');
  const offices = ctx.bot.offices;
  // The JSON itself was checked with the other settings; here the office ids.
  const parsed = s.IMAP_ALLOWED_SENDERS_JSON === undefined ? null : parseAllowedSenders(s.IMAP_ALLOWED_SENDERS_JSON);
  if (parsed !== null && !parsed.ok) throw new SettingsError('IMAP_ALLOWED_SENDERS_JSON', parsed.error);
  const extra = parsed?.senders ?? {};
  const unknown = Object.keys(extra).filter((id) => !offices.some((o) => o.id === id));
  if (unknown.length > 0) throw new SettingsError('IMAP_ALLOWED_SENDERS_JSON', `unknown office id(s): ${unknown.join(', ')} (offices: ${offices.map((o) => o.id).join(', ')})`);
  const plan = deliveryPlan(s, offices);
  const senders = allowedSenders(offices, new Map([...plan.byOffice].map(([id, d]) => [id, d.email])), extra);
  const log = ctx.logger.child({ service: 'mail-replies' });
  const held = new HeldReplies(ctx.store);
  const target = imapTarget(s.IMAP_URL);
  const poller = new ReplyPoller({
    target,
    folder: s.IMAP_FOLDER,
    doneFolder: s.IMAP_DONE_FOLDER ?? null,
    heldFolder: s.IMAP_HELD_FOLDER ?? null,
    pollMs: opts.pollMs ?? s.IMAP_POLL_SECONDS * 1000,
    store: ctx.store,
    processor: new ReplyProcessor({ tickets: tickets.service, senders, held, offices, logger: log }),
    logger: log,
    ...(opts.lockTtlMs !== undefined ? { lockTtlMs: opts.lockTtlMs } : {}),
    ...(opts.commandTimeoutMs !== undefined ? { commandTimeoutMs: opts.commandTimeoutMs } : {}),
    ...(opts.hooks !== undefined ? { hooks: opts.hooks } : {}),
  });
  if (plan.replyTo === null) log.warn('IMAP_URL is set but ticket mails are not sent (SMTP_URL/MAIL_FROM): offices have no mail to reply to');
  return {
    name: 'mail-replies',
    held,
    adminRoutes: [{ path: '/api/mail', router: heldRouter(held, (e) => log.error({ err: e }, 'held replies request failed')) }],
    async start() {
      log.info({ imap: safeImapUrl(target), folder: s.IMAP_FOLDER, doneFolder: s.IMAP_DONE_FOLDER ?? null, pollSeconds: s.IMAP_POLL_SECONDS }, 'reading office replies by e-mail');
      poller.start();
    },
    async stop() {
      await poller.stop(opts.stopTimeoutMs ?? 5000);
    },
  };
}
