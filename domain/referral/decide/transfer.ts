// Transfer when the person moves: the old destinations lose access at once, the router routes the
// case again by the new address, and the receiving area accepts it (its police Prevent hub, its
// council's Prevent team, or national triage). Until then the case waits in their queues.
import { type CommandOf } from '../commands.js';
import { type ReferralState, awaitingAcceptance } from '../state.js';
import { type ReferralDecision, accept, payloadOf, reject } from './decision.js';

export function decideTransfer(command: CommandOf<'TransferReferral'>): ReferralDecision {
  return accept({ type: 'ReferralTransferred', ...payloadOf(command) });
}

const acceptingKinds = new Set(['police-prevent-hub', 'local-authority-prevent-team', 'national-triage']);
const acceptingRoles = new Set(['police-prevent-officer', 'local-authority-prevent-lead']);

export function decideTransferAcceptance(command: CommandOf<'AcceptTransfer'>, state: ReferralState): ReferralDecision {
  if (!awaitingAcceptance(state)) return reject('no-transfer-to-accept');
  const receiving = state.routing?.destinations.find((destination) => destination.id === command.actor.organisation);
  if (!receiving || !acceptingKinds.has(receiving.kind) || !acceptingRoles.has(command.actor.role))
    return reject('cannot-accept-transfer');
  return accept({ type: 'TransferAccepted', data: { acceptedBy: receiving.id } });
}
