// What the person who made a referral is told about it, in plain words: that it was received,
// that it is being assessed, that the police asked them for more information, or that it is
// closed and nothing more is needed from them. Never a police decision, never the route (Channel,
// the Vulnerability Support Hub, police-led case management) and never the outcome for the person:
// every open case past the first look is "being assessed", every closed one is "closed", whatever
// was decided. Pure: a function of the case's state alone.
import { type ReferralState } from './state.js';

export const referrerStatuses = ['received', 'being-assessed', 'more-information-requested', 'closed'] as const;
export type ReferrerStatus = (typeof referrerStatuses)[number];

/** Everything the referrer may know about the case, and nothing else. */
export interface ReferrerView {
  reference: string;
  /** When it was submitted (the referrer knows this already). */
  submittedAt: string | null;
  status: ReferrerStatus;
  /** The number of the request for more information waiting for the referrer's answer, if any. */
  awaitingAnswer: number | null;
}

/** Stages at which nobody has started work on the referral yet: it was received and passed on. */
const notYetStarted = new Set<ReferralState['status']>(['not-submitted', 'submitted', 'routed']);

export function referrerStatusOf(state: ReferralState): ReferrerStatus {
  if (state.closure !== null || state.erased) return 'closed';
  if (state.moreInformation.awaitingAnswer !== null) return 'more-information-requested';
  if (notYetStarted.has(state.status) && state.moreInformation.requests === 0) return 'received';
  return 'being-assessed';
}

export function referrerViewOf(state: ReferralState): ReferrerView {
  const status = referrerStatusOf(state);
  return {
    reference: state.reference ?? '',
    submittedAt: state.submittedAt,
    status,
    awaitingAnswer: status === 'more-information-requested' ? state.moreInformation.awaitingAnswer : null,
  };
}
