// Deconfliction before sharing (decision 0016, part 1): the police record deconfliction; a
// destination whose policy is "after deconfliction" is told at routing only that the referral
// exists, and receives the whole of it when an outcome involves it or the police decide to share.
import { type DomainEvent } from '../../../events/catalogue.js';
import { type SharingReason } from '../../../events/sharing.js';
import { type CommandOf } from '../commands.js';
import { settled } from '../delivery-history.js';
import { evolve } from '../evolve.js';
import { alwaysReceivesWhole, deconflicted, kindOf, sharingDue, sharingKey, sharingOf } from '../sharing.js';
import { type ReferralState } from '../state.js';
import { byGatewayAssessor, routedToPolice } from './gateway-assessment.js';
import { type ReferralDecision, accept, dataOf, nothingToRecord, reject } from './decision.js';

type PoliceCommand =
  CommandOf<'RecordDeconfliction'> | CommandOf<'ShareReferral'> | CommandOf<'CompleteGatewayAssessment'>;

/** The fact of deconfliction, recorded by the officer who did it, when they did it. */
export function deconflictionBy(command: PoliceCommand): DomainEvent<'DeconflictionRecorded'> {
  return {
    type: 'DeconflictionRecorded',
    data: { by: { organisation: command.actor.organisation, user: command.actor.user }, at: command.at },
  };
}

export function decideDeconfliction(command: CommandOf<'RecordDeconfliction'>, state: ReferralState): ReferralDecision {
  if (!byGatewayAssessor(command, state)) return reject('police-only');
  if (!routedToPolice(state)) return reject('not-routed-to-police');
  if (deconflicted(state)) return reject('deconfliction-already-recorded');
  return accept(deconflictionBy(command));
}

export function decideShare(command: CommandOf<'ShareReferral'>, state: ReferralState): ReferralDecision {
  if (command.actor.role !== 'police-prevent-officer') return reject('police-only');
  if (!deconflicted(state)) return reject('deconfliction-not-recorded');
  const { withheld } = sharingOf(state);
  const named = command.destinationIds ?? withheld;
  if (named.length === 0 || named.some((id) => !withheld.includes(id))) return reject('not-awaiting-sharing');
  const destinationIds = [...new Set(named)];
  return accept({ type: 'ReferralShared', data: { destinationIds, because: 'police-decision' } });
}

/**
 * A destination confirms it received a share: recorded once, in any state of the case, as long as
 * it can be true (that share named it). A fact about the past, like a routing's delivery.
 */
export function decideSharedDelivery(
  command: CommandOf<'RecordSharedDelivery'>,
  state: ReferralState,
): ReferralDecision {
  const { sharedTo, confirmedShares } = sharingOf(state);
  const key = sharingKey(command.sharedVersion, command.destinationId);
  const knowsVersions = state.routing?.routedVersion != null;
  if (knowsVersions && !sharedTo.includes(key))
    return reject('not-a-destination', 'That share did not go to that organisation.');
  if (confirmedShares.includes(key)) return nothingToRecord();
  return accept({ type: 'SharedReferralDelivered', ...dataOf(command) });
}

/**
 * A share's delivery deadline passed (decision 0016, part 1): the sibling of a routing's
 * DeliveryOverdue, marked by the timers. A fact about the past: nothing to record once the case
 * is settled, the destination has lost the case, or the delivery is confirmed or already overdue.
 */
export function decideSharedDeliveryOverdue(
  command: CommandOf<'MarkSharedDeliveryOverdue'>,
  state: ReferralState,
): ReferralDecision {
  const { sharedTo, confirmedShares, overdueShares = [] } = sharingOf(state);
  const key = sharingKey(command.sharedVersion, command.destinationId);
  if (!sharedTo.includes(key)) return reject('not-a-destination', 'That share did not go to that organisation.');
  if (settled(state) || !state.currentDestinations.includes(command.destinationId)) return nothingToRecord();
  if (Date.parse(command.at) < Date.parse(command.dueBy)) return reject('not-yet-due');
  if (confirmedShares.includes(key) || overdueShares.includes(key)) return nothingToRecord();
  return accept({ type: 'SharedDeliveryOverdue', ...dataOf(command) });
}

/**
 * At routing: the destinations told only that the referral exists. Those the router names as
 * receiving after deconfliction, unless they always receive it whole (police hubs, national
 * triage), already hold the case (whole, or waiting for it), or the case already involves them (deconflicted, and referred
 * to Channel or the hub: a transfer or a hub request after the gateway assessment).
 */
export function sharingDeferredAtRouting(
  command: CommandOf<'RecordRouting'>,
  state: ReferralState,
): DomainEvent<'ReferralSharingDeferred'>[] {
  const deferred = new Set(command.shareAfterDeconfliction ?? []);
  // A current destination keeps what it has: the whole referral, or the wait for it (told once).
  const holdsCase = (id: string) => state.currentDestinations.includes(id);
  const destinationIds = command.destinations
    .filter(
      (destination) =>
        deferred.has(destination.id) &&
        !alwaysReceivesWhole(destination.kind) &&
        !holdsCase(destination.id) &&
        sharingDue(state, destination.kind) === null,
    )
    .map((destination) => destination.id);
  if (destinationIds.length === 0 || state.suspectedConcernTypes.length === 0) return [];
  return [
    { type: 'ReferralSharingDeferred', data: { destinationIds, typesOfConcern: [...state.suspectedConcernTypes] } },
  ];
}

/**
 * After a command's events: the shares now due (deconflicted, and an outcome involving a
 * destination that waits). The decider appends them with the events that made them due, in the
 * same atomic append, so a share can never be lost between the outcome and its delivery.
 */
export function sharesNowDue(after: ReferralState): DomainEvent<'ReferralShared'>[] {
  if (settled(after)) return [];
  const byReason = new Map<SharingReason, string[]>();
  for (const id of sharingOf(after).withheld) {
    const kind = kindOf(after, id);
    const reason = kind === null ? null : sharingDue(after, kind);
    if (reason !== null) byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  }
  return [...byReason].map(([because, destinationIds]) => ({
    type: 'ReferralShared',
    data: { destinationIds, because },
  }));
}

/** The decision with the shares it makes due appended. */
export function withSharesDue(decision: ReferralDecision, state: ReferralState): ReferralDecision {
  if (!decision.ok || decision.events.length === 0) return decision;
  const after = decision.events.reduce(evolve, state);
  const shares = sharesNowDue(after);
  return shares.length === 0 ? decision : { ok: true, events: [...decision.events, ...shares] };
}
