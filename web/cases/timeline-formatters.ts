// What each step of a referral's life says on the case page, in the reader's language: one small
// formatter per event type of the catalogue (a new event type without one fails to compile and
// fails a unit test). Codes become labels (locale options, data/reference, the destinations'
// names as routing recorded them); the personal part is worded only when the timeline service
// handed it over for this viewer. Formatters return plain text: the view escapes it.
import { type EventData, type EventPersonal, type EventType, referenceLists } from '../../events/index.js';
import { type Locale, type Translator, referenceLabel } from '../i18n/translator.js';
import { consentAndRetentionFormatters } from './timeline-consent-retention.js';

/** What a formatter may use to turn codes into words. */
export interface TimelineWords {
  t: Translator;
  locale: Locale;
  /** 2026-11-03 (or an instant) as "3 November 2026". */
  date(iso: string): string;
  /** An instant as "3 November 2026 at 14:05", UK time. */
  dateTime(iso: string): string;
  /** A destination's name as routing recorded it (the id when no routing named it). */
  destination(id: string): string;
  /** A local authority's name by its area code (the code when no routing named it). */
  area(code: string): string;
  /** "A, B and C". */
  list(items: readonly string[]): string;
}

export interface TimelineText {
  /** One sentence: who or what, and the outcome. */
  title: string;
  /** The facts that matter, one a line. */
  facts: string[];
  /** The personal part's lines (empty when the event has none or the viewer may not see it). */
  personal: string[];
}

export type TimelineFormatter<T extends EventType> = (
  event: { data: EventData<T>; personal: EventPersonal<T> | undefined },
  words: TimelineWords,
) => TimelineText;

type TimelineFormatters = { readonly [T in EventType]: TimelineFormatter<T> };

const referenceText = (list: keyof typeof referenceLists, code: string, locale: Locale): string => {
  const item = referenceLists[list].items.find((candidate) => candidate.code === code);
  return item ? referenceLabel(item, locale) : code;
};

const yesNo = (value: boolean, t: Translator): string => t(value ? 'common.yes' : 'common.no');

/** A labelled line: "Rationale: …". */
const line = (t: Translator, label: string, value: string): string =>
  t('case.timeline.line', { label: t(`case.timeline.labels.${label}`), value });

