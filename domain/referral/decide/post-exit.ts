// Reviews six and twelve months after a person leaves Channel.
import { type PostExitReview } from '../../../events/post-exit.js';
import { addMonths, dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { settled } from '../delivery-history.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, nothingToRecord, payloadOf, reject } from './decision.js';

export const monthsAfterExit: Record<PostExitReview, number> = { 'six-month': 6, 'twelve-month': 12 };

export function decidePostExitReviewDue(
  command: CommandOf<'MarkPostExitReviewDue'>,
  state: ReferralState,
): ReferralDecision {
  // A fact about the past, but a closed or erased case has no review left to hold.
  if (settled(state)) return nothingToRecord();
  if (!state.channelExit) return reject('not-left-channel');
  if (state.reviews[command.review].status !== 'not-due') return nothingToRecord();
  if (command.review === 'twelve-month' && state.reviews['six-month'].status === 'not-due') {
    return reject('out-of-order', 'The six-month review falls due first.');
  }
  const dueOn = addMonths(state.channelExit.exitDate, monthsAfterExit[command.review]);
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
