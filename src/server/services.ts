import type { Router } from 'express';
import type { AdapterContext } from '../../adapters/adapter.js';
import type { KeySpace } from './health.js';
import type { Role } from './principal.js';

/** A background service (tickets, reminders) with its admin routes and lifecycle. */
export interface RunningService {
  readonly name: string;
  /**
   * Routes mounted behind the admin token, e.g. { path: '/api/tickets', router }; a console
   * session may use them too when it has one of `roles` (admin always may).
   */
  adminRoutes?: Array<{ path: string; router: Router; roles?: Role[] }>;
  /** The store key spaces it needs (GET /healthz writes a key in each). */
  healthKeys?: KeySpace[];
  /** Called once the adapters are mounted (messengers registered) and the server listens. */
  start?(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the services before the adapters load, so that a service can replace a port on the
 * context (tickets replace ctx.escalations) and adapters see the final one.
 */
export async function startServices(ctx: AdapterContext): Promise<RunningService[]> {
  const services: RunningService[] = [];
  services.push(await (await import('../tickets/start.js')).startTicketService(ctx));
  services.push(await (await import('../reminders/start.js')).startReminders(ctx));
  // Office replies by e-mail: after tickets, whose service it answers through.
  if (ctx.settings.IMAP_URL !== undefined) services.push(await (await import('../mail/inbox/start.js')).startMailReplies(ctx));
  services.push((await import('../review/start.js')).startReview(ctx));
  services.push(await (await import('../faq/start.js')).startFaq(ctx));
  void ctx;
  return services;
}
