// Which routes and pages are the public submission, held to one limit per client address
// (SUBMISSION_RATE_LIMIT per SUBMISSION_RATE_WINDOW_SECONDS): the API's POST /referrals and the
// web form's final POST /referral/check-answers. One limiter, one count, whichever path is used.
import { type RouteDefinition, routeKey } from '../../http/route.js';
import { type RateLimiter } from '../../rate-limit/rate-limiter.js';
import { problemResponse } from '../shared/api-schemas.js';

export const SUBMISSION_ROUTE = 'POST /referrals';
export const SUBMISSION_PAGE = 'POST /referral/check-answers';

/** The routes with the submission route held to the limiter (every other route as it was). */
export function limitSubmissionRoutes(routes: readonly RouteDefinition[], limiter: RateLimiter): RouteDefinition[] {
  return routes.map((route) =>
    routeKey(route) === SUBMISSION_ROUTE
      ? {
          ...route,
          clientRateLimit: limiter,
          responses: {
            ...route.responses,
            429: problemResponse(
              'Too many referrals from this client address in the window; Retry-After says in how many seconds to try again',
            ),
          },
        }
      : route,
  );
}

/** The pages with the form's submission held to the limiter. */
export function limitSubmissionPages<Page extends { method: string; path: string; clientRateLimit?: RateLimiter }>(
  pages: readonly Page[],
  limiter: RateLimiter,
): Page[] {
  return pages.map((page) =>
    `${page.method} ${page.path}` === SUBMISSION_PAGE ? { ...page, clientRateLimit: limiter } : page,
  );
}
