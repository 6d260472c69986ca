// A referral's statistical profile: the anonymous facts the Home Office tables count it by,
// kept per referral so that a later event (a gateway outcome, a panel decision, a closure)
// moves the referral from one cell to another instead of being counted again. Built only
// from the non-personal `data` of events, so it survives erasure of the personal data.
import * as z from 'zod';
import {
  AgeBand,
  ChannelExitReason,
  ClosureOutcome,
  DestinationId,
  Gender,
  GatewayOutcome,
  Jurisdiction,
  NamedArea,
  type RecordedEvent,
  ReferralSector,
  TypeOfConcern,
} from '../../events/index.js';
import { londonDateOf } from '../triage/calendar-date.js';
import { FinancialYear, financialQuarterOf, financialYearOf } from './financial-year.js';

export const StatisticalProfile = z.strictObject({
  streamId: z.string().min(1).max(80),
  /** The last version of the referral's stream folded in: the per-stream checkpoint. */
  version: z.number().int().positive(),
  financialYear: FinancialYear,
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  sector: ReferralSector,
  ageBand: AgeBand,
  gender: Gender,
  suspectedConcernType: TypeOfConcern,
  confirmedConcernType: TypeOfConcern.nullable(),
  /** The first routing that named a police force: the force that received the referral. */
  receivingArea: z
    .strictObject({ jurisdiction: Jurisdiction, policeForce: NamedArea.nullable(), ctpRegion: NamedArea.nullable() })
    .nullable(),
  gatewayOutcome: GatewayOutcome.nullable(),
  panelDecision: z.enum(['adopted', 'not-adopted']).nullable(),
  everAdopted: z.boolean(),
  channelExit: ChannelExitReason.nullable(),
  closure: ClosureOutcome.nullable(),
  /**
   * The organisations the referral is routed to now (none between a transfer and its new
   * routing): whose own, unsuppressed figures it counts in. Profiles stored before it was kept
   * read as routed nowhere until the statistics projection is rebuilt.
   */
  destinations: z.array(DestinationId).max(10).default([]),
  /**
   * Erased as recorded in error (`PersonalDataErased` with reason `recorded-in-error`): removed from
   * every table. Profiles stored before it was kept read as not in error.
   */
  recordedInError: z.boolean().default(false),
});
export type StatisticalProfile = z.infer<typeof StatisticalProfile>;

/** The outcome a referral is counted under: its closure outcome, or for an open one where it stands. */
export const ReferralOutcome = z.enum([
  ...ClosureOutcome.options,
  'awaiting-gateway-assessment',
  'referred-to-channel-awaiting-decision',
  'adopted-support-ongoing',
]);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

/** Starts a profile from the submission (version 1 of the referral's stream). */
export function startProfile(event: RecordedEvent<'ReferralSubmitted'>): StatisticalProfile {
  const submittedOn = londonDateOf(event.occurredAt);
  const { data } = event;
  return {
    streamId: event.streamId,
    version: event.version,
    financialYear: financialYearOf(submittedOn),
    quarter: financialQuarterOf(submittedOn),
    sector: data.referrer.sector,
    ageBand: data.ageBand,
    gender: data.gender,
    suspectedConcernType: data.suspectedConcernTypes[0] as TypeOfConcern,
    confirmedConcernType: null,
    receivingArea: null,
    gatewayOutcome: null,
    panelDecision: null,
    everAdopted: false,
    channelExit: null,
    closure: null,
    destinations: [],
    recordedInError: false,
  };
}

