// Who may read which statistics, for the API and the pages alike: the role must be allowed the
// statistics at all (the access guard, which records refusals), and the statistics policy then
// says whose figures it gets and how: national figures only from the dated extracts with
// disclosure control; exact, live figures only of the caller's own organisation's referrals.
// Returns the outcome; the API answers a refusal with a 403 (statisticsRefusalProblem), the
// pages with the forbidden page.
import { type StatisticsAccess, type StatisticsRequest, decideStatisticsAccess } from '../../../domain/access/index.js';
import { auditSubject } from '../../audit/access-audit.js';
import { type HttpProblem, problems } from '../../http/problem.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type AccessGuard } from '../shared/access-guard.js';

export type AllowedStatistics = Extract<StatisticsAccess, { allowed: true }>;

export async function checkStatisticsAccess(
  guard: AccessGuard,
  attempt: { viewer: AuthenticatedViewer; request: StatisticsRequest; year: string; correlationId: string },
): Promise<StatisticsAccess> {
  const { viewer, request, correlationId } = attempt;
  const subject = auditSubject('statistics', attempt.year);
  const role = await guard.check({ viewer, action: 'read-statistics', subject, correlationId, recordAllowed: false });
  if (!role.allowed) return { allowed: false, answer: 'forbidden', reason: role.reason };
  const decision = decideStatisticsAccess(viewer, request);
  if (!decision.allowed) await guard.record({ viewer, action: 'read-statistics', subject, correlationId }, decision);
  return decision;
}

/** How the API answers a refused statistics request, in plain words. */
export function statisticsRefusalProblem(request: StatisticsRequest): HttpProblem {
  return problems.forbidden(
    request.scope === 'organisation'
      ? "Exact figures are shown only of your own organisation's referrals. Other figures are in the dated extracts."
      : 'Your role may not read the statistics.',
  );
}
