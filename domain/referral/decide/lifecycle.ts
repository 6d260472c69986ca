// Closure, which schedules the retention review (transfer is in transfer.ts, erasure in retention.ts).
import { dateOf } from '../calendar.js';
import { retentionReview } from './retention.js';
import { closingOutcomes } from '../closure-outcome.js';
import { type CommandOf } from '../commands.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';

export function decideClosure(
  command: CommandOf<'CloseReferral'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const outcomes = closingOutcomes(state);
  if (!outcomes.includes(command.outcome)) {
    const allowed =
      outcomes.length === 0
        ? 'It cannot be closed yet: work on it is still open.'
        : `It can be closed as: ${outcomes.join(', ')}.`;
    return reject('outcome-inconsistent', allowed);
  }
  return accept(
    { type: 'ReferralClosed', data: { outcome: command.outcome } },
    { type: 'RetentionReviewScheduled', data: retentionReview(dateOf(command.at), policy) },
  );
}
