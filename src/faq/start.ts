import type { AdapterContext } from '../../adapters/adapter.js';
import type { RunningService } from '../server/services.js';
import { FAQ_KEYS, FaqRepository } from './repository.js';
import { faqRouter, knowledgeRouter } from './routes.js';
import { FaqService } from './service.js';

/** How often an instance checks the shared store's FAQ version (a change answers everywhere within ~1 s). */
export const FAQ_POLL_MS = 1000;

/** FAQ entries written in the console: routes (curator role), loaded at start, polled on a shared store. */
export async function startFaq(ctx: AdapterContext): Promise<RunningService & { faq: FaqService }> {
  const log = ctx.logger.child({ service: 'faq' });
  const faq = new FaqService(ctx.bot, new FaqRepository(ctx.store), ctx.audit, (e) => log.warn({ err: e }, 'FAQ entries could not be synchronised'));
  // A store that is down at start must not stop the bot: the shipped entries answer, the poll catches up.
  await faq.refresh().catch((e: unknown) => log.warn({ err: e }, 'stored FAQ entries could not be loaded at start; retrying'));
  // The in-memory store is this process's own: only a shared (Redis) store can change under us.
  if (ctx.store.kind === 'redis') faq.startPolling(FAQ_POLL_MS);
  const onError = (e: unknown) => log.error({ err: e }, 'FAQ request failed');
  return {
    name: 'faq',
    faq,
    adminRoutes: [
      { path: '/api/faq', router: faqRouter(faq, onError), roles: ['curator'] },
      { path: '/api/knowledge', router: knowledgeRouter(ctx.bot), roles: ['curator'] },
    ],
    healthKeys: [{ name: 'faq', key: `${FAQ_KEYS.version}:healthz` }],
    async stop() {
      faq.stopPolling();
    },
  };
}
