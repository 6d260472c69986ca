// The commands a signed-in caseworker runs on a case over HTTP, one route each: the path under
// /referrals/{referralId}/, the access policy's action, the referral command it becomes, and the
// body it takes (the command without `type`, `at` and `actor`, which the API fills in: the time
// from its clock, the actor from the verified token).
import * as z from 'zod';
import { type Action } from '../../../domain/access/index.js';
import {
  AgreeSupportPackage,
  CloseReferral,
  CompleteGatewayAssessment,
  CompletePostExitReview,
  CompleteHubAssessment,
  CorrectAge,
  ErasePersonalData,
  EscalateReferral,
  RecordChannelExit,
  RecordConsent,
  RecordPanelDecision,
  RequestHubAssessment,
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
    'escalation',
    'escalate',
    EscalateReferral,
    'Raise a live case to urgent (an immediate risk reported later), with the reason: the destinations are told again',
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
  route('panel/schedule', 'schedule-panel', ScheduleChannelPanel, 'Schedule the Channel panel'),
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
  route('close', 'close', CloseReferral, 'Close the case with its outcome'),
  route(
    'erasure',
    'erase-personal-data',
    ErasePersonalData,
    "Erase the referral's personal data on recorded grounds (the anonymous facts remain); refused on an open case unless recorded in error",
  ),
];
