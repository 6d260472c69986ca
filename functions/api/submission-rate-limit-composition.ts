// The submission limiter of one composition context: the API's submission route and the web
// form's submission page count with the same instance (and, through DynamoDB, with every other).
import { type RateLimiter } from '../rate-limit/rate-limiter.js';
import { submissionRateLimiter } from '../rate-limit/rate-limit-composition.js';
import { type CompositionContext } from './composition-context.js';

export function submissionRateLimit(ctx: CompositionContext): RateLimiter {
  return ctx.once('submission-rate-limit', () => submissionRateLimiter(ctx.config, ctx.clients, { clock: ctx.clock }));
}
