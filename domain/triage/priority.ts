// The priority of a referral in the triage queues.
import { type EventData, type Priority } from '../../events/index.js';
import { type TriagePolicy } from './triage-policy.js';

export type PriorityFacts = Pick<EventData<'ReferralSubmitted'>, 'immediateRisk' | 'suspectedConcernTypes'>;

/**
 * Urgent when the referrer reported an immediate risk (they were told to call 999; the
 * referral is still recorded and handled the same day), or when the policy names one of the
 * suspected types of concern as urgent; standard otherwise.
 */
export function priorityOf(referral: PriorityFacts, policy: TriagePolicy): Priority {
  if (referral.immediateRisk) return 'urgent';
  return referral.suspectedConcernTypes.some((type) => policy.urgentConcernTypes.includes(type))
    ? 'urgent'
    : 'standard';
}

/** Queue order of priorities: a lower rank comes first. */
export const priorityRank: Readonly<Record<Priority, number>> = Object.freeze({ urgent: 0, standard: 1 });
