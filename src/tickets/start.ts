import type { AdapterContext } from '../../adapters/adapter.js';
import { MemoryJobQueue } from '../jobs/memory-queue.js';
import { DEFAULT_CLOSE_TIMEOUT_MS, settlesWithin, type JobQueue } from '../jobs/queue.js';
import type { Logger } from '../logging/logger.js';
import { createSmtpMailer, type Mailer } from '../mail/mailer.js';
import type { RunningService } from '../server/services.js';
import { channelsFor, deliveryPlan } from './delivery-config.js';
import { EscalationGuard } from './escalation-limit.js';
import { TicketEscalations } from './escalations.js';
import { registerTickets, unregisterTickets } from './registry.js';
import { TICKET_KEYS, TicketRepository } from './repository.js';
import { ticketRouter } from './routes.js';
import { TicketService, type TicketJob } from './service.js';

export interface TicketServiceOptions {
  /** Process jobs here (serve: yes; the CLI only queues them for the server). */
  worker?: boolean;
  /** How often open tickets are checked for deliveries to (re)queue. */
  sweepMs?: number;
  /** Replace the SMTP mailer (tests of failure paths). */
  mailer?: Mailer | null;
  /** SMTP connection timeout. */
  smtpTimeoutMs?: number;
  /** How long a queue add may wait for Redis (a request's, a sweep's) before it is left to a later sweep. */
  enqueueTimeoutMs?: number;
  /** stop() gives a running sweep and the queue this long in all (default 5 s), then closes by force. */
  stopTimeoutMs?: number;
}

const QUEUE_NAME = 'tickets';

/** BullMQ's key prefix: "telework:" → "telework:bull"; on Cluster in a hash tag so one queue's keys share a slot. */
export function bullPrefix(redisUrl: string, redisPrefix: string): string {
  const p = `${redisPrefix.replace(/:+$/, '')}:bull`;
  return redisUrl.startsWith('redis+cluster:') ? `{${p}}` : p;
}

/** Redis gets BullMQ (shared, durable); the embedded store gets the in-process queue. */
async function openQueue(ctx: AdapterContext, log: Logger): Promise<JobQueue<TicketJob>> {
  const policy = { attempts: ctx.settings.TICKET_DELIVERY_ATTEMPTS, backoffMs: ctx.settings.TICKET_DELIVERY_BACKOFF_MS };
  if (ctx.store.kind === 'redis' && ctx.settings.REDIS_URL !== undefined) {
    // Loaded on demand so the embedded default never loads BullMQ.
    const { BullJobQueue } = await import('../jobs/bullmq-queue.js');
    let warned = false;
    return new BullJobQueue<TicketJob>(ctx.settings.REDIS_URL, QUEUE_NAME, bullPrefix(ctx.settings.REDIS_URL, ctx.settings.REDIS_PREFIX), policy, {
      onError: (e) => {
        // One line per outage is enough; ioredis reconnects on its own.
        if (!warned) ctx.logger.warn({ err: e }, 'ticket queue: Redis connection problem');
        warned = true;
      },
      onForcedClose: (ms) => log.warn(`the ticket queue did not close within ${ms} ms (Redis unreachable?): its connections were dropped`),
    });
  }
  return new MemoryJobQueue<TicketJob>(policy, log);
}

/**
 * Starts the tickets service on the shared context and makes it what the escalation button does
 * (ctx.escalations). Without any delivery configured, tickets are still kept; the operator is warned once.
 */
export async function startTicketService(ctx: AdapterContext, opts: TicketServiceOptions = {}): Promise<RunningService & { service: TicketService; escalations: TicketEscalations }> {
  const log = ctx.logger.child({ service: 'tickets' });
  const plan = deliveryPlan(ctx.settings, ctx.bot.offices);
  const mailer =
    opts.mailer !== undefined
      ? opts.mailer
      : plan.mailEnabled
        ? createSmtpMailer(ctx.settings.SMTP_URL!, ctx.settings.MAIL_FROM!, { timeoutMs: opts.smtpTimeoutMs ?? 10_000 })
        : null;
  const queue = await openQueue(ctx, log);
  const service = new TicketService({
    repo: new TicketRepository(ctx.store),
    bot: ctx.bot,
    audit: ctx.audit,
    logger: log,
    messengers: ctx.messengers,
    plan,
    mailer,
    queue,
    lang: ctx.settings.BOT_LANG,
    ...(opts.enqueueTimeoutMs !== undefined ? { enqueueTimeoutMs: opts.enqueueTimeoutMs } : {}),
  });
  const escalations = new TicketEscalations(service, ctx.feedback, new EscalationGuard(ctx.store, ctx.settings.REDIS_PREFIX, ctx.settings.RATE_LIMIT_ESCALATIONS_PER_DAY));
  ctx.escalations = escalations;
  registerTickets(ctx.store, { service, escalations });

  const silent = ctx.bot.offices.filter((o) => channelsFor(plan, o.id).length === 0);
  if (silent.length === ctx.bot.offices.length) {
    log.warn('no ticket delivery is configured (SMTP_URL/MAIL_FROM, TICKET_ROUTES_JSON): tickets are kept but not sent; offices can read them with GET /api/tickets');
  } else if (silent.length > 0) {
    log.warn({ offices: silent.map((o) => o.id) }, 'some offices have no ticket delivery configured: their tickets are kept but not sent');
  }

  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | null = null;
  let stopped = false;
  const sweep = async (): Promise<void> => {
    if (stopped) return;
    try {
      const n = await service.sweep({ stopping: () => stopped });
      if (n > 0) log.debug({ queued: n }, 'ticket sweep');
    } catch (e) {
      log.warn({ err: e }, 'ticket sweep failed; trying again later');
    }
  };

  return {
    name: 'tickets',
    service,
    escalations,
    adminRoutes: [{ path: '/api/tickets', router: ticketRouter(service, ctx.audit, (e) => log.error({ err: e }, 'ticket request failed'), ctx.feedback), roles: ['office'] }],
    healthKeys: [
      { name: 'tickets', key: `${TICKET_KEYS.all}:healthz` },
      // BullMQ's keys share the queue prefix's slot (hash-tagged on Cluster).
      ...(queue.kind === 'bullmq' ? [{ name: 'queues', key: `{${bullPrefix(ctx.settings.REDIS_URL!, ctx.settings.REDIS_PREFIX).replace(/[{}]/g, '')}}:healthz` }] : []),
    ],
    async start() {
      if (opts.worker === false) return;
      await queue.start((job, info) => service.runJob(job, info));
      await sweep();
      timer = setInterval(() => {
        // One sweep at a time, and stop() waits for the one running.
        sweeping ??= sweep().finally(() => (sweeping = null));
      }, opts.sweepMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      // One time limit for all of it: a sweep or a queue waiting on an unreachable Redis must not hold the stop.
      const limitMs = opts.stopTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
      const deadline = Date.now() + limitMs;
      stopped = true;
      clearInterval(timer);
      if (sweeping !== null && !(await settlesWithin(sweeping, limitMs))) log.warn(`the ticket sweep did not finish within ${limitMs} ms; stopping anyway`);
      unregisterTickets(ctx.store);
      await queue.close({ timeoutMs: Math.max(0, deadline - Date.now()) });
      mailer?.close();
    },
  };
}
