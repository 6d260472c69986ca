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
import { decideMoreInformationRequest, decideReferrerAnswer } from './decide/more-information.js';
import { decidePostExitReviewCompletion, decidePostExitReviewDue } from './decide/post-exit.js';
import { decideClosure } from './decide/lifecycle.js';
import {
  decideDeconfliction,
  decideShare,
  decideSharedDelivery,
  decideSharedDeliveryOverdue,
  withSharesDue,
} from './decide/sharing.js';
import { decideTransfer, decideTransferAcceptance } from './decide/transfer.js';
import { decideRegionalMove } from './decide/regional-move.js';
import {
  decideCaseManagementEnd,
  decideCaseManagementReview,
  decideCaseManagementReviewDue,
} from './decide/case-management.js';
import { actingFor, attributed, councilChannelWork } from './decide/acting-for-council.js';
import { awaitingAcceptance } from './state.js';
import { decideAgeCorrection, decideConsent, decideConsentDueAgain } from './decide/consent.js';
import { decideErasure, decideRetentionReviewDue } from './decide/retention.js';

/** Work an organisation does on the case: impossible while no organisation has it (before routing, or after a transfer). */
const casework = new Set<ReferralCommandType>([
  'StartGatewayAssessment',
  'CompleteGatewayAssessment',
  'EscalateReferral',
  'RecordDeconfliction',
  'ShareReferral',
  'RequestMoreInformation',
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
  'AcceptTransfer',
  'MoveCaseWithinRegion',
  'ReviewPoliceCaseManagement',
  'EndPoliceCaseManagement',
]);

/**
 * Work that waits while a transferred case has not been accepted by its new area: everything but
 * accepting it, raising it to urgent, or transferring it again (it was routed to the wrong place).
 */
const waitsForAcceptance = new Set<ReferralCommandType>(
  [...casework, 'CloseReferral' as const].filter((type) => type !== 'AcceptTransfer' && type !== 'EscalateReferral'),
);

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
  'RecordSharedDelivery',
  'MarkSharedDeliveryOverdue',
  'MarkDeliveryOverdue',
  'MarkGatewayAssessmentOverdue',
  'MarkPostExitReviewDue',
  'MarkSupportReviewDue',
  'MarkPoliceCaseManagementReviewDue',
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
  if (waitsForAcceptance.has(type) && awaitingAcceptance(state)) return reject('transfer-not-accepted');
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
  RecordDeconfliction: decideDeconfliction,
  ShareReferral: decideShare,
  RecordSharedDelivery: decideSharedDelivery,
  MarkSharedDeliveryOverdue: decideSharedDeliveryOverdue,
  RequestMoreInformation: decideMoreInformationRequest,
  AnswerMoreInformation: decideReferrerAnswer,
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
  AcceptTransfer: decideTransferAcceptance,
  MoveCaseWithinRegion: decideRegionalMove,
  ReviewPoliceCaseManagement: decideCaseManagementReview,
  MarkPoliceCaseManagementReviewDue: decideCaseManagementReviewDue,
  EndPoliceCaseManagement: decideCaseManagementEnd,
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
  const decision = decideAsActor(command, state, policy, handler);
  if ('refusal' in decision) return decision.refusal;
  // Work on the case may make a share due (an outcome that involves a destination that waits).
  return casework.has(command.type) ? withSharesDue(decision.decision, state) : decision.decision;
}

/** A council's Channel work is done by its own people, or by the police for a council not on the service. */
function decideAsActor(
  command: ReferralCommand,
  state: ReferralState,
  policy: ReferralPolicy,
  handler: (command: ReferralCommand, state: ReferralState, policy: ReferralPolicy) => ReferralDecision,
): { decision: ReferralDecision } | { refusal: ReferralDecision } {
  if (!councilChannelWork.has(command.type)) return { decision: handler(command, state, policy) };
  const acting = actingFor(command.actor, state);
  if ('refusal' in acting) return { refusal: acting.refusal };
  return { decision: attributed(handler(command, state, policy), acting.forCouncil) };
}
