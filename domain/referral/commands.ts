// The commands a referral accepts: one zod schema each, discriminated on `type`. Every command
// says when it happens (`at`) and who does it (`actor`); personal fields travel in `personal`,
// shaped like the personal part of the event they become.
import * as z from 'zod';
import { Actor, IsoDateTime } from '../../events/envelope.js';
import { ReferralPersonalData, ReferralSubmitted } from '../../events/submission.js';
import { DeliveryOverdue, ReferralDelivered, ReferralRouted } from '../../events/routing.js';
import { GatewayAssessmentCompleted, HubAssessmentCompleted, HubAssessmentRequested } from '../../events/assessment.js';
import {
  ChannelPanelScheduled,
  ConsentRecorded,
  LeftChannel,
  PanelDecisionRecorded,
  SupportPackageAgreed,
  SupportReviewed,
} from '../../events/channel.js';
import { PostExitReview, PostExitReviewCompleted } from '../../events/post-exit.js';
import { PersonalDataErased, ReferralClosed, ReferralTransferred } from '../../events/lifecycle.js';
import { ReferralEscalated } from '../../events/deadlines.js';
import { ReferralShared, SharedDeliveryOverdue, SharedReferralDelivered } from '../../events/sharing.js';
import { DestinationId } from '../../events/common.js';
import { MoreInformationRequested, ReferrerAnswered } from '../../events/referrer.js';
import { PoliceCaseManagementEnded, PoliceCaseManagementReviewed } from '../../events/case-management.js';
import { ErasureGrounds, groundsForReason } from '../../events/retention.js';
import { AgeCorrected } from '../../events/consent.js';
import { CaseMovedWithinRegion } from '../../events/regional.js';
import { dateOf } from './calendar.js';

const when = { at: IsoDateTime, actor: Actor };

export const ReferralId = z
  .string()
  .regex(/^[0-9A-Za-z_-]{6,64}$/, 'a referral id has 6 to 64 letters, digits, - or _');

const { ageBand: _derivedAgeBand, ...submittedFields } = ReferralSubmitted.data.shape;

export const SubmitReferral = z
  .strictObject({
    type: z.literal('SubmitReferral'),
    referralId: ReferralId,
    ...when,
    ...submittedFields,
    personal: ReferralPersonalData,
  })
  .superRefine((command, context) => {
    const dateOfBirth = command.personal.person.dateOfBirth;
    if (dateOfBirth !== undefined && dateOfBirth > dateOf(command.at)) {
      context.addIssue({
        code: 'custom',
        path: ['personal', 'person', 'dateOfBirth'],
        message: 'a date of birth cannot be after the day of the referral',
      });
    }
  });

export const RecordRouting = z.strictObject({
  type: z.literal('RecordRouting'),
  ...when,
  ...ReferralRouted.data.shape,
  /**
   * The destinations whose sharing policy in the directory is "after deconfliction": told only
   * that the referral exists until the police have deconflicted it and it involves them. Police
   * hubs and national triage always receive it whole, whatever this says.
   */
  shareAfterDeconfliction: z.array(DestinationId).max(10).optional(),
  personal: ReferralRouted.personal,
});

export const RecordDelivery = z.strictObject({
  type: z.literal('RecordDelivery'),
  ...when,
  ...ReferralDelivered.data.shape,
});

export const MarkDeliveryOverdue = z.strictObject({
  type: z.literal('MarkDeliveryOverdue'),
  ...when,
  ...DeliveryOverdue.data.shape,
});

/** Its due date is not typed in: the decider set it from the triage policy when the referral was routed. */
export const StartGatewayAssessment = z.strictObject({ type: z.literal('StartGatewayAssessment'), ...when });

export const CompleteGatewayAssessment = z
  .strictObject({
    type: z.literal('CompleteGatewayAssessment'),
    ...when,
    ...GatewayAssessmentCompleted.data.shape,
    personal: GatewayAssessmentCompleted.personal,
  })
  .superRefine((command, context) => {
    if (command.outcome === 'signposted' && command.signpostedTo.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['signpostedTo'],
        message: 'name at least one service when the outcome is signposted',
      });
    }
  });

export const MarkGatewayAssessmentOverdue = z.strictObject({
  type: z.literal('MarkGatewayAssessmentOverdue'),
  ...when,
});

/** The police checked the referral against live investigations: who and when come from the command. */
export const RecordDeconfliction = z.strictObject({ type: z.literal('RecordDeconfliction'), ...when });

/** The police decide to share the whole referral with destinations told only that it exists (all of them when none is named). */
export const ShareReferral = z.strictObject({
  type: z.literal('ShareReferral'),
  ...when,
  destinationIds: ReferralShared.data.shape.destinationIds.optional(),
});

