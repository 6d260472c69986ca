// Due dates the decider works out itself, from the triage policy and the working days of the
// case's nation: the gateway assessment from the moment of routing (or of an escalation), and the
// next review of a support package. Nobody types these dates in.
import { type Priority } from '../../events/routing.js';
import { addMonths, calendarForLocalAuthority, dueDateOf, londonDateOf, onOrNextWorkingDay } from '../triage/index.js';
import { type ReferralPolicy } from './policy.js';

/** The day the gateway assessment is due, counted from `from` (the routing, or the escalation). */
export function gatewayDueBy(
  from: string,
  priority: Priority,
  localAuthorityCode: string | null | undefined,
  policy: ReferralPolicy,
): string {
  const calendar = calendarForLocalAuthority(localAuthorityCode);
  return dueDateOf('gateway-assessment', from, priority, { policy: policy.triage, calendar });
}

/** The next review of a support package agreed or reviewed at `at`: the policy's months on, on a working day. */
export function supportReviewDueOn(
  at: string,
  localAuthorityCode: string | null | undefined,
  policy: ReferralPolicy,
): string {
  const calendar = calendarForLocalAuthority(localAuthorityCode);
  return onOrNextWorkingDay(calendar, addMonths(londonDateOf(at), policy.triage.supportReviewMonths));
}

/** The next review of police-led case management started or reviewed at `at`: the policy's months on, on a working day. */
export function caseManagementReviewDueOn(
  at: string,
  localAuthorityCode: string | null | undefined,
  policy: ReferralPolicy,
): string {
  const calendar = calendarForLocalAuthority(localAuthorityCode);
  return onOrNextWorkingDay(calendar, addMonths(londonDateOf(at), policy.triage.caseManagementReviewMonths));
}
