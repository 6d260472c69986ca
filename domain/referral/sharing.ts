// Deconfliction before sharing (decision 0016, part 1): which destinations see only that a
// referral exists, and when the whole referral becomes theirs. Pure. States folded before sharing
// was kept (case records stored by the projector) read as having nothing withheld, as before.
import { type DestinationKind } from '../../events/routing.js';
import { type SharingReason } from '../../events/sharing.js';
import { referredToChannel } from './decide/channel.js';
import { type ReferralState, type SharingState } from './state.js';

const nothingWithheld: SharingState = { deconfliction: null, withheld: [], sharedTo: [], confirmedShares: [] };

export function sharingOf(state: ReferralState): SharingState {
  return (state as Partial<ReferralState>).sharing ?? nothingWithheld;
}

export function sharingKey(sharedVersion: number, destinationId: string): string {
  return `${sharedVersion}:${destinationId}`;
}

export function deconflicted(state: ReferralState): boolean {
  return sharingOf(state).deconfliction !== null;
}

/** Whether this organisation holds the case but sees only that it exists, until it is shared. */
export function awaitsSharing(state: ReferralState, destinationId: string): boolean {
  return sharingOf(state).withheld.includes(destinationId);
}

/**
 * Police hubs and national triage receive every referral whole: the police deconflict it, triage
 * passes it on; so does a regional Prevent hub that assesses its region's referrals (decision 0018).
 */
export function alwaysReceivesWhole(kind: DestinationKind): boolean {
  return kind === 'police-prevent-hub' || kind === 'national-triage' || kind === 'regional-prevent-hub';
}

/**
 * Why the whole referral is due to a destination of this kind now, or null while it is not:
 * deconfliction recorded, and an outcome that involves it (Channel for the council; a hub
 * assessment for the Vulnerability Support Hub).
 */
export function sharingDue(state: ReferralState, kind: DestinationKind): SharingReason | null {
  if (!deconflicted(state)) return null;
  if (kind === 'local-authority-prevent-team')
    return referredToChannel(state) || state.panel.status !== 'not-scheduled' ? 'referred-to-channel' : null;
  if (kind === 'vulnerability-support-hub')
    return state.hub.status !== 'not-requested' || state.gateway.outcome === 'referred-to-vulnerability-support-hub'
      ? 'vulnerability-support-hub'
      : null;
  return null;
}

/** The kind of a current destination, from the latest routing. */
export function kindOf(state: ReferralState, destinationId: string): DestinationKind | null {
  return state.routing?.destinations.find((destination) => destination.id === destinationId)?.kind ?? null;
}
