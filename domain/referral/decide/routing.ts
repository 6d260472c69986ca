// Routing and delivery: where the referral goes, and proof that each destination has it.
import { type CommandOf } from '../commands.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, dataOf, nothingToRecord, payloadOf, reject } from './decision.js';

export function decideRouting(command: CommandOf<'RecordRouting'>, state: ReferralState): ReferralDecision {
  const expected =
    command.reason === 'submitted'
      ? state.routing === null && !state.awaitingRerouting
      : command.reason === 'transferred'
        ? state.awaitingRerouting
        : state.hub.status === 'requested' && state.routing !== null && !state.awaitingRerouting;
  if (!expected) return reject('out-of-order', `Nothing calls for routing of this kind (${command.reason}) now.`);
  if (state.immediateRisk && command.priority !== 'urgent') return reject('urgent-required');
  return accept({ type: 'ReferralRouted', ...payloadOf(command) });
}

type DeliveryCommand = CommandOf<'RecordDelivery'> | CommandOf<'MarkDeliveryOverdue'>;

/** Why a delivery fact about this destination and routing cannot be recorded, or 'superseded' when it no longer matters. */
function deliveryCheck(command: DeliveryCommand, state: ReferralState): ReferralDecision | 'current' {
  if (!state.currentDestinations.includes(command.destinationId)) return reject('not-a-destination');
  const routedVersion = state.routing?.routedVersion ?? null;
  if (routedVersion !== null && command.routedVersion < routedVersion) return nothingToRecord();
  if (routedVersion !== null && command.routedVersion > routedVersion) {
    return reject('out-of-order', 'It refers to a routing that has not been recorded.');
  }
  return 'current';
}

export function decideDelivery(command: CommandOf<'RecordDelivery'>, state: ReferralState): ReferralDecision {
  const check = deliveryCheck(command, state);
  if (check !== 'current') return check;
  const known = state.deliveries[command.destinationId];
  if (known?.delivered && known.routedVersion === command.routedVersion) return nothingToRecord();
  return accept({ type: 'ReferralDelivered', ...dataOf(command) });
}

export function decideDeliveryOverdue(command: CommandOf<'MarkDeliveryOverdue'>, state: ReferralState): ReferralDecision {
  const check = deliveryCheck(command, state);
  if (check !== 'current') return check;
  if (Date.parse(command.at) < Date.parse(command.dueBy)) return reject('not-yet-due');
  const known = state.deliveries[command.destinationId];
  if (known && known.routedVersion === command.routedVersion && (known.delivered || known.overdue)) return nothingToRecord();
  return accept({ type: 'DeliveryOverdue', ...dataOf(command) });
}
