// Who records a council's Channel work. A council on the service (one of the case's destinations)
// records its own. A council that is not on the service (Stafford today) still runs its Channel
// panel, off the service: the police Prevent hub of the case records what that council tells it,
// attributed to the council by a `ChannelWorkRecordedForCouncil` event in the same append. The
// police may not do so for a council that is on the service: its own people do it there.
import { type DomainEvent } from '../../../events/catalogue.js';
import { type Actor } from '../../../events/envelope.js';
import { type ChannelWorkForCouncil } from '../../../events/channel.js';
import { type ReferralCommandType } from '../commands.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, reject } from './decision.js';

/** The Channel commands a police Prevent hub may record for a council that is not on the service. */
export const councilChannelWork = new Set<ReferralCommandType>([
  'ScheduleChannelPanel',
  'RecordConsent',
  'RecordPanelDecision',
  'AgreeSupportPackage',
  'ReviewSupport',
  'RecordChannelExit',
  'CompletePostExitReview',
]);

export interface ActingForCouncil {
  onBehalfOf: string;
  localAuthorityCode: string;
}

/** The council the case's area belongs to, when it is not on the service (none of the destinations is its Prevent team). */
export function councilNotOnService(state: ReferralState): ActingForCouncil | null {
  const routing = state.routing;
  if (!routing || routing.jurisdiction !== 'england-wales' || !routing.localAuthorityCode) return null;
  if (routing.destinations.some((destination) => destination.kind === 'local-authority-prevent-team')) return null;
  return { onBehalfOf: `la:${routing.localAuthorityCode}`, localAuthorityCode: routing.localAuthorityCode };
}

/**
 * Whether this actor may record this Channel work, and for whom: `null` for the council's own
 * people, the council acted for when the police record it, or a refusal.
 */
export function actingFor(
  actor: Actor,
  state: ReferralState,
): { refusal: ReferralDecision } | { forCouncil: ActingForCouncil | null } {
  if (actor.role !== 'police-prevent-officer') return { forCouncil: null };
  const council = councilNotOnService(state);
  if (council === null) return { refusal: reject('council-on-service') };
  return { forCouncil: council };
}

/** The decision with the attribution added after the council's event, when the police recorded it for the council. */
export function attributed(decision: ReferralDecision, forCouncil: ActingForCouncil | null): ReferralDecision {
  if (!decision.ok || forCouncil === null || decision.events.length === 0) return decision;
  const [first, ...rest] = decision.events as [DomainEvent, ...DomainEvent[]];
  const attribution: DomainEvent = {
    type: 'ChannelWorkRecordedForCouncil',
    data: { recorded: first.type as ChannelWorkForCouncil, ...forCouncil },
  };
  return { ok: true, events: [first, attribution, ...rest] };
}