export const RecordSharedDelivery = z.strictObject({
  type: z.literal('RecordSharedDelivery'),
  ...when,
  ...SharedReferralDelivered.data.shape,
});

/** A share's delivery deadline passed (the timers, like MarkDeliveryOverdue for a routing). */
export const MarkSharedDeliveryOverdue = z.strictObject({
  type: z.literal('MarkSharedDeliveryOverdue'),
  ...when,
  ...SharedDeliveryOverdue.data.shape,
});

/** A live case raised to urgent (an immediate risk reported later), with the reason. */
export const EscalateReferral = z.strictObject({
  type: z.literal('EscalateReferral'),
  ...when,
  personal: ReferralEscalated.personal,
});

/** The police ask the referrer for more information: the question is personal, the referrer is mailed a link only. */
export const RequestMoreInformation = z.strictObject({
  type: z.literal('RequestMoreInformation'),
  ...when,
  personal: MoreInformationRequested.personal,
});

/** The referrer answers the request the page showed them (by its number, so an answer never lands on a later question). */
export const AnswerMoreInformation = z.strictObject({
  type: z.literal('AnswerMoreInformation'),
  ...when,
  ...ReferrerAnswered.data.shape,
  personal: ReferrerAnswered.personal,
});

export const RequestHubAssessment = z.strictObject({
  type: z.literal('RequestHubAssessment'),
  ...when,
  ...HubAssessmentRequested.data.shape,
  personal: HubAssessmentRequested.personal,
});

export const CompleteHubAssessment = z.strictObject({
  type: z.literal('CompleteHubAssessment'),
  ...when,
  ...HubAssessmentCompleted.data.shape,
  personal: HubAssessmentCompleted.personal,
});

export const ScheduleChannelPanel = z
  .strictObject({ type: z.literal('ScheduleChannelPanel'), ...when, ...ChannelPanelScheduled.data.shape })
  .superRefine((command, context) => {
    if (command.panelDate < dateOf(command.at)) {
      context.addIssue({
        code: 'custom',
        path: ['panelDate'],
        message: 'a panel cannot be scheduled on a day that has passed',
      });
    }
  });

export const RecordConsent = z.strictObject({
  type: z.literal('RecordConsent'),
  ...when,
  ...ConsentRecorded.data.shape,
  personal: ConsentRecorded.personal,
});

/**
 * An unknown or wrong age corrected: a date of birth, or an approximate age (stated on the day of
 * the command), with the reason. Personal, like the age on the referral form.
 */
export const CorrectAge = z
  .strictObject({ type: z.literal('CorrectAge'), ...when, personal: AgeCorrected.personal })
  .superRefine((command, context) => {
    const { dateOfBirth } = command.personal;
    if (dateOfBirth !== undefined && dateOfBirth > dateOf(command.at)) {
      context.addIssue({
        code: 'custom',
        path: ['personal', 'dateOfBirth'],
        message: 'a date of birth cannot be in the future',
      });
    }
  });

/** The timers' fact: the person a parent or guardian consented for has reached the consent age. */
export const MarkConsentDueAgain = z.strictObject({ type: z.literal('MarkConsentDueAgain'), ...when });

export const RecordPanelDecision = z
  .strictObject({
    type: z.literal('RecordPanelDecision'),
    ...when,
    ...PanelDecisionRecorded.data.shape,
    personal: PanelDecisionRecorded.personal,
  })
  .superRefine((command, context) => {
    if (command.decision === 'adopted' && command.nextStep !== null) {
      context.addIssue({
        code: 'custom',
        path: ['nextStep'],
        message: 'an adopted case has no next step outside Channel',
      });
    }
    if (command.decision === 'not-adopted' && command.nextStep === null) {
      context.addIssue({
        code: 'custom',
        path: ['nextStep'],
        message: 'say what happens next to a case that is not adopted',
      });
    }
  });

export const AgreeSupportPackage = z.strictObject({
  type: z.literal('AgreeSupportPackage'),
  ...when,
  ...SupportPackageAgreed.data.shape,
  personal: SupportPackageAgreed.personal,
});

export const ReviewSupport = z.strictObject({
  type: z.literal('ReviewSupport'),
  ...when,
  ...SupportReviewed.data.shape,
  personal: SupportReviewed.personal,
});

export const MarkSupportReviewDue = z.strictObject({ type: z.literal('MarkSupportReviewDue'), ...when });

export const RecordChannelExit = z
  .strictObject({ type: z.literal('RecordChannelExit'), ...when, ...LeftChannel.data.shape })
  .superRefine((command, context) => {
    if (command.exitDate > dateOf(command.at)) {
      context.addIssue({ code: 'custom', path: ['exitDate'], message: 'an exit cannot be recorded before it happens' });
    }
  });

