// The commands a signed-in caseworker runs on a case over HTTP, one route each: the path under
// /referrals/{referralId}/, the access policy's action, the referral command it becomes, and the
// body it takes (the command without `type`, `at` and `actor`, which the API fills in: the time
// from its clock, the actor from the verified token).
import * as z from 'zod';
import { type Action } from '../../../domain/access/index.js';
import {
  AcceptTransfer,
  AgreeSupportPackage,
  EndPoliceCaseManagement,
  ReviewPoliceCaseManagement,
  CloseReferral,
  CompleteGatewayAssessment,
  CompletePostExitReview,
  CompleteHubAssessment,
  CorrectAge,
  ErasePersonalData,
  AnswerMoreInformation,
  EscalateReferral,
  RecordChannelExit,
  RecordConsent,
  RecordDeconfliction,
  RecordPanelDecision,
  ShareReferral,
  RequestHubAssessment,
  RequestMoreInformation,
  ReviewSupport,
  ScheduleChannelPanel,
  StartGatewayAssessment,
  TransferReferral,
  type ReferralCommandType,
} from '../../../domain/referral/commands.js';

export interface CaseCommandRoute {
  /** Under /referrals/{referralId}/ */
  path: string;
  action: Action;
  commandType: ReferralCommandType;
  summary: string;
  /** The full command schema (with its cross-field rules), checked once the API has filled it in. */
  command: z.ZodObject;
  body: z.ZodObject;
}

const filledByTheApi = new Set(['type', 'at', 'actor']);

/** The command's fields a caller sends: strict, so an unknown field is named and refused. */
export function bodyOf(command: z.ZodObject): z.ZodObject {
  return z.strictObject(
    Object.fromEntries(Object.entries(command.shape).filter(([name]) => !filledByTheApi.has(name))),
  );
}

function route(path: string, action: Action, command: z.ZodObject, summary: string): CaseCommandRoute {
  return {
    path,
    action,
    commandType: (command.shape.type as z.ZodLiteral<ReferralCommandType>).value,
    summary,
    command,
    body: bodyOf(command),
  };
}

export const caseCommandRoutes: readonly CaseCommandRoute[] = [
  route(
    'gateway-assessment/start',
    'start-gateway-assessment',
    StartGatewayAssessment,
    'Start the police gateway assessment',
  ),
  route(
    'gateway-assessment/complete',
    'complete-gateway-assessment',
    CompleteGatewayAssessment,
    'Complete the gateway assessment with its outcome',
  ),
  route(
    'deconfliction',
    'record-deconfliction',
    RecordDeconfliction,
    'Record that the police checked the referral against live investigations (deconfliction): who and when come from the token and the clock',
  ),
  route(
    'sharing',
    'share-referral',
    ShareReferral,
    'Share the whole referral with organisations so far told only that it exists (police, after deconfliction; every waiting organisation when none is named)',
  ),
  route(
    'escalation',
    'escalate',
    EscalateReferral,
    'Raise a live case to urgent (an immediate risk reported later), with the reason: the destinations are told again',
  ),
  route(
    'more-information/request',
    'request-more-information',
    RequestMoreInformation,
    'Ask the referrer for more information: the question is sealed as personal data, the referrer is mailed a link only',
  ),
  route(
    'hub-assessment/request',
    'request-hub-assessment',
    RequestHubAssessment,
    'Ask the Vulnerability Support Hub to assess',
  ),
  route(
    'hub-assessment/complete',
    'complete-hub-assessment',
    CompleteHubAssessment,
    "Record the Vulnerability Support Hub's assessment",
  ),
  route(
    'panel/schedule',
    'schedule-panel',
    ScheduleChannelPanel,
    'Schedule the Channel panel (a police Prevent hub records it for a council that is not on the service)',
  ),
  route('consent', 'record-consent', RecordConsent, 'Record consent to Channel support (given or refused)'),
  route(
    'age',
    'correct-age',
    CorrectAge,
    "Correct the person's age (a date of birth, or an approximate age today), with the reason",
  ),
  route('panel/decision', 'record-panel-decision', RecordPanelDecision, "Record the Channel panel's decision"),
  route('support/agree', 'agree-support', AgreeSupportPackage, 'Agree the support package'),
  route('support/review', 'review-support', ReviewSupport, 'Review the support package'),
  route('exit', 'record-exit', RecordChannelExit, 'Record that the person left Channel'),
  route(
    'post-exit-review/complete',
    'complete-post-exit-review',
    CompletePostExitReview,
    'Complete a post-exit review',
  ),
  route('transfer', 'transfer', TransferReferral, 'Transfer the case: the person moved (the referral is routed again)'),
  route(
    'transfer/accept',
    'accept-transfer',
    AcceptTransfer,
    'Accept a case transferred to your area (its police Prevent hub, council Prevent team or national triage)',
  ),
  route(
    'case-management/review',
    'review-case-management',
    ReviewPoliceCaseManagement,
    'Review a case under police-led Prevent Case Management: the next review falls due by itself',
  ),
  route(
    'case-management/end',
    'end-case-management',
    EndPoliceCaseManagement,
    'End police-led Prevent Case Management: the risk is managed, the case is referred (back) to Channel, or otherwise',
  ),
  route('close', 'close', CloseReferral, 'Close the case with its outcome'),
  route(
    'erasure',
    'erase-personal-data',
    ErasePersonalData,
    "Erase the referral's personal data on recorded grounds (the anonymous facts remain); refused on an open case unless recorded in error",
  ),
];

/**
 * The referrer's answer to a request for more information: run by the same case command service,
 * but not one of the caseworkers' routes above. The referrer never sees the case's version (it
 * would tell them how much happens on the case), so the answer names the request it answers
 * instead of an If-Match (referral-routes.ts).
 */
export const referrerAnswerCommand: CaseCommandRoute = route(
  'more-information/answer',
  'answer-more-information',
  AnswerMoreInformation,
  'Answer the request for more information waiting for you (the referrer who made the referral)',
);
