// A referral's life in examples: actors, events, commands and histories up to each stage.
// Overrides replace whole fields of `data` / `personal` (or of the command).
import { type DomainEvent, type EventType, type RecordedEvent, validateEvent } from '../../../events/catalogue.js';
import { type Actor } from '../../../events/envelope.js';
import { type CommandOf, type ReferralCommandType, createReferralDecider } from '../../../domain/referral/index.js';
import { sampleEvents } from '../../events/sample-events.js';
import { deciderSpecification } from './decider-specification.js';

export const actors = {
  referrer: { organisation: 'Coventry Academy', user: 'sam.referrer', role: 'referrer' },
  police: { organisation: 'police:E23000014', user: 'po.1234', role: 'police-prevent-officer' },
  localAuthority: { organisation: 'la:E08000026', user: 'la.lead', role: 'local-authority-prevent-lead' },
  chair: { organisation: 'la:E08000026', user: 'panel.chair', role: 'channel-chair' },
  clinician: { organisation: 'vsh:WEST-MIDLANDS', user: 'dr.clinician', role: 'hub-clinician' },
  regionalHub: { organisation: 'ctp:CTP-WM', user: 'rph.officer', role: 'regional-prevent-hub-officer' },
  system: { organisation: 'prevent-referral-routing', user: 'router', role: 'system' },
} satisfies Record<string, Actor>;

export const SUBMITTED_AT = '2025-01-06T09:00:00Z';

/** An event with the time the store will say it happened. */
export function happenedAt<E extends DomainEvent>(occurredAt: string, event: E): E {
  return { ...event, occurredAt } as E;
}

/** The envelope the store puts around the n-th event of a referral's stream (version n + 1). */
export function recorded(event: DomainEvent, index: number): RecordedEvent {
  const occurredAt = 'occurredAt' in event && typeof event.occurredAt === 'string' ? event.occurredAt : SUBMITTED_AT;
  return {
    eventId: `event-${index + 1}`,
    streamId: 'referral-01JTESTREF0',
    version: index + 1,
    schemaVersion: 1,
    occurredAt,
    recordedAt: occurredAt,
    actor: actors.system,
    correlationId: 'correlation-1',
    causationId: null,
    commandId: `command-${index + 1}`,
    ...event,
  } as RecordedEvent;
}

export const decider = createReferralDecider();
export const spec = deciderSpecification(decider, { record: recorded, validate: (event) => void validateEvent(event) });

type Overrides<T extends EventType> = {
  data?: Partial<DomainEvent<T>['data']>;
  personal?: Partial<NonNullable<DomainEvent<T>['personal']>>;
};

function eventLike<T extends EventType>(type: T, overrides: Overrides<T> = {}): DomainEvent<T> {
  const sample = sampleEvents[type] as DomainEvent;
  const event = { type, data: { ...sample.data, ...overrides.data } } as DomainEvent;
  return (
    sample.personal === undefined ? event : { ...event, personal: { ...sample.personal, ...overrides.personal } }
  ) as DomainEvent<T>;
}

