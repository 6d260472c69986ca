// decide: what happens when a command meets a referral. Checks that hold for every command come
// first (was it submitted? erased? closed? does anyone have the case?); each stage decides the rest.
import { describeIssues } from '../../events/catalogue.js';
import { type CommandOf, ReferralCommand, type ReferralCommandType } from './commands.js';
import { type ReferralPolicy } from './policy.js';
import { type ReferralState } from './state.js';
import { type ReferralDecision, reject } from './decide/decision.js';
import { decideSubmission } from './decide/submission.js';
import { decideDelivery, decideDeliveryOverdue, decideRouting } from './decide/routing.js';
import { decideGatewayCompletion, decideGatewayOverdue, decideGatewayStart } from './decide/gateway-assessment.js';
import { decideHubCompletion, decideHubRequest } from './decide/hub-assessment.js';
import {
  decideChannelExit,
  decidePanelDecision,
  decidePanelScheduling,
  decideSupportPackage,
  decideSupportReview,
  decideSupportReviewDue,
} from './decide/channel.js';
import { decideEscalation } from './decide/escalation.js';
import { decidePostExitReviewCompletion, decidePostExitReviewDue } from './decide/post-exit.js';
import { decideClosure, decideTransfer } from './decide/lifecycle.js';
import { decideAgeCorrection, decideConsent, decideConsentDueAgain } from './decide/consent.js';
import { decideErasure, decideRetentionReviewDue } from './decide/retention.js';

/** Work an organisation does on the case: impossible while no organisation has it (before routing, or after a transfer). */
const casework = new Set<ReferralCommandType>([
  'StartGatewayAssessment',
  'CompleteGatewayAssessment',
  'EscalateReferral',
  'RequestHubAssessment',
  'CompleteHubAssessment',
  'ScheduleChannelPanel',
  'RecordConsent',
  'CorrectAge',
  'RecordPanelDecision',
  'AgreeSupportPackage',
  'ReviewSupport',
  'RecordChannelExit',
  'CompletePostExitReview',
]);

/**
 * Facts about the past the service records on its own: a routing the router made, a destination's
 * confirmation that it received one, a deadline passed, a review fallen due. What happened to the
 * case since cannot make them untrue, so closure and erasure do not refuse them (a refusal would be
 * retried and dead-lettered): each decides for itself what a settled case means (a delivery is
 * recorded; a deadline, review or routing of a closed or erased case records nothing).
 */
const pastFacts = new Set<ReferralCommandType>([
  'RecordRouting',
  'RecordDelivery',
  'MarkDeliveryOverdue',
  'MarkGatewayAssessmentOverdue',
  'MarkPostExitReviewDue',
  'MarkSupportReviewDue',
  'MarkConsentDueAgain',
  'MarkRetentionReviewDue',
]);

function refusalForEveryCommand(type: ReferralCommandType, state: ReferralState): ReferralDecision | null {
  if (state.erased && !pastFacts.has(type)) return reject('personal-data-erased');
  if (type === 'SubmitReferral') return null;
  if (state.status === 'not-submitted') return reject('not-submitted');
  if (pastFacts.has(type)) return null;
  if (state.status === 'closed' && type !== 'ErasePersonalData') return reject('case-closed');
  if (casework.has(type) && state.currentDestinations.length === 0) return reject('awaiting-routing');
  return null;
}

type Handlers = {
  [T in ReferralCommandType]: (command: CommandOf<T>, state: ReferralState, policy: ReferralPolicy) => ReferralDecision;
};

const handlers: Handlers = {
  SubmitReferral: decideSubmission,
  RecordRouting: decideRouting,
  RecordDelivery: decideDelivery,
  MarkDeliveryOverdue: decideDeliveryOverdue,
  StartGatewayAssessment: decideGatewayStart,
  CompleteGatewayAssessment: decideGatewayCompletion,
  MarkGatewayAssessmentOverdue: decideGatewayOverdue,
  EscalateReferral: decideEscalation,
  RequestHubAssessment: decideHubRequest,
  CompleteHubAssessment: decideHubCompletion,
  ScheduleChannelPanel: decidePanelScheduling,
  RecordConsent: decideConsent,
  CorrectAge: decideAgeCorrection,
  MarkConsentDueAgain: decideConsentDueAgain,
  RecordPanelDecision: decidePanelDecision,
  AgreeSupportPackage: decideSupportPackage,
  ReviewSupport: decideSupportReview,
  MarkSupportReviewDue: decideSupportReviewDue,
  RecordChannelExit: decideChannelExit,
  MarkPostExitReviewDue: decidePostExitReviewDue,
  CompletePostExitReview: decidePostExitReviewCompletion,
  TransferReferral: decideTransfer,
  CloseReferral: decideClosure,
  MarkRetentionReviewDue: decideRetentionReviewDue,
  ErasePersonalData: decideErasure,
};

/**
 * Decides a command against a referral's state. The command is checked against its schema
 * first, so a caller that skipped validation still cannot produce an invalid event.
 */
export function decide(input: ReferralCommand, state: ReferralState, policy: ReferralPolicy): ReferralDecision {
  const parsed = ReferralCommand.safeParse(input);
  if (!parsed.success) return reject('invalid-command', describeIssues(parsed.error));
  const command = parsed.data;
  const refusal = refusalForEveryCommand(command.type, state);
  if (refusal) return refusal;
  const handler = handlers[command.type] as (
    command: ReferralCommand,
    state: ReferralState,
    policy: ReferralPolicy,
  ) => ReferralDecision;
  return handler(command, state, policy);
}
