// Police-led Prevent Case Management (PCM): the police manage the risk themselves, with reviews
// that fall due by themselves (the triage policy's `caseManagementReviewMonths`), and end it when
// the risk is managed, or refer the case (back) to Channel.
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { caseManagementReviewDueOn } from '../deadlines.js';
import { settled } from '../delivery-history.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState, caseManagementOf } from '../state.js';
import { type ReferralDecision, accept, nothingToRecord, payloadOf, reject } from './decision.js';
import { type DomainEvent } from '../../../events/catalogue.js';
import { type CaseManagementCause } from '../../../events/case-management.js';

/** The events that open police-led case management, with its first review, decided at `at`. */
export function caseManagementStarts(
  from: CaseManagementCause,
  at: string,
  state: ReferralState,
  policy: ReferralPolicy,
): DomainEvent[] {
  return [
    { type: 'PoliceCaseManagementStarted', data: { from } },
    {
      type: 'PoliceCaseManagementReviewScheduled',
      data: { dueOn: caseManagementReviewDueOn(at, state.routing?.localAuthorityCode, policy) },
    },
  ];
}

function policeInCaseManagement(command: { actor: { role: string } }, state: ReferralState): ReferralDecision | null {
  if (command.actor.role !== 'police-prevent-officer') return reject('police-only');
  if (caseManagementOf(state).status !== 'open') return reject('not-in-case-management');
  return null;
}

export function decideCaseManagementReview(
  command: CommandOf<'ReviewPoliceCaseManagement'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const refusal = policeInCaseManagement(command, state);
  if (refusal) return refusal;
  const dueOn = caseManagementReviewDueOn(command.at, state.routing?.localAuthorityCode, policy);
  return accept(
    { type: 'PoliceCaseManagementReviewed', ...payloadOf(command) },
    { type: 'PoliceCaseManagementReviewScheduled', data: { dueOn } },
  );
}

/**
 * A review date passed (a fact about the past the timers record). Nothing to record once the case
 * is settled, case management has ended, or the review is already due.
 */
export function decideCaseManagementReviewDue(
  command: CommandOf<'MarkPoliceCaseManagementReviewDue'>,
  state: ReferralState,
): ReferralDecision {
  const management = caseManagementOf(state);
  if (settled(state) || management.status === 'ended') return nothingToRecord();
  if (management.status !== 'open' || management.nextReviewDue === null) return reject('not-in-case-management');
  if (management.reviewDue) return nothingToRecord();
  if (dateOf(command.at) < management.nextReviewDue) return reject('not-yet-due');
  return accept({ type: 'PoliceCaseManagementReviewDue', data: { dueOn: management.nextReviewDue } });
}

export function decideCaseManagementEnd(
  command: CommandOf<'EndPoliceCaseManagement'>,
  state: ReferralState,
): ReferralDecision {
  const refusal = policeInCaseManagement(command, state);
  if (refusal) return refusal;
  if (command.reason === 'no-further-concern' && caseManagementOf(state).riskMitigated !== true)
    return reject('risk-not-mitigated');
  if (
    command.reason === 'referred-to-channel' &&
    (state.routing?.jurisdiction !== 'england-wales' || !state.routing.localAuthorityCode)
  )
    return reject('out-of-order', 'Channel is held by a local authority, and the case has none.');
  return accept({ type: 'PoliceCaseManagementEnded', ...payloadOf(command) });
}