/** The profile after one more event of its stream (the checkpoint moves on even when nothing counted changes). */
export function evolveProfile(profile: StatisticalProfile, event: RecordedEvent): StatisticalProfile {
  const next = { ...profile, version: event.version };
  switch (event.type) {
    case 'ReferralRouted': {
      const { jurisdiction, policeForce, ctpRegion } = event.data;
      const routed = { ...next, destinations: event.data.destinations.map((destination) => destination.id) };
      if (profile.receivingArea?.policeForce) return routed;
      return { ...routed, receivingArea: { jurisdiction, policeForce, ctpRegion } };
    }
    case 'ReferralTransferred':
      return { ...next, destinations: [] };
    // A regional hub's move (decision 0018): the old force's own figures lose it at once; the
    // routing that follows gives it to the new force. The receiving area stays where it was first routed.
    case 'CaseMovedWithinRegion': {
      const from = `police:${event.data.fromPoliceForce}`;
      return { ...next, destinations: profile.destinations.filter((id) => id !== from) };
    }
    case 'GatewayAssessmentCompleted':
      return { ...next, gatewayOutcome: event.data.outcome, confirmedConcernType: event.data.confirmedConcernType };
    case 'PanelDecisionRecorded':
      return {
        ...next,
        panelDecision: event.data.decision,
        everAdopted: profile.everAdopted || event.data.decision === 'adopted',
      };
    case 'LeftChannel':
      return { ...next, channelExit: event.data.reason };
    case 'ReferralClosed':
      return { ...next, closure: event.data.outcome };
    case 'PersonalDataErased':
      return event.data.reason === 'recorded-in-error' ? { ...next, recordedInError: true } : next;
    case 'AgeCorrected':
      // The corrected age band on the day of the referral (anonymous, like the submission's).
      return { ...next, ageBand: event.data.ageBand };
    default:
      return next;
  }
}

/** Shown for a referral whose gateway assessment has not confirmed a type of concern yet. */
export const NOT_YET_ASSESSED = 'not-yet-assessed';

/**
 * The type of concern as assessed: the type the police gateway assessment confirmed (the latest
 * one), never the boxes the referrer ticked, whose order would otherwise change the count
 * (docs/statistics-release.md, rule 4). Until the assessment, "not yet assessed".
 */
export function typeOfConcernOf(profile: StatisticalProfile): TypeOfConcern | typeof NOT_YET_ASSESSED {
  return profile.confirmedConcernType ?? NOT_YET_ASSESSED;
}

/**
 * Whether the referral counts in the statistics at all (docs/statistics-release.md, rules 2 and 3):
 * received by a police force in England and Wales (referrals from outside England and Wales, held
 * for national triage, or not routed yet are not counted), and not erased as recorded in error.
 */
export function countedInStatistics(profile: StatisticalProfile): boolean {
  return (
    !profile.recordedInError &&
    profile.receivingArea !== null &&
    profile.receivingArea.jurisdiction === 'england-wales' &&
    profile.receivingArea.policeForce !== null
  );
}

export function discussedAtPanel(profile: StatisticalProfile): boolean {
  return profile.panelDecision !== null;
}

export function leftWithNoFurtherConcern(profile: StatisticalProfile): boolean {
  return profile.channelExit === 'no-further-concern';
}

const gatewayOutcomeToReferralOutcome: Record<GatewayOutcome, ReferralOutcome> = {
  'no-further-action': 'no-further-action',
  signposted: 'signposted',
  'police-led-case-management': 'police-led-case-management',
  'referred-to-channel': 'referred-to-channel-awaiting-decision',
  'referred-to-vulnerability-support-hub': 'vulnerability-support-hub',
};

export function outcomeOf(profile: StatisticalProfile): ReferralOutcome {
  if (profile.closure) return profile.closure;
  if (profile.channelExit)
    return profile.channelExit === 'no-further-concern' ? 'left-channel-no-further-concern' : 'left-channel-other';
  if (profile.panelDecision)
    return profile.panelDecision === 'adopted' ? 'adopted-support-ongoing' : 'channel-not-adopted';
  if (profile.gatewayOutcome) return gatewayOutcomeToReferralOutcome[profile.gatewayOutcome];
  if (
    profile.receivingArea &&
    profile.receivingArea.jurisdiction !== 'england-wales' &&
    profile.receivingArea.jurisdiction !== 'unknown'
  )
    return 'outside-england-and-wales';
  return 'awaiting-gateway-assessment';
}
