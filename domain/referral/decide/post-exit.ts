// Reviews after a person leaves Channel, at the triage policy's months (six and twelve by default).
import { type PostExitReview } from '../../../events/post-exit.js';
import { addMonths, dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { type ReferralPolicy } from '../policy.js';
import { settled } from '../delivery-history.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, nothingToRecord, payloadOf, reject } from './decision.js';

/** The months after the exit at which each review falls due, as the policy configures them. */
export function monthsAfterExit(review: PostExitReview, policy: ReferralPolicy): number {
  const months = policy.triage.postExitReviewMonths;
  return review === 'six-month' ? months.sixMonth : months.twelveMonth;
}

export function decidePostExitReviewDue(
  command: CommandOf<'MarkPostExitReviewDue'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  // A fact about the past, but a closed or erased case has no review left to hold.
  if (settled(state)) return nothingToRecord();
  if (!state.channelExit) return reject('not-left-channel');
  if (state.reviews[command.review].status !== 'not-due') return nothingToRecord();
  if (command.review === 'twelve-month' && state.reviews['six-month'].status === 'not-due') {
    return reject('out-of-order', 'The six-month review falls due first.');
  }
  const dueOn = addMonths(state.channelExit.exitDate, monthsAfterExit(command.review, policy));
  if (dateOf(command.at) < dueOn) return reject('not-yet-due');
  return accept({ type: 'PostExitReviewDue', data: { review: command.review, dueOn } });
}

export function decidePostExitReviewCompletion(
  command: CommandOf<'CompletePostExitReview'>,
  state: ReferralState,
): ReferralDecision {
  const review = state.reviews[command.review];
  if (review.status === 'not-due') return reject('review-not-due');
  if (review.status === 'completed') return reject('review-already-completed');
  return accept({ type: 'PostExitReviewCompleted', ...payloadOf(command) });
}
