import { hostname } from 'node:os';
import type { AdapterContext } from '../../adapters/adapter.js';
import type { RunningService } from '../server/services.js';
import type { Store } from '../store/store.js';
import { remindersRouter } from './api.js';
import { ReminderAuthorizer } from './authorization.js';
import { InProcessScheduler } from './in-process-scheduler.js';
import { ReminderRepository } from './repository.js';
import { ReminderRunner } from './runner.js';
import type { FireScheduler } from './scheduler.js';
import { ReminderService } from './service.js';

/** What adapters (Slack, Teams) need to offer reminder commands. */
export interface RemindersHandle {
  service: ReminderService;
  authorizer: ReminderAuthorizer;
  runner: ReminderRunner;
  scheduler: FireScheduler;
}

/** How often every active reminder's next run is added again (idempotent). */
const RESYNC_MS = 10 * 60_000;

// Keyed by the shared store, which every adapter already holds, so no adapter signature changes.
const handles = new WeakMap<Store, RemindersHandle>();

/** The reminders service running on this store, if any (adapters call this when they load). */
export const remindersFor = (store: Store): RemindersHandle | undefined => handles.get(store);

/**
 * Starts reminders: BullMQ on Redis when the store is Redis (shared by every instance),
 * in-process timers with the embedded store. Runs are delivered once start() is called, after
 * the adapters have registered their messengers.
 */
export async function startReminders(ctx: AdapterContext): Promise<RunningService & { handle: RemindersHandle }> {
  const s = ctx.settings;
  const logger = ctx.logger.child({ service: 'reminders' });
  const retry = { attempts: s.REMINDER_RETRY_ATTEMPTS, backoffMs: s.REMINDER_RETRY_BACKOFF_MS };
  let scheduler: FireScheduler;
  if (ctx.store.kind === 'redis' && s.REDIS_URL !== undefined) {
    // Loaded on demand so the embedded default never loads BullMQ.
    const { BullMqScheduler } = await import('./bullmq-scheduler.js');
    scheduler = new BullMqScheduler({ redisUrl: s.REDIS_URL, redisPrefix: s.REDIS_PREFIX, logger, retry });
  } else {
    scheduler = new InProcessScheduler(logger, retry);
  }
  const repo = new ReminderRepository(ctx.store);
  // Messengers register when the adapters load (after this), so the check runs at creation time.
  const service = new ReminderService({ repo, scheduler, audit: ctx.audit, logger, platformAvailable: (p) => ctx.messengers.has(p as Parameters<typeof ctx.messengers.has>[0]) });
  const runner = new ReminderRunner({
    repo,
    messengers: ctx.messengers,
    scheduler,
    logger,
    catchUpMaxAgeMs: s.REMINDER_CATCHUP_MAX_AGE_MINUTES * 60_000,
    instance: `${hostname()}:${process.pid}`,
  });
  const authorizer = ReminderAuthorizer.fromSettings(s, logger);
  const handle: RemindersHandle = { service, authorizer, runner, scheduler };
  handles.set(ctx.store, handle);

  let resync: NodeJS.Timeout | undefined;
  let resyncing: Promise<unknown> | null = null;
  return {
    name: 'reminders',
    handle,
    adminRoutes: [{ path: '/api/reminders', router: remindersRouter(service, logger), roles: ['hr'] }],
    healthKeys: [{ name: 'reminders', key: '{reminders}:healthz' }],
    async start() {
      await scheduler.start(async (job, attempt) => {
        await runner.fire(job, attempt);
      });
      const queued = await service.recover();
      logger.info({ scheduler: scheduler.kind, active: queued }, 'reminders started');
      // Runs are re-added now and then (the job id makes it a no-op when present): a delayed job that a
      // Redis failover lost, or an add that failed while Redis was away, comes back by itself.
      resync = setInterval(() => {
        resyncing ??= service
          .recover()
          .catch((e: unknown) => logger.warn({ err: e }, 'reminder re-scheduling failed; trying again later'))
          .finally(() => (resyncing = null));
      }, RESYNC_MS);
      resync.unref();
    },
    async stop() {
      clearInterval(resync);
      await scheduler.stop();
      if (handles.get(ctx.store) === handle) handles.delete(ctx.store);
    },
  };
}
