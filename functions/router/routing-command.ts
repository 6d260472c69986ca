// What the router asks the referral to record when an event calls for routing: the routing
// rules' decision as a RecordRouting command. Submitted and transferred referrals are routed by
// the postcode in the event's (decrypted) personal part; a Vulnerability Support Hub assessment
// request reroutes with the hub added, from the latest postcode the referral was given.
import { type RecordedEvent } from '../../events/catalogue.js';
import { type Actor, isErased } from '../../events/envelope.js';
import { type CommandOf } from '../../domain/referral/commands.js';
import { type ReferralState, regionalMoveOf } from '../../domain/referral/state.js';
import { withMovedPoliceForce } from '../../domain/routing/regional-move.js';
import { type Geography } from '../../domain/routing/geography.js';
import { type RoutingDecision, routeReferral } from '../../domain/routing/routing-rules.js';
import { sharingPolicyOf } from '../../domain/routing/directory.js';
import { type DestinationDirectory, requireDestination } from '../messaging/destination-directory.js';

export const ROUTER_ACTOR: Actor = { organisation: 'system', user: 'router', role: 'system' };

export type RoutingReason = CommandOf<'RecordRouting'>['reason'];

export function routingCommandId(streamId: string, sourceVersion: number): string {
  return `route:${streamId}:${sourceVersion}`;
}

/** The latest postcode the referral was given (submission or transfer) up to `version`; null once erased. */
export function latestPostcode(history: readonly RecordedEvent[], version: number): string | null {
  for (let index = history.length - 1; index >= 0; index -= 1) {
    const event = history[index] as RecordedEvent;
    if (event.version > version) continue;
    if (event.type === 'ReferralSubmitted') return isErased(event.personal) ? null : event.personal.person.postcode;
    if (event.type === 'ReferralTransferred') return isErased(event.personal) ? null : event.personal.postcode;
  }
  return null;
}

interface RoutingRequest {
  reason: RoutingReason;
  postcode: string;
  immediateRisk: boolean;
  vulnerabilitySupportHubRequested: boolean;
}

/**
 * Whether this event calls for routing, and with what. `state` is the referral's state just after
 * the event. Null when it does not (other events; erased personal data; the hub already has the case).
 */
function routingRequest(
  event: RecordedEvent,
  history: readonly RecordedEvent[],
  state: ReferralState,
): RoutingRequest | null {
  switch (event.type) {
    case 'ReferralSubmitted':
      if (isErased(event.personal)) return null;
      return {
        reason: 'submitted',
        postcode: event.personal.person.postcode,
        immediateRisk: event.data.immediateRisk,
        vulnerabilitySupportHubRequested: event.data.vulnerabilitySupportHubRequested,
      };
    case 'ReferralTransferred':
      if (isErased(event.personal)) return null;
      return {
        reason: 'transferred',
        postcode: event.personal.postcode,
        immediateRisk: state.immediateRisk,
        // A hub that was asked for, or whose assessment is under way, follows the case to its new area.
        vulnerabilitySupportHubRequested: state.vulnerabilitySupportHubRequested || state.hub.status === 'requested',
      };
    case 'CaseMovedWithinRegion': {
      // Routed again where the person lives, to the force the regional hub moved the case to.
      const postcode = latestPostcode(history, event.version);
      if (postcode === null) return null;
      return {
        reason: 'moved-within-region',
        postcode,
        immediateRisk: state.immediateRisk,
        vulnerabilitySupportHubRequested: state.routing?.destinations.some(
          (destination) => destination.kind === 'vulnerability-support-hub',
        )
          ? true
          : state.vulnerabilitySupportHubRequested,
      };
    }
    case 'HubAssessmentRequested': {
      if (state.routing === null || state.awaitingRerouting) return null;
      if (state.routing.destinations.some((destination) => destination.kind === 'vulnerability-support-hub'))
        return null;
      const postcode = latestPostcode(history, event.version);
      if (postcode === null) return null;
      return {
        reason: 'hub-assessment-requested',
        postcode,
        immediateRisk: state.immediateRisk,
        vulnerabilitySupportHubRequested: true,
      };
    }
    default:
      return null;
  }
}

export function recordRoutingCommand(
  decision: RoutingDecision,
  reason: RoutingReason,
  at: string,
): CommandOf<'RecordRouting'> {
  return {
    type: 'RecordRouting',
    at,
    actor: ROUTER_ACTOR,
    ruleVersion: decision.ruleVersion,
    jurisdiction: decision.jurisdiction,
    localAuthority: decision.localAuthority,
    policeForce: decision.policeForce,
    ctpRegion: decision.ctpRegion,
    vulnerabilitySupportHub: decision.vulnerabilitySupportHub,
    destinations: decision.destinations.map(({ kind, id, name }) => ({ kind, id, name })),
    priority: decision.priority,
    // The rules' explanation names nothing taken from the postcode (the catalogue refuses one that does).
    explanation: [...decision.explanation],
    reason,
    personal: { postcode: decision.postcode },
  };
}

/** The RecordRouting command this event calls for, or null. */
export function routingCommandFor(
  event: RecordedEvent,
  history: readonly RecordedEvent[],
  state: ReferralState,
  geography: Geography,
  at: string,
): CommandOf<'RecordRouting'> | null {
  const request = routingRequest(event, history, state);
  if (request === null) return null;
  const decision = routeReferral(
    {
      postcode: request.postcode,
      immediateRisk: request.immediateRisk,
      vulnerabilitySupportHubRequested: request.vulnerabilitySupportHubRequested,
    },
    geography,
  );
  // A case a regional hub moved to another force of its region stays with that force when it is
  // routed again for a hub assessment or its move (decision 0018); a transfer starts afresh.
  const move = regionalMoveOf(state);
  const moved =
    move !== null && request.reason !== 'transferred'
      ? withMovedPoliceForce(decision, move.toPoliceForce, geography)
      : decision;
  return recordRoutingCommand(moved, request.reason, at);
}

/**
 * The routing with the destinations' sharing policies as the directory holds them now: those that
 * receive the whole referral only after police deconfliction are named (the decider tells them
 * that it exists, and shares it when it involves them).
 */
export async function withSharingPolicies(
  command: CommandOf<'RecordRouting'>,
  directory: DestinationDirectory,
): Promise<CommandOf<'RecordRouting'>> {
  const later: string[] = [];
  for (const destination of command.destinations) {
    const entry = await requireDestination(directory, destination.id);
    if (sharingPolicyOf({ kind: destination.kind, sharing: entry.sharing }) === 'after-deconfliction')
      later.push(destination.id);
  }
  return later.length === 0 ? command : { ...command, shareAfterDeconfliction: later };
}
