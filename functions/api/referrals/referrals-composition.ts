// The referrals group (function `referrals`): the public form's submission (idempotent per caller
// key, limited per client address) and the case reads. The submission and its limiter are also
// what the web form's pages run on (functions/api/api-services.ts).
import { type RouteDefinition } from '../../http/route.js';
import { type RateLimiter } from '../../rate-limit/rate-limiter.js';
import { submissionRateLimiter } from '../../rate-limit/rate-limit-composition.js';
import { idempotencyTable } from '../../tables/table-definitions.js';
import { createCommandHandler } from '../../command-handler/command-handler.js';
import { accessGuard } from '../shared/access-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { eventStore, referralDecider } from '../shared/referral-stream-composition.js';
import { newReferralIdentifiers } from './referral-identifiers.js';
import { createReferralRoutes } from './referral-routes.js';
import { type ReferralSubmission, createReferralSubmission } from './referral-submission.js';
import { createSubmissionIdempotency } from './submission-idempotency.js';
import { limitSubmissionRoutes } from './submission-rate-limit.js';
import { caseCommands } from '../case-commands/case-commands-composition.js';
import { createCaseIndexReader } from '../../read-models/case-index-reader.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { blindIndexKey } from '../shared/blind-index-composition.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { type CaseSearch, createCaseSearch } from './case-search.js';
import { createCaseSearchRoutes } from './case-search-routes.js';
import { type ReferrerLinks } from '../../referrer-link/referrer-links.js';
import { composeReferrerLinks } from '../../referrer-link/referrer-link-composition.js';

export function referralSubmission(ctx: CompositionContext): ReferralSubmission {
  return ctx.once('referral-submission', () =>
    createReferralSubmission({
      commands: createCommandHandler({ store: eventStore(ctx), decider: referralDecider(ctx) }),
      idempotency: createSubmissionIdempotency({
        client: ctx.clients.dynamo,
        tableName: ctx.table(idempotencyTable),
        clock: ctx.clock,
      }),
      clock: ctx.clock,
      newIdentifiers: () => newReferralIdentifiers(),
    }),
  );
}

/** One limiter per context: the API's submission route and the web form's submission page count with it. */
export function submissionRateLimit(ctx: CompositionContext): RateLimiter {
  return ctx.once('submission-rate-limit', () => submissionRateLimiter(ctx.config, ctx.clients, { clock: ctx.clock }));
}

/** The referrer's links (checked here; the router mints them), with the one key in the keys table. */
export function referrerLinks(ctx: CompositionContext): ReferrerLinks {
  return ctx.once('referrer-links', () => composeReferrerLinks(ctx.config, ctx.clients, ctx.clock));
}

/** Finding a case by reference or person: the API's route and the pages' search box run on it. */
export function caseSearch(ctx: CompositionContext): CaseSearch {
  return ctx.once('case-search', () =>
    createCaseSearch({
      index: createCaseIndexReader({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
      versions: projectionVersions(ctx),
      blindIndexKey: blindIndexKey(ctx),
      store: eventStore(ctx),
      decider: referralDecider(ctx),
      guard: accessGuard(ctx),
    }),
  );
}

export function composeReferralRoutes(ctx: CompositionContext): RouteDefinition[] {
  const routes = createReferralRoutes({
    store: eventStore(ctx),
    decider: referralDecider(ctx),
    guard: accessGuard(ctx),
    submission: referralSubmission(ctx),
    commands: caseCommands(ctx),
    referrerLinks: referrerLinks(ctx),
  });
  return [
    ...limitSubmissionRoutes(routes, submissionRateLimit(ctx)),
    ...createCaseSearchRoutes({ search: caseSearch(ctx) }),
  ];
}
