// Closure, and erasure of personal data (transfer is in transfer.ts).
import { addYears, dateOf } from '../calendar.js';
import { closingOutcomes } from '../closure-outcome.js';
import { type CommandOf } from '../commands.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';

export function decideClosure(command: CommandOf<'CloseReferral'>, state: ReferralState): ReferralDecision {
  const outcomes = closingOutcomes(state);
  if (!outcomes.includes(command.outcome)) {
    const allowed =
      outcomes.length === 0
        ? 'It cannot be closed yet: work on it is still open.'
        : `It can be closed as: ${outcomes.join(', ')}.`;
    return reject('outcome-inconsistent', allowed);
  }
  return accept({ type: 'ReferralClosed', data: { outcome: command.outcome } });
}

export function decideErasure(
  command: CommandOf<'ErasePersonalData'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (command.reason === 'retention-period-ended') {
    const closedAt = state.closure?.closedAt ?? null;
    if (closedAt === null || dateOf(command.at) < addYears(dateOf(closedAt), policy.retentionYears)) {
      return reject('retention-period-not-ended');
    }
  }
  return accept({ type: 'PersonalDataErased', data: { reason: command.reason } });
}
