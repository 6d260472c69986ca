// Routing and delivery: where the referral goes, and proof that each destination has it. All of
// these are facts about the past (see `pastFacts` in decide.ts): a closed or erased case, a
// transfer since, or a later routing never makes them a refusal that would be retried for ever.
import { type CommandOf } from '../commands.js';
import { gatewayDueBy } from '../deadlines.js';
import { type ReferralPolicy } from '../policy.js';
import { deliveryConfirmed, destinationOfRouting, settled } from '../delivery-history.js';
import { type ReferralState, regionalMoveOf } from '../state.js';
import { type ReferralDecision, accept, dataOf, nothingToRecord, payloadOf, reject } from './decision.js';
import { sharingDeferredAtRouting } from './sharing.js';

type RoutingReason = CommandOf<'RecordRouting'>['reason'];

/** Is this routing called for now, already made (nothing to record), or never called for at all? */
function routingCalledFor(reason: RoutingReason, state: ReferralState): 'now' | 'already-made' | 'never' {
  switch (reason) {
    case 'submitted':
      return state.routing === null && !state.awaitingRerouting ? 'now' : 'already-made';
    case 'transferred': {
      // A referral waiting for the routing of a regional move waits for that, not for a transfer's.
      const move = regionalMoveOf(state);
      if (state.awaitingRerouting && !(move !== null && !move.routed)) return 'now';
      return state.transfers > 0 ? 'already-made' : 'never';
    }
    case 'moved-within-region': {
      // Called for once per move, until a transfer to another area supersedes it.
      const move = regionalMoveOf(state);
      // A transfer supersedes a move (and forgets it): the move's routing, retried late, records nothing.
      if (move === null) return state.transfers > 0 ? 'already-made' : 'never';
      return !move.routed && state.awaitingRerouting ? 'now' : 'already-made';
    }
    case 'hub-assessment-requested':
      if (state.hub.status === 'requested' && state.routing !== null && !state.awaitingRerouting) return 'now';
      // The request was routed, or the transfer's routing that followed it carries the hub.
      return state.hub.status !== 'not-requested' ? 'already-made' : 'never';
  }
}

/**
 * The gateway assessment falls due from the first routing that reaches a police Prevent hub,
 * whether or not anyone starts it (urgent: the same working day; standard: the policy's target).
 */
function gatewayDeadline(command: CommandOf<'RecordRouting'>, state: ReferralState, policy: ReferralPolicy) {
  if (state.gateway.status === 'completed' || state.gateway.dueBy !== null) return [];
  if (!command.destinations.some((destination) => destination.kind === 'police-prevent-hub')) return [];
  const priority = state.priority === 'urgent' || command.priority === 'urgent' ? 'urgent' : 'standard';
  const dueBy = gatewayDueBy(command.at, priority, command.localAuthority?.code, policy);
  return [{ type: 'GatewayAssessmentDeadlineSet' as const, data: { dueBy, because: 'routed' as const } }];
}

export function decideRouting(
  command: CommandOf<'RecordRouting'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const called = routingCalledFor(command.reason, state);
  if (called === 'never')
    return reject('out-of-order', `Nothing calls for routing of this kind (${command.reason}) now.`);
  // A closed or erased case is routed to nobody new: the routing the router worked out is moot.
  if (called === 'already-made' || settled(state)) return nothingToRecord();
  if (state.immediateRisk && command.priority !== 'urgent') return reject('urgent-required');
  const { shareAfterDeconfliction: _policies, ...routing } = command;
  return accept(
    { type: 'ReferralRouted', ...payloadOf(routing) },
    ...sharingDeferredAtRouting(command, state),
    ...gatewayDeadline(command, state, policy),
  );
}

/**
 * A destination confirms it received a routing: recorded once, in any state of the case, as long
 * as it can be true (the organisation was a destination, the routing was made).
 */
export function decideDelivery(command: CommandOf<'RecordDelivery'>, state: ReferralState): ReferralDecision {
  const latest = state.routing?.routedVersion ?? null;
  if (latest !== null && command.routedVersion > latest)
    return reject('out-of-order', 'It refers to a routing that has not been recorded.');
  if (!destinationOfRouting(state, command.routedVersion, command.destinationId))
    return reject('not-a-destination', 'That routing did not go to that organisation.');
  if (deliveryConfirmed(state, command.routedVersion, command.destinationId)) return nothingToRecord();
  const known = state.deliveries[command.destinationId];
  if (known?.delivered && known.routedVersion === command.routedVersion) return nothingToRecord();
  return accept({ type: 'ReferralDelivered', ...dataOf(command) });
}

/**
 * A destination's delivery deadline passed. Nothing to record when the case is closed or erased,
 * when the destination has moved on or the routing was superseded (no one waits for it any more),
 * or when delivery is already confirmed or marked overdue.
 */
export function decideDeliveryOverdue(
  command: CommandOf<'MarkDeliveryOverdue'>,
  state: ReferralState,
): ReferralDecision {
  const latest = state.routing?.routedVersion ?? null;
  if (latest !== null && command.routedVersion > latest)
    return reject('out-of-order', 'It refers to a routing that has not been recorded.');
  if (!destinationOfRouting(state, command.routedVersion, command.destinationId))
    return reject('not-a-destination', 'That routing did not go to that organisation.');
  if (settled(state) || !state.currentDestinations.includes(command.destinationId)) return nothingToRecord();
  if (latest !== null && command.routedVersion < latest) return nothingToRecord();
  if (Date.parse(command.at) < Date.parse(command.dueBy)) return reject('not-yet-due');
  const known = state.deliveries[command.destinationId];
  if (known && known.routedVersion === command.routedVersion && (known.delivered || known.overdue))
    return nothingToRecord();
  if (deliveryConfirmed(state, command.routedVersion, command.destinationId)) return nothingToRecord();
  return accept({ type: 'DeliveryOverdue', ...dataOf(command) });
}
