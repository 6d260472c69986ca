// Random journeys of a referral for property tests: steps are drawn by fast-check, then turned
// into commands against the referral as it stands (times move forward; fields that depend on the
// day, like a panel date, are set from it). A "guided" step asks for the next step of the usual
// journey, so that random runs reach Channel, post-exit reviews, closure and erasure; the
// decider still decides every step, and many steps are refused.
import fc from 'fast-check';
import {
  type ReferralCommand,
  type ReferralCommandType,
  type ReferralState,
  closingOutcomes,
  referralCommandTypes,
  regionalMoveOf,
} from '../../../domain/referral/index.js';
import { type RoutedDestination } from '../../../events/routing.js';
import { ClosureOutcome } from '../../../events/lifecycle.js';
import { ErasureGrounds, groundsForReason } from '../../../events/retention.js';
import { actors, commands } from './referral-fixtures.js';
import { sampleEvents } from '../../events/sample-events.js';

export interface JourneyStep {
  guided: boolean;
  kind: ReferralCommandType;
  variant: number;
  advanceMinutes: number;
}

const step = (guided: fc.Arbitrary<boolean>) =>
  fc.record({
    guided,
    kind: fc.constantFrom(...referralCommandTypes),
    variant: fc.nat({ max: 9999 }),
    advanceMinutes: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 * 24 * 45 })),
  });

/** Any commands in any order. */
export const randomJourney = fc.array(step(fc.constant(false)), { minLength: 1, maxLength: 60, size: 'large' });
/** Mostly the next step of the usual journey, with random steps among them. */
export const guidedJourney = fc.array(
  step(fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 })),
  {
    minLength: 30,
    maxLength: 100,
    size: 'max',
  },
);