export const timelineFormatters: TimelineFormatters = {
  ReferralSubmitted: ({ data }, { t, locale, list }) => ({
    title: t('events.ReferralSubmitted', { organisation: data.referrer.organisation }),
    facts: [
      line(
        t,
        'suspectedConcern',
        list(data.suspectedConcernTypes.map((code) => referenceText('typesOfConcern', code, locale))),
      ),
      ...(data.immediateRisk ? [t('case.timeline.immediateRisk')] : []),
    ],
    // The form's answers are shown in full under "What was referred".
    personal: [],
  }),

  ReferralRouted: ({ data, personal }, { t, list }) => {
    const places = [data.localAuthority?.name, data.policeForce?.name].filter((name): name is string => Boolean(name));
    return {
      title: t('events.ReferralRouted', {
        destinations: list(data.destinations.map((destination) => destination.name)),
        where: places.length
          ? t('case.timeline.routedWhere', { places: places.join(', '), rules: data.ruleVersion })
          : t('case.timeline.routedRules', { rules: data.ruleVersion }),
      }),
      facts: [
        line(t, 'priority', t(`options.priority.${data.priority}`)),
        line(t, 'routedBecause', t(`case.timeline.routedReason.${data.reason}`)),
        ...(data.jurisdiction === 'england-wales'
          ? []
          : [line(t, 'jurisdiction', t(`case.timeline.jurisdiction.${data.jurisdiction}`))]),
      ],
      personal: personal?.postcode ? [line(t, 'postcode', personal.postcode)] : [],
    };
  },

  ReferralDelivered: ({ data }, { t, destination, dateTime }) => ({
    title: t('events.ReferralDelivered', { destination: destination(data.destinationId) }),
    facts: [line(t, 'receivedAt', dateTime(data.receivedAt))],
    personal: [],
  }),

  DeliveryOverdue: ({ data }, { t, destination, dateTime }) => ({
    title: t('events.DeliveryOverdue', { destination: destination(data.destinationId), dueBy: dateTime(data.dueBy) }),
    facts: [],
    personal: [],
  }),

  GatewayAssessmentDeadlineSet: ({ data }, { t, date }) => ({
    title: t('events.GatewayAssessmentDeadlineSet', { dueBy: date(data.dueBy) }),
    facts: [line(t, 'deadlineBecause', t(`options.gatewayDeadlineCause.${data.because}`))],
    personal: [],
  }),

  ReferralEscalated: ({ personal }, { t }) => ({
    title: t('events.ReferralEscalated'),
    facts: [],
    personal: personal ? [line(t, 'reason', personal.reason)] : [],
  }),

  MoreInformationRequested: ({ data, personal }, { t }) => ({
    title: t('events.MoreInformationRequested', { number: String(data.requestNumber) }),
    facts: [],
    personal: personal ? [line(t, 'question', personal.question)] : [],
  }),

  ReferrerAnswered: ({ data, personal }, { t }) => ({
    title: t('events.ReferrerAnswered', { number: String(data.requestNumber) }),
    facts: [],
    personal: personal ? [line(t, 'answer', personal.answer)] : [],
  }),

  GatewayAssessmentStarted: ({ data }, { t, date }) => ({
    title: t('events.GatewayAssessmentStarted', { dueBy: date(data.dueBy) }),
    facts: [],
    personal: [],
  }),

  GatewayAssessmentCompleted: ({ data, personal }, { t, locale, list }) => ({
    title: t('events.GatewayAssessmentCompleted', {
      outcome: t(`options.gatewayOutcome.${data.outcome}`),
      concern: referenceText('typesOfConcern', data.confirmedConcernType, locale),
    }),
    facts: [
      line(t, 'deconflicted', yesNo(data.deconflicted, t)),
      ...(data.signpostedTo.length
        ? [line(t, 'signpostedTo', list(data.signpostedTo.map((service) => t(`options.signpostedService.${service}`))))]
        : []),
    ],
    personal: personal ? [line(t, 'rationale', personal.rationale)] : [],
  }),

  GatewayAssessmentOverdue: ({ data }, { t, date }) => ({
    title: t('events.GatewayAssessmentOverdue', { dueBy: date(data.dueBy) }),
    facts: [],
    personal: [],
  }),

  HubAssessmentRequested: ({ data, personal }, { t }) => ({
    title: t('events.HubAssessmentRequested'),
    facts: [line(t, 'requestedBy', t(`options.hubRequestedBy.${data.requestedBy}`))],
    personal: personal ? [line(t, 'reason', personal.reason)] : [],
  }),

  HubAssessmentCompleted: ({ data, personal }, { t }) => ({
    title: t('events.HubAssessmentCompleted', { outcome: t(`options.hubOutcome.${data.outcome}`) }),
    facts: [],
    personal: personal
      ? [line(t, 'clinician', personal.clinician), line(t, 'clinicalSummary', personal.clinicalSummary)]
      : [],
  }),

  ChannelPanelScheduled: ({ data }, { t, date, area }) => ({
    title: t('events.ChannelPanelScheduled', { date: date(data.panelDate) }),
    facts: [line(t, 'localAuthority', area(data.localAuthorityCode))],
    personal: [],
  }),

  ConsentRecorded: ({ data, personal }, { t }) => ({
    title: t(data.given ? 'events.ConsentRecorded' : 'case.timeline.consentRefused'),
    facts: [line(t, 'consentBy', t(`options.consentGivenBy.${data.givenBy}`))],
    personal: personal
      ? [
          line(t, 'consenterName', personal.consenterName),
          ...(personal.notes ? [line(t, 'notes', personal.notes)] : []),
        ]
      : [],
  }),

  PanelDecisionRecorded: ({ data, personal }, { t }) => ({
    title: t('events.PanelDecisionRecorded', { decision: t(`options.panelDecision.${data.decision}`) }),
    facts: [
      t('case.timeline.vulnerabilityAssessment', data.vulnerabilityAssessment),
      ...(data.nextStep ? [line(t, 'nextStep', t(`options.notAdoptedNextStep.${data.nextStep}`))] : []),
    ],
    personal: personal ? [line(t, 'minutes', personal.minutes)] : [],
  }),

  SupportPackageAgreed: ({ data, personal }, { t, locale, list }) => ({
    title: t('events.SupportPackageAgreed'),
    facts: [
      line(t, 'supportFrom', list(data.providers.map((code) => referenceText('supportProviderKinds', code, locale)))),
    ],
    personal: personal ? [line(t, 'details', personal.details)] : [],
  }),

  SupportReviewScheduled: ({ data }, { t, date }) => ({
    title: t('events.SupportReviewScheduled', { date: date(data.dueOn) }),
    facts: [],
    personal: [],
  }),

  SupportReviewDue: ({ data }, { t, date }) => ({
    title: t('events.SupportReviewDue', { date: date(data.dueOn) }),
    facts: [],
    personal: [],
  }),

  SupportReviewed: ({ data, personal }, { t }) => ({
    title: t(data.riskMitigated ? 'events.SupportReviewed' : 'case.timeline.riskNotMitigated'),
    facts: [],
    personal: personal ? [line(t, 'notes', personal.notes)] : [],
  }),

  LeftChannel: ({ data }, { t, date }) => ({
    title: t('events.LeftChannel', { date: date(data.exitDate), reason: t(`options.exitReason.${data.reason}`) }),
    facts: [],
    personal: [],
  }),

  PostExitReviewDue: ({ data }, { t, date }) => ({
    title: t('events.PostExitReviewDue', {
      review: t(`options.postExitReview.${data.review}`),
      date: date(data.dueOn),
    }),
    facts: [],
    personal: [],
  }),

  PostExitReviewCompleted: ({ data, personal }, { t }) => ({
    title: t('events.PostExitReviewCompleted', { review: t(`options.postExitReview.${data.review}`) }),
    facts: [line(t, 'concernIdentified', yesNo(data.concernIdentified, t))],
    personal: personal ? [line(t, 'notes', personal.notes)] : [],
  }),

  ReferralTransferred: ({ data, personal }, { t }) => ({
    title: t('events.ReferralTransferred', { reason: t(`options.transferReason.${data.reason}`) }),
    facts: [],
    personal: personal ? [line(t, 'newAddress', personal.address), line(t, 'postcode', personal.postcode)] : [],
  }),

  TransferAccepted: ({ data }, { t, destination }) => ({
    title: t('events.TransferAccepted', { organisation: destination(data.acceptedBy) }),
    facts: [],
    personal: [],
  }),

  CaseMovedWithinRegion: ({ data, personal }, { t, area }) => ({
    title: t('events.CaseMovedWithinRegion', { from: area(data.fromPoliceForce), to: area(data.toPoliceForce) }),
    facts: [],
    personal: personal ? [line(t, 'reason', personal.reason)] : [],
  }),

  ChannelWorkRecordedForCouncil: ({ data }, { t, area }) => ({
    title: t('events.ChannelWorkRecordedForCouncil', {
      council: area(data.localAuthorityCode),
      recorded: t(`case.timeline.channelWork.${data.recorded}`),
    }),
    facts: [],
    personal: [],
  }),

  PoliceCaseManagementStarted: ({ data }, { t }) => ({
    title: t('events.PoliceCaseManagementStarted', { from: t(`options.caseManagementCause.${data.from}`) }),
    facts: [],
    personal: [],
  }),

  PoliceCaseManagementReviewScheduled: ({ data }, { t, date }) => ({
    title: t('events.PoliceCaseManagementReviewScheduled', { date: date(data.dueOn) }),
    facts: [],
    personal: [],
  }),

  PoliceCaseManagementReviewDue: ({ data }, { t, date }) => ({
    title: t('events.PoliceCaseManagementReviewDue', { date: date(data.dueOn) }),
    facts: [],
    personal: [],
  }),

  PoliceCaseManagementReviewed: ({ data, personal }, { t }) => ({
    title: t(
      data.riskMitigated ? 'events.PoliceCaseManagementReviewed' : 'case.timeline.caseManagementRiskNotMitigated',
    ),
    facts: [],
    personal: personal ? [line(t, 'notes', personal.notes)] : [],
  }),

  PoliceCaseManagementEnded: ({ data, personal }, { t }) => ({
    title: t('events.PoliceCaseManagementEnded', { reason: t(`options.caseManagementEnding.${data.reason}`) }),
    facts: [],
    personal: personal ? [line(t, 'rationale', personal.rationale)] : [],
  }),

  ReferralClosed: ({ data }, { t }) => ({
    title: t('events.ReferralClosed', { outcome: t(`options.closureOutcome.${data.outcome}`) }),
    facts: [],
    personal: [],
  }),

  PersonalDataErased: ({ data }, { t }) => ({
    title: t('events.PersonalDataErased', { reason: t(`options.erasureReason.${data.reason}`) }),
    facts: [t('case.timeline.anonymousFactsKept')],
    personal: [],
  }),

  DeconflictionRecorded: ({ data }, { t, dateTime }) => ({
    title: t('events.DeconflictionRecorded'),
    facts: [line(t, 'deconflictedBy', data.by.user), line(t, 'deconflictedAt', dateTime(data.at))],
    personal: [],
  }),

  ReferralSharingDeferred: ({ data }, { t, list, destination }) => ({
    title: t('events.ReferralSharingDeferred', { destinations: list(data.destinationIds.map(destination)) }),
    facts: [],
    personal: [],
  }),

  ReferralShared: ({ data }, { t, list, destination }) => ({
    title: t('events.ReferralShared', { destinations: list(data.destinationIds.map(destination)) }),
    facts: [line(t, 'sharedBecause', t(`case.timeline.sharedBecause.${data.because}`))],
    personal: [],
  }),

  SharedReferralDelivered: ({ data }, { t, destination, dateTime }) => ({
    title: t('events.SharedReferralDelivered', { destination: destination(data.destinationId) }),
    facts: [line(t, 'receivedAt', dateTime(data.receivedAt))],
    personal: [],
  }),

  SharedDeliveryOverdue: ({ data }, { t, destination, dateTime }) => ({
    title: t('events.SharedDeliveryOverdue', {
      destination: destination(data.destinationId),
      dueBy: dateTime(data.dueBy),
    }),
    facts: [],
    personal: [],
  }),

  OrganisationSharingPolicyChanged: ({ data }, { t, destination }) => ({
    title: t('events.OrganisationSharingPolicyChanged', {
      organisation: destination(data.organisationId),
      policy: t(`options.sharingPolicy.${data.sharing}`),
    }),
    facts: [],
    personal: [],
  }),
  ...consentAndRetentionFormatters,

  OrganisationDetailsChanged: ({ data }, { t, destination }) => ({
    title: t('events.OrganisationDetailsChanged', { organisation: destination(data.organisationId) }),
    facts: [
      ...(data.changed.includes('mailbox') ? [line(t, 'mailbox', data.mailbox)] : []),
      ...(data.changed.includes('onboarded') ? [line(t, 'onboarded', yesNo(data.onboarded, t))] : []),
    ],
    personal: [],
  }),
  RegionalAssessmentChanged: ({ data }, { t, destination }) => ({
    title: t('events.RegionalAssessmentChanged', {
      organisation: destination(data.organisationId),
      assessor: t(`directory.assessedBy.${data.assessedBy}`),
    }),
    facts: [],
    personal: [],
  }),
  ChannelPanelChanged: ({ data }, { t, destination }) => ({
    title: t('events.ChannelPanelChanged', { organisation: destination(data.organisationId) }),
    facts: [],
    personal: [],
  }),
};
