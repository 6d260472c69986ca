// The Vulnerability Support Hub assessment: who may ask for one, and its completion.
import { type CommandOf } from '../commands.js';
import { type ReferralState } from '../state.js';
import { deconflicted } from '../sharing.js';
import { type ReferralDecision, accept, payloadOf, reject } from './decision.js';

/** Whether the step that asks for a hub assessment has happened. */
function requestFollowsProcess(
  requestedBy: CommandOf<'RequestHubAssessment'>['requestedBy'],
  state: ReferralState,
): boolean {
  switch (requestedBy) {
    case 'gateway-assessment':
      return state.gateway.outcome === 'referred-to-vulnerability-support-hub';
    case 'channel-panel':
      return state.panel.status !== 'not-scheduled' && state.channelExit === null;
    case 'referrer':
      return (
        state.vulnerabilitySupportHubRequested &&
        state.hub.status === 'not-requested' &&
        state.gateway.status !== 'completed'
      );
  }
}

export function decideHubRequest(command: CommandOf<'RequestHubAssessment'>, state: ReferralState): ReferralDecision {
  if (state.hub.status === 'requested') return reject('hub-assessment-in-progress');
  // The hub receives the whole referral with the request: the police must have deconflicted it first.
  if (!deconflicted(state)) return reject('deconfliction-not-recorded');
  if (!requestFollowsProcess(command.requestedBy, state)) {
    return reject(
      'out-of-order',
      `Nothing has asked for a hub assessment on behalf of the ${command.requestedBy.replaceAll('-', ' ')}.`,
    );
  }
  return accept({ type: 'HubAssessmentRequested', ...payloadOf(command) });
}

export function decideHubCompletion(
  command: CommandOf<'CompleteHubAssessment'>,
  state: ReferralState,
): ReferralDecision {
  if (state.hub.status !== 'requested') return reject('hub-assessment-not-requested');
  return accept({ type: 'HubAssessmentCompleted', ...payloadOf(command) });
}
