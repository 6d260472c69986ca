// Who may read which statistics, for the API and the pages alike: the role must be allowed the
// statistics at all (the access guard, which records refusals), and the statistics policy then
// says whose figures it gets and how: national figures only from the dated extracts with
// disclosure control; exact, live figures only of the caller's own organisation's referrals.
import { type StatisticsAccess, type StatisticsRequest, decideStatisticsAccess } from '../../../domain/access/index.js';
import { auditSubject } from '../../audit/access-audit.js';
import { problems } from '../../http/problem.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type AccessGuard } from '../shared/access-guard.js';

export type AllowedStatistics = Extract<StatisticsAccess, { allowed: true }>;

export async function requireStatisticsAccess(
  guard: AccessGuard,
  attempt: { viewer: AuthenticatedViewer; request: StatisticsRequest; year: string; correlationId: string },
): Promise<AllowedStatistics> {
  const { viewer, request, correlationId } = attempt;
  const subject = auditSubject('statistics', attempt.year);
  await guard.require({ viewer, action: 'read-statistics', subject, correlationId, recordAllowed: false });
  const decision = decideStatisticsAccess(viewer, request);
  if (!decision.allowed) {
    await guard.record({ viewer, action: 'read-statistics', subject, correlationId }, decision);
    throw problems.forbidden(
      request.scope === 'organisation'
        ? "Exact figures are shown only of your own organisation's referrals. Other figures are in the dated extracts."
        : 'Your role may not read the statistics.',
    );
  }
  return decision;
}
