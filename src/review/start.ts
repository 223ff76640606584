import type { AdapterContext } from '../../adapters/adapter.js';
import type { RunningService } from '../server/services.js';
import { ReviewService } from './review.js';
import { reviewRouter } from './routes.js';

/** The review has no background work: only its routes (curator role). */
export function startReview(ctx: AdapterContext): RunningService & { review: ReviewService } {
  const review = new ReviewService(ctx.audit, ctx.feedback);
  const log = ctx.logger.child({ service: 'review' });
  return {
    name: 'review',
    review,
    adminRoutes: [{ path: '/api/review', router: reviewRouter(review, ctx.feedback, (e) => log.error({ err: e }, 'review request failed')), roles: ['curator'] }],
    async stop() {},
  };
}