export const events = {
  submitted: (o?: Overrides<'ReferralSubmitted'>) => eventLike('ReferralSubmitted', o),
  routed: (o?: Overrides<'ReferralRouted'>) => eventLike('ReferralRouted', o),
  delivered: (o?: Overrides<'ReferralDelivered'>) => eventLike('ReferralDelivered', o),
  deliveryOverdue: (o?: Overrides<'DeliveryOverdue'>) => eventLike('DeliveryOverdue', o),
  gatewayDeadline: (o?: Overrides<'GatewayAssessmentDeadlineSet'>) => eventLike('GatewayAssessmentDeadlineSet', o),
  escalated: (o?: Overrides<'ReferralEscalated'>) => eventLike('ReferralEscalated', o),
  moreInformationRequested: (o?: Overrides<'MoreInformationRequested'>) => eventLike('MoreInformationRequested', o),
  referrerAnswered: (o?: Overrides<'ReferrerAnswered'>) => eventLike('ReferrerAnswered', o),
  supportReviewScheduled: (o?: Overrides<'SupportReviewScheduled'>) => eventLike('SupportReviewScheduled', o),
  supportReviewDue: (o?: Overrides<'SupportReviewDue'>) => eventLike('SupportReviewDue', o),
  deconflicted: (o?: Overrides<'DeconflictionRecorded'>) => eventLike('DeconflictionRecorded', o),
  sharingDeferred: (o?: Overrides<'ReferralSharingDeferred'>) => eventLike('ReferralSharingDeferred', o),
  shared: (o?: Overrides<'ReferralShared'>) => eventLike('ReferralShared', o),
  sharedDelivered: (o?: Overrides<'SharedReferralDelivered'>) => eventLike('SharedReferralDelivered', o),
  sharedDeliveryOverdue: (o?: Overrides<'SharedDeliveryOverdue'>) => eventLike('SharedDeliveryOverdue', o),
  gatewayStarted: (o?: Overrides<'GatewayAssessmentStarted'>) => eventLike('GatewayAssessmentStarted', o),
  gatewayCompleted: (o?: Overrides<'GatewayAssessmentCompleted'>) => eventLike('GatewayAssessmentCompleted', o),
  gatewayOverdue: (o?: Overrides<'GatewayAssessmentOverdue'>) => eventLike('GatewayAssessmentOverdue', o),
  hubRequested: (o?: Overrides<'HubAssessmentRequested'>) => eventLike('HubAssessmentRequested', o),
  hubCompleted: (o?: Overrides<'HubAssessmentCompleted'>) => eventLike('HubAssessmentCompleted', o),
  panelScheduled: (o?: Overrides<'ChannelPanelScheduled'>) => eventLike('ChannelPanelScheduled', o),
  consentRecorded: (o?: Overrides<'ConsentRecorded'>) => eventLike('ConsentRecorded', o),
  panelDecided: (o?: Overrides<'PanelDecisionRecorded'>) => eventLike('PanelDecisionRecorded', o),
  supportAgreed: (o?: Overrides<'SupportPackageAgreed'>) => eventLike('SupportPackageAgreed', o),
  supportReviewed: (o?: Overrides<'SupportReviewed'>) => eventLike('SupportReviewed', o),
  leftChannel: (o?: Overrides<'LeftChannel'>) => eventLike('LeftChannel', o),
  reviewDue: (o?: Overrides<'PostExitReviewDue'>) => eventLike('PostExitReviewDue', o),
  reviewCompleted: (o?: Overrides<'PostExitReviewCompleted'>) => eventLike('PostExitReviewCompleted', o),
  transferred: (o?: Overrides<'ReferralTransferred'>) => eventLike('ReferralTransferred', o),
  movedWithinRegion: (o?: Overrides<'CaseMovedWithinRegion'>) => eventLike('CaseMovedWithinRegion', o),
  transferAccepted: (o?: Overrides<'TransferAccepted'>) => eventLike('TransferAccepted', o),
  forCouncil: (o?: Overrides<'ChannelWorkRecordedForCouncil'>) => eventLike('ChannelWorkRecordedForCouncil', o),
  caseManagementStarted: (o?: Overrides<'PoliceCaseManagementStarted'>) => eventLike('PoliceCaseManagementStarted', o),
  caseManagementReviewScheduled: (o?: Overrides<'PoliceCaseManagementReviewScheduled'>) =>
    eventLike('PoliceCaseManagementReviewScheduled', o),
  caseManagementReviewDue: (o?: Overrides<'PoliceCaseManagementReviewDue'>) =>
    eventLike('PoliceCaseManagementReviewDue', o),
  caseManagementReviewed: (o?: Overrides<'PoliceCaseManagementReviewed'>) =>
    eventLike('PoliceCaseManagementReviewed', o),
  caseManagementEnded: (o?: Overrides<'PoliceCaseManagementEnded'>) => eventLike('PoliceCaseManagementEnded', o),
  closed: (o?: Overrides<'ReferralClosed'>) => eventLike('ReferralClosed', o),
  erased: (o?: Overrides<'PersonalDataErased'>) => eventLike('PersonalDataErased', o),
  ageCorrected: (o?: Overrides<'AgeCorrected'>) => eventLike('AgeCorrected', o),
  consentDueAgainDateSet: (o?: Overrides<'ConsentDueAgainDateSet'>) => eventLike('ConsentDueAgainDateSet', o),
  consentDueAgain: (o?: Overrides<'ConsentDueAgain'>) => eventLike('ConsentDueAgain', o),
  retentionReviewScheduled: (o?: Overrides<'RetentionReviewScheduled'>) => eventLike('RetentionReviewScheduled', o),
  retentionReviewDue: (o?: Overrides<'RetentionReviewDue'>) => eventLike('RetentionReviewDue', o),
  erasureDecided: (o?: Overrides<'ErasureDecided'>) => eventLike('ErasureDecided', o),
};

