// Retention (issue 12, part 6): the review closure schedules, the timer that records it falling
// due, and erasure as a reasoned decision.
import { addYears, dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState, retentionOf } from '../state.js';
import { type ReferralDecision, accept, nothingToRecord, reject } from './decision.js';

/** The review of a case closed on `closedOn`: the policy's retention years later. */
export function retentionReview(closedOn: string, policy: ReferralPolicy) {
  return { dueOn: addYears(closedOn, policy.retentionYears), retentionYears: policy.retentionYears };
}

/**
 * The day the retention period of a closed case ends: as scheduled at closure (a later change of
 * policy does not move it); a case closed before reviews were scheduled counts from its closure.
 */
function retentionEndsOn(state: ReferralState, policy: ReferralPolicy): string | null {
  const scheduled = retentionOf(state);
  if (scheduled) return scheduled.dueOn;
  const closedAt = state.closure?.closedAt ?? null;
  return closedAt === null ? null : addYears(dateOf(closedAt), policy.retentionYears);
}

/** The timers' fact: a retention review fell due. Nothing to record on an erased case, or twice. */
export function decideRetentionReviewDue(
  command: CommandOf<'MarkRetentionReviewDue'>,
  state: ReferralState,
): ReferralDecision {
  const review = retentionOf(state);
  if (state.erased || review === null || review.due) return nothingToRecord();
  if (dateOf(command.at) < review.dueOn) return reject('not-yet-due');
  return accept({ type: 'RetentionReviewDue', data: { dueOn: review.dueOn } });
}

/**
 * Erasure follows a reasoned decision (the reason and its grounds, checked by the command's
 * schema; who and when are the event's envelope): at the end of the retention period, on a data
 * subject's request once the case is closed, or at any time for a record made in error.
 */
export function decideErasure(
  command: CommandOf<'ErasePersonalData'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (command.reason === 'retention-period-ended') {
    const endsOn = retentionEndsOn(state, policy);
    if (endsOn === null || dateOf(command.at) < endsOn) return reject('retention-period-not-ended');
  }
  if (command.reason === 'data-subject-request' && state.closure === null) return reject('case-open');
  const { reason, grounds } = command;
  return accept(
    { type: 'ErasureDecided', data: { reason, grounds, caseOpen: state.closure === null } },
    { type: 'PersonalDataErased', data: { reason } },
  );
}