const westMidlands: RoutedDestination[] = sampleEvents.ReferralRouted.data.destinations;
const staffordshire: RoutedDestination[] = [
  { kind: 'police-prevent-hub', id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' },
  { kind: 'local-authority-prevent-team', id: 'la:E07000194', name: 'Lichfield District Council Prevent team' },
];
const withHub: RoutedDestination[] = [
  ...westMidlands,
  { kind: 'vulnerability-support-hub', id: 'vsh:WEST-MIDLANDS', name: 'West Midlands hub' },
];
const nationalTriage: RoutedDestination[] = [
  { kind: 'national-triage', id: 'national-triage', name: 'National triage' },
];

const people = [
  { dateOfBirth: '2012-04-01' },
  { dateOfBirth: '2007-03-01' },
  { dateOfBirth: '2008-02-29' },
  { dateOfBirth: '1985-11-30' },
  { approximateAge: 17 },
  { approximateAge: 30 },
  {},
];

function pick<T>(options: readonly T[], variant: number): T {
  return options[variant % options.length] as T;
}

function plusDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The destinations after a regional hub moved the case: its routing with the police destination replaced. */
function movedDestinations(state: ReferralState): RoutedDestination[] {
  const to = regionalMoveOf(state)?.toPoliceForce ?? 'E23000015';
  return (state.routing?.destinations ?? westMidlands).map((destination) =>
    destination.kind === 'police-prevent-hub'
      ? { kind: 'police-prevent-hub', id: `police:${to}`, name: `Force ${to} Prevent hub` }
      : destination,
  );
}

function routingFor(state: ReferralState, guided: boolean, variant: number) {
  const move = regionalMoveOf(state);
  const reason = guided
    ? state.awaitingRerouting
      ? move && !move.routed
        ? 'moved-within-region'
        : 'transferred'
      : state.routing === null
        ? 'submitted'
        : 'hub-assessment-requested'
    : pick(['submitted', 'transferred', 'hub-assessment-requested', 'moved-within-region'] as const, variant);
  const destinations = guided
    ? reason === 'transferred'
      ? pick([staffordshire, westMidlands], variant)
      : reason === 'moved-within-region'
        ? movedDestinations(state)
        : reason === 'hub-assessment-requested'
          ? withHub
          : pick([westMidlands, westMidlands, westMidlands, nationalTriage], variant)
    : pick([westMidlands, staffordshire, withHub, nationalTriage], variant >> 2);
  const inStaffordshire = destinations.some((destination) => destination.id === 'police:E23000015');
  const triage = destinations === nationalTriage;
  return {
    reason,
    destinations,
    jurisdiction: triage ? pick(['scotland', 'unknown'] as const, variant) : ('england-wales' as const),
    localAuthority: triage
      ? null
      : inStaffordshire
        ? { code: 'E07000194', name: 'Lichfield' }
        : { code: 'E08000026', name: 'Coventry' },
    policeForce: triage
      ? null
      : inStaffordshire
        ? { code: 'E23000015', name: 'Staffordshire' }
        : { code: 'E23000014', name: 'West Midlands' },
    ctpRegion: triage ? null : { code: 'CTP-WM', name: 'Counter Terrorism Policing West Midlands' },
    priority: (guided && state.immediateRisk) || variant % 5 === 0 ? ('urgent' as const) : ('standard' as const),
  };
}

/**
 * The usual next step for a referral in this state. An impatient step skips one that is due
 * (adopting before consent, leaving before the risk is mitigated, closing before the reviews...),
 * which the decider must refuse. A curious one asks the referrer for more information while the
 * gateway assessment runs (once per referral: the referrer answers as the next usual step).
 */
export function nextJourneyStep(state: ReferralState, impatient = false, curious = false): ReferralCommandType {
  if (curious && state.gateway.status === 'started' && state.moreInformation.requests === 0)
    return 'RequestMoreInformation';
  const step = usualNextStep(state);
  return impatient ? (skipping[step] ?? step) : step;
}

/** The kind of command a step gives: the usual next one for a guided step, its own otherwise. */
export function kindOfStep(step: JourneyStep, state: ReferralState): ReferralCommandType {
  return step.guided ? nextJourneyStep(state, step.variant % 7 === 0, step.variant % 5 === 1) : step.kind;
}

const skipping: Partial<Record<ReferralCommandType, ReferralCommandType>> = {
  RecordRouting: 'StartGatewayAssessment',
  CompleteGatewayAssessment: 'ScheduleChannelPanel',
  RecordConsent: 'RecordPanelDecision',
  AgreeSupportPackage: 'RecordChannelExit',
  ReviewSupport: 'RecordChannelExit',
  CompletePostExitReview: 'CloseReferral',
  MarkPostExitReviewDue: 'CloseReferral',
  CompleteHubAssessment: 'ScheduleChannelPanel',
};

function usualNextStep(state: ReferralState): ReferralCommandType {
  if (state.status === 'not-submitted') return 'SubmitReferral';
  if (state.closure) return state.retention && !state.retention.due ? 'MarkRetentionReviewDue' : 'ErasePersonalData';
  if (state.moreInformation.awaitingAnswer !== null) return 'AnswerMoreInformation';
  if (state.routing === null || state.awaitingRerouting) return 'RecordRouting';
  if (state.transferAwaitingAcceptance) return 'AcceptTransfer';
  if (state.gateway.status === 'not-started') return 'StartGatewayAssessment';
  if (state.gateway.status === 'started') return 'CompleteGatewayAssessment';
  if (
    state.sharing.withheld.length > 0 &&
    state.sharing.deconfliction !== null &&
    state.panel.status === 'not-scheduled'
  )
    return 'ShareReferral';
  if (state.hub.status === 'requested')
    return state.routing.reason === 'hub-assessment-requested' ? 'CompleteHubAssessment' : 'RecordRouting';
  if (state.gateway.outcome === 'referred-to-vulnerability-support-hub' && state.hub.status === 'not-requested')
    return 'RequestHubAssessment';
  if (state.channelExit) {
    for (const review of ['six-month', 'twelve-month'] as const) {
      if (state.reviews[review].status === 'not-due') return 'MarkPostExitReviewDue';
      if (state.reviews[review].status === 'due') return 'CompletePostExitReview';
    }
    return 'CloseReferral';
  }
  if (state.caseManagement.status === 'open')
    return state.caseManagement.riskMitigated === true ? 'EndPoliceCaseManagement' : 'ReviewPoliceCaseManagement';
  if (state.panel.status === 'not-scheduled')
    return closingOutcomes(state).length > 0 ? 'CloseReferral' : 'ScheduleChannelPanel';
  if (state.consent.status !== 'given' && state.panel.status === 'scheduled') return 'RecordConsent';
  if (state.panel.status === 'scheduled') return 'RecordPanelDecision';
  if (state.panel.decision !== 'adopted') return 'CloseReferral';
  if (state.support.status === 'not-agreed') return 'AgreeSupportPackage';
  if (state.support.riskMitigated !== true) return 'ReviewSupport';
  return 'RecordChannelExit';
}

/** The command for a step, made at `at` against the referral as it stands. */
export function commandFor(
  step: JourneyStep,
  kind: ReferralCommandType,
  state: ReferralState,
  at: string,
): ReferralCommand {
  const { guided, variant } = step;
  const day = at.slice(0, 10);
  const when = { at };
  switch (kind) {
    case 'SubmitReferral': {
      const base = commands.submit();
      const { dateOfBirth: _dateOfBirth, ...person } = base.personal.person;
      return commands.submit({
        ...when,
        immediateRisk: variant % 3 === 0,
        vulnerabilitySupportHubRequested: variant % 4 === 0,
        personal: { ...base.personal, person: { ...person, ...pick(people, variant >> 2) } },
      });
    }
    case 'RecordRouting': {
      const routing = routingFor(state, guided, variant);
      // Half the journeys route to councils and hubs that receive the referral after deconfliction.
      const shareAfterDeconfliction =
        variant % 2 === 0
          ? routing.destinations.filter((d) => guided || d.kind !== 'police-prevent-hub').map((d) => d.id)
          : undefined;
      return commands.route({ ...when, ...routing, ...(shareAfterDeconfliction ? { shareAfterDeconfliction } : {}) });
    }
    case 'RecordDeconfliction':
      return commands.recordDeconfliction({
        ...when,
        actor: guided || variant % 5 !== 0 ? actors.police : actors.localAuthority,
      });
    case 'ShareReferral': {
      const waiting = state.sharing.withheld;
      const destinationIds =
        guided && waiting.length > 0 ? waiting : [pick([...waiting, 'la:E08000026', 'vsh:WEST-MIDLANDS'], variant)];
      return commands.share({
        ...when,
        destinationIds,
        actor: variant % 6 === 0 ? actors.localAuthority : actors.police,
      });
    }
    case 'RecordSharedDelivery': {
      const destinationId = pick([...state.sharing.withheld, ...state.currentDestinations, 'la:E08000026'], variant);
      const shares = state.sharing.sharedTo.map((key) => Number(key.split(':')[0]));
      const sharedVersion = pick(shares.length > 0 ? shares : [3], variant >> 2);
      return commands.deliverShare({ ...when, destinationId, sharedVersion });
    }
    case 'MarkSharedDeliveryOverdue': {
      const destinationId = pick([...state.sharing.withheld, ...state.currentDestinations, 'la:E08000026'], variant);
      const shares = state.sharing.sharedTo.map((key) => Number(key.split(':')[0]));
      const sharedVersion = pick(shares.length > 0 ? shares : [3], variant >> 2);
      const dueBy = new Date(Date.parse(at) + pick([-3_600_000, 3_600_000], variant >> 5)).toISOString();
      return commands.markSharedDeliveryOverdue({ ...when, destinationId, sharedVersion, dueBy });
    }
    case 'RecordDelivery':
    case 'MarkDeliveryOverdue': {
      const ids = [...state.currentDestinations, 'la:E07000194', 'national-triage'];
      const destinationId = guided
        ? pick(state.currentDestinations.length > 0 ? state.currentDestinations : ids, variant)
        : pick(ids, variant);
      const routedVersion = Math.max(
        1,
        (state.routing?.routedVersion ?? 2) + (guided ? 0 : pick([0, 0, -1, 1], variant >> 3)),
      );
      if (kind === 'RecordDelivery') return commands.deliver({ ...when, destinationId, routedVersion });
      const dueBy = new Date(Date.parse(at) + pick([-3_600_000, 3_600_000], variant >> 5)).toISOString();
      return commands.markDeliveryOverdue({ ...when, destinationId, routedVersion, dueBy });
    }
    case 'StartGatewayAssessment':
      return commands.startGateway({
        ...when,
        actor: guided || variant % 5 !== 0 ? actors.police : actors.localAuthority,
      });
    case 'CompleteGatewayAssessment': {
      const outcome = pick(
        [
          'referred-to-channel',
          'referred-to-vulnerability-support-hub',
          'no-further-action',
          'signposted',
          'police-led-case-management',
        ] as const,
        variant,
      );
      return commands.completeGateway({
        ...when,
        outcome,
        deconflicted: guided || variant % 3 !== 0,
        signpostedTo: outcome === 'signposted' ? ['mash'] : [],
        actor: guided || variant % 7 !== 0 ? actors.police : actors.chair,
      });
    }
    case 'MarkGatewayAssessmentOverdue':
      return commands.markGatewayOverdue(when);
    case 'EscalateReferral':
      return commands.escalate({ ...when, actor: variant % 3 === 0 ? actors.localAuthority : actors.police });
    case 'MarkSupportReviewDue':
      return commands.markSupportReviewDue(when);
    case 'RequestMoreInformation':
      return commands.requestMoreInformation({
        ...when,
        actor: guided || variant % 4 !== 0 ? actors.police : actors.localAuthority,
      });
    case 'AnswerMoreInformation':
      return commands.answerMoreInformation({
        ...when,
        requestNumber: guided
          ? (state.moreInformation.awaitingAnswer ?? state.moreInformation.requests + 1)
          : 1 + (variant % 3),
        actor: guided || variant % 6 !== 0 ? actors.referrer : actors.police,
      });
    case 'RequestHubAssessment':
      return commands.requestHub({
        ...when,
        requestedBy: guided
          ? 'gateway-assessment'
          : pick(['gateway-assessment', 'channel-panel', 'referrer'] as const, variant),
      });
    case 'CompleteHubAssessment':
      return commands.completeHub({
        ...when,
        outcome: pick(['support-offered', 'returned-to-police', 'no-unmet-mental-health-need'] as const, variant),
      });
    case 'ScheduleChannelPanel': {
      const own = state.routing?.localAuthorityCode ?? 'E08000026';
      return commands.schedulePanel({
        ...when,
        panelDate: plusDays(day, 7),
        localAuthorityCode: guided || variant % 4 !== 0 ? own : 'E06000001',
      });
    }
    case 'RecordConsent':
      return commands.recordConsent({
        ...when,
        given: variant % 5 !== 0,
        givenBy: pick(['parent-or-guardian', 'person'] as const, variant >> 1),
      });
    case 'RecordPanelDecision':
      return variant % 4 === 0
        ? commands.decidePanel({
            ...when,
            decision: 'not-adopted',
            nextStep: pick(['no-further-action', 'signposted', 'police-led-case-management'] as const, variant >> 2),
          })
        : commands.decidePanel(when);
    case 'AgreeSupportPackage':
      return commands.agreeSupport(when);
    case 'ReviewSupport':
      return commands.reviewSupport({ ...when, riskMitigated: variant % 3 !== 0 });
    case 'RecordChannelExit':
      return commands.exitChannel({
        ...when,
        exitDate: day,
        reason:
          guided && variant % 4 !== 0
            ? 'no-further-concern'
            : pick(['no-further-concern', 'consent-withdrawn', 'escalated-to-police', 'other'] as const, variant),
      });
    case 'MarkPostExitReviewDue':
      return commands.markReviewDue({
        ...when,
        review: guided
          ? state.reviews['six-month'].status === 'not-due'
            ? 'six-month'
            : 'twelve-month'
          : pick(['six-month', 'twelve-month'] as const, variant),
      });
    case 'CompletePostExitReview': {
      const review = guided
        ? state.reviews['six-month'].status === 'due'
          ? 'six-month'
          : 'twelve-month'
        : pick(['six-month', 'twelve-month'] as const, variant);
      return commands.completeReview({ ...when, review, concernIdentified: variant % 6 === 0 });
    }
    case 'TransferReferral':
      return commands.transfer({ ...when, reason: pick(['person-moved', 'wrongly-routed'] as const, variant) });
    case 'MoveCaseWithinRegion': {
      // Mostly the region's own hub moving to another West Midlands force; sometimes another
      // region, another role, or the force that has it already (all refused).
      const current = state.routing?.policeForceCode ?? 'E23000014';
      const other = current === 'E23000015' ? 'E23000014' : 'E23000015';
      return commands.moveWithinRegion({
        ...when,
        toPoliceForce: pick([other, other, other, current], variant),
        ctpRegion: variant % 11 === 0 ? 'CTP-NW' : 'CTP-WM',
        actor:
          variant % 13 === 0
            ? actors.police
            : variant % 17 === 0
              ? { ...actors.regionalHub, organisation: 'ctp:CTP-NW' }
              : actors.regionalHub,
      });
    }
    case 'AcceptTransfer': {
      const receiving = state.routing?.destinations.find(
        (destination) => destination.kind !== 'vulnerability-support-hub',
      );
      const organisation =
        guided && receiving ? receiving.id : pick([...state.currentDestinations, 'la:E06000001'], variant);
      return commands.acceptTransfer({
        ...when,
        actor: {
          organisation,
          user: 'receiving.officer',
          role: organisation.startsWith('la:') ? 'local-authority-prevent-lead' : 'police-prevent-officer',
        },
      });
    }
    case 'ReviewPoliceCaseManagement':
      return commands.reviewCaseManagement({
        ...when,
        riskMitigated: variant % 3 !== 0,
        actor: guided || variant % 5 !== 0 ? actors.police : actors.localAuthority,
      });
    case 'MarkPoliceCaseManagementReviewDue':
      return commands.markCaseManagementReviewDue(when);
    case 'EndPoliceCaseManagement':
      return commands.endCaseManagement({
        ...when,
        reason:
          guided && variant % 3 !== 0
            ? 'no-further-concern'
            : pick(['no-further-concern', 'referred-to-channel', 'other'] as const, variant),
      });
    case 'CloseReferral': {
      const consistent = closingOutcomes(state);
      const outcome =
        guided && consistent.length > 0 && variant % 5 !== 0
          ? pick(consistent, variant)
          : pick(ClosureOutcome.options, variant);
      return commands.close({ ...when, outcome });
    }
    case 'ErasePersonalData': {
      const reason = pick(['data-subject-request', 'recorded-in-error', 'retention-period-ended'] as const, variant);
      // Mostly grounds that match the reason; now and then any grounds, which the schema refuses.
      const grounds = variant % 9 === 0 ? pick(ErasureGrounds.options, variant >> 3) : groundsForReason[reason][0];
      return commands.erase({ ...when, reason, grounds: grounds as ErasureGrounds });
    }
    case 'CorrectAge':
      return commands.correctAge({
        ...when,
        personal: {
          ...pick([{ dateOfBirth: '2007-06-15' }, { dateOfBirth: '1999-01-01' }, { approximateAge: 16 }], variant),
          reason: 'Confirmed by the school.',
        },
      });
    case 'MarkConsentDueAgain':
      return commands.markConsentDueAgain(when);
    case 'MarkRetentionReviewDue':
      return commands.markRetentionReviewDue(when);
  }
}

/** When a guided step happens: review dates and retention are waited for, other steps take the drawn time. */
export function timeOfStep(step: JourneyStep, kind: ReferralCommandType, state: ReferralState, now: number): number {
  const later = now + step.advanceMinutes * 60_000;
  if (!step.guided) return later;
  if (kind === 'MarkPostExitReviewDue' && state.channelExit) {
    const months = state.reviews['six-month'].status === 'not-due' ? 6 : 12;
    const [year, month, dayOfMonth] = state.channelExit.exitDate.split('-').map(Number) as [number, number, number];
    return Math.max(later, Date.UTC(year, month - 1 + months, dayOfMonth, 6));
  }
  if (kind === 'MarkRetentionReviewDue' && state.retention)
    return Math.max(later, Date.parse(`${state.retention.dueOn}T06:00:00Z`));
  if (kind === 'RecordPanelDecision' && state.panel.panelDate)
    return Math.max(later, Date.parse(`${state.panel.panelDate}T14:00:00Z`));
  return later;
}
