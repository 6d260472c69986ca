// Channel: the panel, consent, the decision, support and leaving.
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { supportReviewDueOn } from '../deadlines.js';
import { settled } from '../delivery-history.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState, caseManagementOf } from '../state.js';
import { type ReferralDecision, accept, dataOf, nothingToRecord, payloadOf, reject } from './decision.js';
import { caseManagementStarts } from './case-management.js';
import { consentRefusal } from './consent.js';

/**
 * A case reaches a Channel panel when the police refer it there: through the gateway
 * assessment, after the Vulnerability Support Hub the gateway sent it to returned it to them,
 * or from police-led case management.
 */
export function referredToChannel(state: ReferralState): boolean {
  if (state.gateway.outcome === 'referred-to-channel') return true;
  const management = caseManagementOf(state);
  if (management.status === 'ended' && management.ending === 'referred-to-channel') return true;
  return (
    state.gateway.outcome === 'referred-to-vulnerability-support-hub' &&
    state.hub.requestedBy === 'gateway-assessment' &&
    state.hub.status === 'completed' &&
    state.hub.outcome === 'returned-to-police'
  );
}

export function decidePanelScheduling(
  command: CommandOf<'ScheduleChannelPanel'>,
  state: ReferralState,
): ReferralDecision {
  // One person may be discussed again: after a decision not to adopt, after leaving Channel, or in
  // the area the case was transferred to (a decision of the panel of an area it left does not bind).
  if (
    state.panel.status === 'decided' &&
    state.panel.decision === 'adopted' &&
    !state.channelExit &&
    !decidedInAnotherArea(state)
  )
    return reject('panel-already-decided');
  if (caseManagementOf(state).status === 'open') return reject('in-case-management');
  if (!referredToChannel(state)) return reject('out-of-order', 'The police have not referred the case to Channel.');
  if (state.routing?.localAuthorityCode !== command.localAuthorityCode) return reject('wrong-local-authority');
  return accept({ type: 'ChannelPanelScheduled', ...dataOf(command) });
}

/** The panel belongs to an area the case has left (it was transferred since). */
function decidedInAnotherArea(state: ReferralState): boolean {
  return (
    state.panel.localAuthorityCode !== null && state.panel.localAuthorityCode !== state.routing?.localAuthorityCode
  );
}

export function decidePanelDecision(
  command: CommandOf<'RecordPanelDecision'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (state.panel.status === 'not-scheduled') return reject('panel-not-scheduled');
  if (state.panel.status === 'decided') return reject('panel-already-decided');
  // A panel of the area the case has left does not decide: the receiving area schedules its own.
  if (decidedInAnotherArea(state)) return reject('wrong-local-authority');
  if (state.panel.panelDate !== null && dateOf(command.at) < state.panel.panelDate) return reject('panel-not-yet-met');
  if (command.decision === 'adopted') {
    const refusal = consentRefusal(state, command.at, policy);
    if (refusal) return refusal;
  }
  const decided = { type: 'PanelDecisionRecorded' as const, ...payloadOf(command) };
  if (command.nextStep === 'police-led-case-management')
    return accept(decided, ...caseManagementStarts('channel-panel', command.at, state, policy));
  return accept(decided);
}

function adoptedAndInChannel(state: ReferralState): ReferralDecision | null {
  if (state.panel.decision !== 'adopted') return reject('not-adopted');
  if (state.channelExit) return reject('already-left-channel');
  return null;
}

/** The next review of the package, set by the policy from the day it was agreed or last reviewed. */
function nextSupportReview(at: string, state: ReferralState, policy: ReferralPolicy) {
  const dueOn = supportReviewDueOn(at, state.routing?.localAuthorityCode, policy);
  return { type: 'SupportReviewScheduled' as const, data: { dueOn } };
}

export function decideSupportPackage(
  command: CommandOf<'AgreeSupportPackage'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const refusal = adoptedAndInChannel(state);
  if (refusal) return refusal;
  const noConsent = consentRefusal(state, command.at, policy);
  if (noConsent) return noConsent;
  return accept({ type: 'SupportPackageAgreed', ...payloadOf(command) }, nextSupportReview(command.at, state, policy));
}

export function decideSupportReview(
  command: CommandOf<'ReviewSupport'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const refusal = adoptedAndInChannel(state);
  if (refusal) return refusal;
  if (state.support.status !== 'agreed') return reject('support-not-agreed');
  const noConsent = consentRefusal(state, command.at, policy);
  if (noConsent) return noConsent;
  return accept({ type: 'SupportReviewed', ...payloadOf(command) }, nextSupportReview(command.at, state, policy));
}

/**
 * A support review date passed (a fact about the past the timers record). Nothing to record once
 * the case is settled, the person has left Channel, or the review is already due.
 */
export function decideSupportReviewDue(
  command: CommandOf<'MarkSupportReviewDue'>,
  state: ReferralState,
): ReferralDecision {
  if (settled(state) || state.channelExit) return nothingToRecord();
  const dueOn = state.support.nextReviewDue ?? null;
  if (state.support.status !== 'agreed' || dueOn === null) return reject('support-not-agreed');
  if (state.support.reviewDue) return nothingToRecord();
  if (dateOf(command.at) < dueOn) return reject('not-yet-due');
  return accept({ type: 'SupportReviewDue', data: { dueOn } });
}

export function decideChannelExit(command: CommandOf<'RecordChannelExit'>, state: ReferralState): ReferralDecision {
  const refusal = adoptedAndInChannel(state);
  if (refusal) return refusal;
  if (command.reason === 'consent-withdrawn') {
    if (state.consent.status !== 'refused') return reject('out-of-order', 'Record the withdrawal of consent first.');
  } else if (state.support.status !== 'agreed') {
    return reject('support-not-agreed');
  }
  if (command.reason === 'no-further-concern' && state.support.riskMitigated !== true)
    return reject('risk-not-mitigated');
  return accept({ type: 'LeftChannel', ...dataOf(command) });
}
