// The statistical outcomes a referral can be closed under, given what happened to it.
import { type ClosureOutcome } from '../../events/lifecycle.js';
import { type ReferralState, awaitingAcceptance, caseManagementOf } from './state.js';

const outsideEnglandAndWales = new Set(['scotland', 'northern-ireland', 'crown-dependency']);

/**
 * The outcomes consistent with the referral's history; empty while work is still open
 * (an assessment under way, a panel to decide, a person in Channel, post-exit reviews to do,
 * police-led case management open, a transfer not yet accepted).
 */
export function closingOutcomes(state: ReferralState): ClosureOutcome[] {
  // A transferred case is closed by the area that accepted it.
  if (awaitingAcceptance(state)) return [];
  // Routed outside England and Wales (submitted from there, or the person moved there): whatever
  // happened here, national triage passes the case on to the authorities there, and closes it.
  if (state.routing && !state.awaitingRerouting && outsideEnglandAndWales.has(state.routing.jurisdiction))
    return ['outside-england-and-wales'];
  if (state.hub.status === 'requested') return [];
  if (state.channelExit) {
    const reviewed =
      state.reviews['six-month'].status === 'completed' && state.reviews['twelve-month'].status === 'completed';
    if (!reviewed) return [];
    return [
      state.channelExit.reason === 'no-further-concern' ? 'left-channel-no-further-concern' : 'left-channel-other',
    ];
  }
  const management = caseManagementOf(state);
  if (management.status === 'open') return [];
  if (management.status === 'ended' && management.ending !== 'referred-to-channel')
    return state.panel.decision === 'not-adopted'
      ? ['police-led-case-management', 'channel-not-adopted']
      : ['police-led-case-management'];
  if (state.panel.decision === 'not-adopted') return ['channel-not-adopted'];
  if (state.panel.status !== 'not-scheduled') return [];
  // Referred (back) to Channel from police-led case management: its panel is still to be held.
  if (management.status === 'ended') return [];
  if (state.hub.status === 'completed' && state.hub.requestedBy === 'gateway-assessment') {
    return state.hub.outcome === 'returned-to-police'
      ? ['no-further-action', 'police-led-case-management']
      : ['vulnerability-support-hub'];
  }
  switch (state.gateway.outcome) {
    case 'no-further-action':
    case 'signposted':
    case 'police-led-case-management':
      return [state.gateway.outcome];
    case 'referred-to-channel':
    case 'referred-to-vulnerability-support-hub':
      return [];
    case null:
      break;
  }
  return [];
}
