// Raising a live case to urgent: an immediate risk reported after the referral was made. The
// priority goes up (it never comes down), the gateway assessment, if still open, becomes due
// the same working day, and the router tells the destinations again.
import { type CommandOf } from '../commands.js';
import { gatewayDueBy } from '../deadlines.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';
import { routedToPolice } from './gateway-assessment.js';

export function decideEscalation(
  command: CommandOf<'EscalateReferral'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (state.priority === 'urgent') return reject('already-urgent');
  const escalated = {
    type: 'ReferralEscalated' as const,
    data: { from: 'standard' as const },
    personal: command.personal,
  };
  if (state.gateway.status === 'completed' || !routedToPolice(state)) return accept(escalated);
  const dueBy = gatewayDueBy(command.at, 'urgent', state.routing?.localAuthorityCode, policy);
  if (state.gateway.dueBy !== null && state.gateway.dueBy <= dueBy) return accept(escalated);
  return accept(escalated, { type: 'GatewayAssessmentDeadlineSet', data: { dueBy, because: 'escalated' } });
}
