// Transfer when the person moves, and closure (which schedules the retention review).
import { dateOf } from '../calendar.js';
import { retentionReview } from './retention.js';
import { closingOutcomes } from '../closure-outcome.js';
import { type CommandOf } from '../commands.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, payloadOf, reject } from './decision.js';

/** The old destinations lose access at once; the router then routes again by the new address. */
export function decideTransfer(command: CommandOf<'TransferReferral'>): ReferralDecision {
  return accept({ type: 'ReferralTransferred', ...payloadOf(command) });
}

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