/** The router's routing after the person moved to Lichfield: Staffordshire Police and Lichfield District Council. */
export function routedToLichfield(personal?: { postcode: string }): DomainEvent<'ReferralRouted'> {
  return events.routed({
    data: {
      reason: 'transferred',
      localAuthority: { code: 'E07000194', name: 'Lichfield' },
      policeForce: { code: 'E23000015', name: 'Staffordshire Police' },
      destinations: [
        { kind: 'police-prevent-hub', id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' },
        { kind: 'local-authority-prevent-team', id: 'la:E07000194', name: 'Lichfield District Council Prevent team' },
      ],
    },
    ...(personal ? { personal } : {}),
  });
}

/** A command made from the example event it should produce, at a time and by an actor. */
function commandFrom<T extends ReferralCommandType>(
  type: T,
  event: DomainEvent,
  at: string,
  actor: Actor,
  extra: object = {},
): CommandOf<T> {
  const personal = event.personal === undefined ? {} : { personal: event.personal };
  return { type, at, actor, ...event.data, ...personal, ...extra } as unknown as CommandOf<T>;
}

type CommandOverrides<T extends ReferralCommandType> = Partial<CommandOf<T>>;

function build<T extends ReferralCommandType>(base: CommandOf<T>, overrides: CommandOverrides<T> = {}): CommandOf<T> {
  return { ...base, ...overrides };
}

const { ageBand: _ageBand, ...submittedData } = sampleEvents.ReferralSubmitted.data;

export const commands = {
  submit: (o?: CommandOverrides<'SubmitReferral'>) =>
    build(
      {
        type: 'SubmitReferral',
        referralId: '01JTESTREF0',
        at: SUBMITTED_AT,
        actor: actors.referrer,
        ...submittedData,
        personal: sampleEvents.ReferralSubmitted.personal,
      },
      o,
    ),
  route: (o?: CommandOverrides<'RecordRouting'>) =>
    build(commandFrom('RecordRouting', events.routed(), '2025-01-06T09:00:05Z', actors.system), o),
  deliver: (o?: CommandOverrides<'RecordDelivery'>) =>
    build(commandFrom('RecordDelivery', events.delivered(), '2025-01-06T09:05:01Z', actors.system), o),
  markDeliveryOverdue: (o?: CommandOverrides<'MarkDeliveryOverdue'>) =>
    build(commandFrom('MarkDeliveryOverdue', events.deliveryOverdue(), '2025-01-06T10:00:00Z', actors.system), o),
  startGateway: (o?: CommandOverrides<'StartGatewayAssessment'>) =>
    build({ type: 'StartGatewayAssessment', at: '2025-01-06T11:00:00Z', actor: actors.police }, o),
  escalate: (o?: CommandOverrides<'EscalateReferral'>) =>
    build(
      {
        type: 'EscalateReferral',
        at: '2025-01-07T10:00:00Z',
        actor: actors.police,
        personal: events.escalated().personal,
      },
      o,
    ),
  requestMoreInformation: (o?: CommandOverrides<'RequestMoreInformation'>) =>
    build(
      {
        type: 'RequestMoreInformation',
        at: '2025-01-07T11:00:00Z',
        actor: actors.police,
        personal: events.moreInformationRequested().personal,
      },
      o,
    ),
  answerMoreInformation: (o?: CommandOverrides<'AnswerMoreInformation'>) =>
    build(commandFrom('AnswerMoreInformation', events.referrerAnswered(), '2025-01-08T16:00:00Z', actors.referrer), o),
  markSupportReviewDue: (o?: CommandOverrides<'MarkSupportReviewDue'>) =>
    build({ type: 'MarkSupportReviewDue', at: '2025-04-28T06:00:00Z', actor: actors.system }, o),
  completeGateway: (o?: CommandOverrides<'CompleteGatewayAssessment'>) =>
    build(
      commandFrom('CompleteGatewayAssessment', events.gatewayCompleted(), '2025-01-09T15:00:00Z', actors.police),
      o,
    ),
  recordDeconfliction: (o?: CommandOverrides<'RecordDeconfliction'>) =>
    build({ type: 'RecordDeconfliction', at: '2025-01-08T10:00:00Z', actor: actors.police }, o),
  share: (o?: CommandOverrides<'ShareReferral'>) =>
    build(
      { type: 'ShareReferral', at: '2025-01-09T16:00:00Z', actor: actors.police, destinationIds: ['la:E08000026'] },
      o,
    ),
  deliverShare: (o?: CommandOverrides<'RecordSharedDelivery'>) =>
    build(commandFrom('RecordSharedDelivery', events.sharedDelivered(), '2025-01-09T15:00:04Z', actors.system), o),
  markSharedDeliveryOverdue: (o?: CommandOverrides<'MarkSharedDeliveryOverdue'>) =>
    build(
      commandFrom('MarkSharedDeliveryOverdue', events.sharedDeliveryOverdue(), '2025-01-09T16:00:00Z', actors.system),
      o,
    ),
  markGatewayOverdue: (o?: CommandOverrides<'MarkGatewayAssessmentOverdue'>) =>
    build({ type: 'MarkGatewayAssessmentOverdue', at: '2025-01-14T00:00:00Z', actor: actors.system }, o),
  requestHub: (o?: CommandOverrides<'RequestHubAssessment'>) =>
    build(commandFrom('RequestHubAssessment', events.hubRequested(), '2025-01-09T15:05:00Z', actors.police), o),
  completeHub: (o?: CommandOverrides<'CompleteHubAssessment'>) =>
    build(commandFrom('CompleteHubAssessment', events.hubCompleted(), '2025-01-15T10:00:00Z', actors.clinician), o),
  schedulePanel: (o?: CommandOverrides<'ScheduleChannelPanel'>) =>
    build(
      commandFrom('ScheduleChannelPanel', events.panelScheduled(), '2025-01-10T10:00:00Z', actors.localAuthority),
      o,
    ),
  recordConsent: (o?: CommandOverrides<'RecordConsent'>) =>
    build(commandFrom('RecordConsent', events.consentRecorded(), '2025-01-15T10:00:00Z', actors.localAuthority), o),
  decidePanel: (o?: CommandOverrides<'RecordPanelDecision'>) =>
    build(commandFrom('RecordPanelDecision', events.panelDecided(), '2025-01-20T12:00:00Z', actors.chair), o),
  agreeSupport: (o?: CommandOverrides<'AgreeSupportPackage'>) =>
    build(commandFrom('AgreeSupportPackage', events.supportAgreed(), '2025-01-27T10:00:00Z', actors.chair), o),
  reviewSupport: (o?: CommandOverrides<'ReviewSupport'>) =>
    build(commandFrom('ReviewSupport', events.supportReviewed(), '2025-04-28T10:00:00Z', actors.chair), o),
  exitChannel: (o?: CommandOverrides<'RecordChannelExit'>) =>
    build(commandFrom('RecordChannelExit', events.leftChannel(), '2025-06-30T16:00:00Z', actors.chair), o),
  markReviewDue: (o?: CommandOverrides<'MarkPostExitReviewDue'>) =>
    build({ type: 'MarkPostExitReviewDue', at: '2025-12-30T06:00:00Z', actor: actors.system, review: 'six-month' }, o),
  completeReview: (o?: CommandOverrides<'CompletePostExitReview'>) =>
    build(
      commandFrom('CompletePostExitReview', events.reviewCompleted(), '2026-01-05T10:00:00Z', actors.localAuthority),
      o,
    ),
  transfer: (o?: CommandOverrides<'TransferReferral'>) =>
    build(commandFrom('TransferReferral', events.transferred(), '2025-02-03T10:00:00Z', actors.localAuthority), o),
  moveWithinRegion: (o?: CommandOverrides<'MoveCaseWithinRegion'>) =>
    build(
      {
        type: 'MoveCaseWithinRegion',
        at: '2025-01-07T09:00:00Z',
        actor: actors.regionalHub,
        ctpRegion: 'CTP-WM',
        toPoliceForce: 'E23000015',
        personal: events.movedWithinRegion().personal,
      },
      o,
    ),
  acceptTransfer: (o?: CommandOverrides<'AcceptTransfer'>) =>
    build(
      {
        type: 'AcceptTransfer',
        at: '2025-02-04T10:00:00Z',
        actor: { organisation: 'police:E23000015', user: 'po.5678', role: 'police-prevent-officer' },
      },
      o,
    ),
  reviewCaseManagement: (o?: CommandOverrides<'ReviewPoliceCaseManagement'>) =>
    build(
      commandFrom('ReviewPoliceCaseManagement', events.caseManagementReviewed(), '2025-04-10T10:00:00Z', actors.police),
      o,
    ),
  markCaseManagementReviewDue: (o?: CommandOverrides<'MarkPoliceCaseManagementReviewDue'>) =>
    build({ type: 'MarkPoliceCaseManagementReviewDue', at: '2025-04-09T06:00:00Z', actor: actors.system }, o),
  endCaseManagement: (o?: CommandOverrides<'EndPoliceCaseManagement'>) =>
    build(
      commandFrom('EndPoliceCaseManagement', events.caseManagementEnded(), '2025-07-10T10:00:00Z', actors.police),
      o,
    ),
  close: (o?: CommandOverrides<'CloseReferral'>) =>
    build(commandFrom('CloseReferral', events.closed(), '2026-07-15T10:00:00Z', actors.localAuthority), o),
  erase: (o?: CommandOverrides<'ErasePersonalData'>) =>
    build(
      {
        ...commandFrom('ErasePersonalData', events.erased(), '2032-07-16T10:00:00Z', actors.system),
        grounds: 'no-longer-needed-after-retention-review',
      },
      o,
    ),
  correctAge: (o?: CommandOverrides<'CorrectAge'>) =>
    build(
      {
        type: 'CorrectAge',
        at: '2025-01-13T10:00:00Z',
        actor: actors.police,
        personal: { dateOfBirth: '2010-03-15', reason: 'Date of birth confirmed by the school.' },
      },
      o,
    ),
  markConsentDueAgain: (o?: CommandOverrides<'MarkConsentDueAgain'>) =>
    build({ type: 'MarkConsentDueAgain', at: '2028-03-15T06:00:00Z', actor: actors.system }, o),
  markRetentionReviewDue: (o?: CommandOverrides<'MarkRetentionReviewDue'>) =>
    build({ type: 'MarkRetentionReviewDue', at: '2032-07-15T06:00:00Z', actor: actors.system }, o),
};

/** Histories up to each stage of the full Channel journey (the person is 14: a parent consents). */
const submitted = [events.submitted()];
const routed = [...submitted, events.routed(), events.gatewayDeadline()];
const gatewayStarted = [...routed, events.gatewayStarted()];
const referredToChannel = [...gatewayStarted, events.gatewayCompleted()];
const panelScheduled = [...referredToChannel, events.panelScheduled()];
const consented = [...panelScheduled, events.consentRecorded()];
const adopted = [...consented, events.panelDecided()];
const supported = [...adopted, events.supportAgreed(), events.supportReviewScheduled()];
const riskMitigated = [
  ...supported,
  events.supportReviewed(),
  events.supportReviewScheduled({ data: { dueOn: '2025-07-28' } }),
];
const leftChannel = [...riskMitigated, events.leftChannel()];
const sixMonthDue = [...leftChannel, events.reviewDue()];
const sixMonthDone = [...sixMonthDue, events.reviewCompleted()];
const twelveMonthDue = [...sixMonthDone, events.reviewDue({ data: { review: 'twelve-month', dueOn: '2026-06-30' } })];
const reviewed = [
  ...twelveMonthDue,
  events.reviewCompleted({ data: { review: 'twelve-month', concernIdentified: false } }),
];
const closed = [
  ...reviewed,
  happenedAt('2026-07-15T10:00:00Z', events.closed()),
  events.retentionReviewScheduled({ data: { dueOn: '2032-07-15', retentionYears: 6 } }),
];

export const histories = {
  submitted,
  routed,
  gatewayStarted,
  referredToChannel,
  panelScheduled,
  consented,
  adopted,
  supported,
  riskMitigated,
  leftChannel,
  sixMonthDue,
  sixMonthDone,
  twelveMonthDue,
  reviewed,
  closed,
} satisfies Record<string, DomainEvent[]>;