export const MarkPostExitReviewDue = z.strictObject({
  type: z.literal('MarkPostExitReviewDue'),
  ...when,
  review: PostExitReview,
});

export const CompletePostExitReview = z.strictObject({
  type: z.literal('CompletePostExitReview'),
  ...when,
  ...PostExitReviewCompleted.data.shape,
  personal: PostExitReviewCompleted.personal,
});

export const TransferReferral = z.strictObject({
  type: z.literal('TransferReferral'),
  ...when,
  ...ReferralTransferred.data.shape,
  personal: ReferralTransferred.personal,
});

/**
 * A regional Prevent hub moves the case to another police force of its region (decision 0018).
 * `ctpRegion` is the region of the force named, filled in by the service from the geography
 * (never taken from a caller): the decider refuses a force outside the case's region.
 */
export const MoveCaseWithinRegion = z.strictObject({
  type: z.literal('MoveCaseWithinRegion'),
  ...when,
  ctpRegion: CaseMovedWithinRegion.data.shape.ctpRegion,
  toPoliceForce: CaseMovedWithinRegion.data.shape.toPoliceForce,
  personal: CaseMovedWithinRegion.personal,
});

/** The receiving area (its police Prevent hub, council Prevent team or national triage) takes on a transferred case. */
export const AcceptTransfer = z.strictObject({ type: z.literal('AcceptTransfer'), ...when });

/** A review of police-led case management; the next one is set by the policy. */
export const ReviewPoliceCaseManagement = z.strictObject({
  type: z.literal('ReviewPoliceCaseManagement'),
  ...when,
  ...PoliceCaseManagementReviewed.data.shape,
  personal: PoliceCaseManagementReviewed.personal,
});

export const MarkPoliceCaseManagementReviewDue = z.strictObject({
  type: z.literal('MarkPoliceCaseManagementReviewDue'),
  ...when,
});

/** Police-led case management ends: the risk is managed, the case is referred (back) to Channel, or otherwise. */
export const EndPoliceCaseManagement = z.strictObject({
  type: z.literal('EndPoliceCaseManagement'),
  ...when,
  ...PoliceCaseManagementEnded.data.shape,
  personal: PoliceCaseManagementEnded.personal,
});

export const CloseReferral = z.strictObject({
  type: z.literal('CloseReferral'),
  ...when,
  ...ReferralClosed.data.shape,
});

/** The timers' fact: the retention review of a closed case has fallen due. */
export const MarkRetentionReviewDue = z.strictObject({ type: z.literal('MarkRetentionReviewDue'), ...when });

/** A reasoned decision: the reason and the grounds it is given on (fixed words, never free text). */
export const ErasePersonalData = z
  .strictObject({
    type: z.literal('ErasePersonalData'),
    ...when,
    ...PersonalDataErased.data.shape,
    grounds: ErasureGrounds,
  })
  .superRefine((command, context) => {
    if (!groundsForReason[command.reason].includes(command.grounds)) {
      context.addIssue({
        code: 'custom',
        path: ['grounds'],
        message: `the grounds for this reason are: ${groundsForReason[command.reason].join(', ')}`,
      });
    }
  });

export const ReferralCommand = z.discriminatedUnion('type', [
  SubmitReferral,
  RecordRouting,
  RecordDelivery,
  MarkDeliveryOverdue,
  StartGatewayAssessment,
  CompleteGatewayAssessment,
  MarkGatewayAssessmentOverdue,
  EscalateReferral,
  RecordDeconfliction,
  ShareReferral,
  RecordSharedDelivery,
  MarkSharedDeliveryOverdue,
  RequestMoreInformation,
  AnswerMoreInformation,
  RequestHubAssessment,
  CompleteHubAssessment,
  ScheduleChannelPanel,
  RecordConsent,
  CorrectAge,
  MarkConsentDueAgain,
  RecordPanelDecision,
  AgreeSupportPackage,
  ReviewSupport,
  MarkSupportReviewDue,
  RecordChannelExit,
  MarkPostExitReviewDue,
  CompletePostExitReview,
  TransferReferral,
  AcceptTransfer,
  MoveCaseWithinRegion,
  ReviewPoliceCaseManagement,
  MarkPoliceCaseManagementReviewDue,
  EndPoliceCaseManagement,
  CloseReferral,
  MarkRetentionReviewDue,
  ErasePersonalData,
]);
export type ReferralCommand = z.infer<typeof ReferralCommand>;
export type ReferralCommandType = ReferralCommand['type'];
export type CommandOf<T extends ReferralCommandType> = Extract<ReferralCommand, { type: T }>;

export const referralCommandTypes = ReferralCommand.options.map(
  (option) => option.shape.type.value,
) as ReferralCommandType[];
