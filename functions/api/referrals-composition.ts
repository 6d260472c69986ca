// The referrals group (function `referrals`): the public form's submission (limited per client
// address) and the case reads.
import { type RouteDefinition } from '../http/route.js';
import { accessGuard } from './access-composition.js';
import { type CompositionContext } from './composition-context.js';
import { eventStore, referralDecider, referralSubmission } from './referral-services-composition.js';
import { createReferralRoutes } from './referral-routes.js';
import { limitSubmissionRoutes } from './submission-rate-limit.js';
import { submissionRateLimit } from './submission-rate-limit-composition.js';

export function composeReferralRoutes(ctx: CompositionContext): RouteDefinition[] {
  const routes = createReferralRoutes({
    store: eventStore(ctx),
    decider: referralDecider(ctx),
    guard: accessGuard(ctx),
    submission: referralSubmission(ctx),
  });
  return limitSubmissionRoutes(routes, submissionRateLimit(ctx));
}
