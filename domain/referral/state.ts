// What the decider knows about one referral: a plain, serialisable object folded from its events.
// It holds what the process order, the API's authorisation and the projections need; the stream
// version is the store's business and is not kept here.
import { type AgeBand, type TypeOfConcern } from '../../events/reference-data.js';
import { type Priority, type Jurisdiction, type RoutedDestination } from '../../events/routing.js';
import { type z } from 'zod';
import {
  type GatewayOutcome,
  type HubAssessmentOutcome as HubAssessmentOutcomeSchema,
} from '../../events/assessment.js';
import {
  type ChannelExitReason,
  type ConsentGivenBy,
  type NotAdoptedNextStep as NotAdoptedNextStepSchema,
  type PanelDecision as PanelDecisionSchema,
} from '../../events/channel.js';
import { type PostExitReview } from '../../events/post-exit.js';
import { type ClosureOutcome } from '../../events/lifecycle.js';
import { type CaseManagementCause, type CaseManagementEnding } from '../../events/case-management.js';
import { type AgeBasis } from './age.js';

type HubAssessmentOutcome = z.infer<typeof HubAssessmentOutcomeSchema>;
type PanelDecision = z.infer<typeof PanelDecisionSchema>;
type NotAdoptedNextStep = z.infer<typeof NotAdoptedNextStepSchema>;

export type ReferralStatus =
  | 'not-submitted'
  | 'submitted'
  | 'routed'
  | 'gateway-assessment'
  | 'hub-assessment'
  | 'police-case-management'
  | 'channel'
  | 'supported'
  | 'post-exit'
  | 'closed';

export interface RoutingState {
  /** Stream version of the latest ReferralRouted, when the state was folded from stored events. */
  routedVersion: number | null;
  reason: 'submitted' | 'transferred' | 'hub-assessment-requested' | 'moved-within-region';
  jurisdiction: Jurisdiction;
  localAuthorityCode: string | null;
  policeForceCode: string | null;
  /** The CTP region of the police force routed to (decision 0018); older states lack it. */
  ctpRegionCode?: string | null;
  destinations: RoutedDestination[];
}

/**
 * A regional Prevent hub moved the case to another police force of its region (decision 0018):
 * the force it is to go to, kept until a transfer to another area, so that every later routing of
 * the case (a hub assessment request) goes to that force; `routed` once the move was routed.
 */
export interface RegionalMoveState {
  toPoliceForce: string;
  routed: boolean;
}

export interface DeliveryState {
  routedVersion: number;
  delivered: boolean;
  overdue: boolean;
}

export interface GatewayState {
  status: 'not-started' | 'started' | 'completed';
  dueBy: string | null;
  overdue: boolean;
  outcome: GatewayOutcome | null;
  confirmedConcernType: TypeOfConcern | null;
}

export interface HubState {
  status: 'not-requested' | 'requested' | 'completed';
  requestedBy: 'gateway-assessment' | 'channel-panel' | 'referrer' | null;
  outcome: HubAssessmentOutcome | null;
  assessments: number;
}

export interface PanelState {
  status: 'not-scheduled' | 'scheduled' | 'decided';
  panelDate: string | null;
  localAuthorityCode: string | null;
  decision: PanelDecision | null;
  nextStep: NotAdoptedNextStep | null;
}

export type ConsentAnswer = 'given' | 'refused';

export interface ConsentState {
  /** The latest answer recorded, and whose it was. */
  status: 'not-recorded' | 'given' | 'refused';
  givenBy: ConsentGivenBy | null;
  /** The latest answer of the person themself, and of a parent or guardian (read through `consentAnswers`). */
  person: ConsentAnswer | null;
  parentOrGuardian: ConsentAnswer | null;
  /** Consent must be sought again: the person came of age, or their age was corrected. */
  dueAgain: boolean;
  /**
   * The day a parent's or guardian's consent stops counting (the person reaches the consent age).
   * Derived from the date of birth: personal, cleared by erasure; it drives the timer.
   */
  dueAgainOn: string | null;
}

export interface RetentionState {
  /** The day the closed case's record is to be reviewed (closure + the policy's retention years). */
  dueOn: string;
  due: boolean;
}

export interface SupportState {
  status: 'not-agreed' | 'agreed';
  providers: string[];
  reviews: number;
  /** What the latest review found; null before the first review. */
  riskMitigated: boolean | null;
  /** When the next review is due, set by the policy when the package is agreed and at each review. */
  nextReviewDue: string | null;
  /** The next review's date has passed and it has not been held yet. */
  reviewDue: boolean;
}

/** Police-led Prevent Case Management: open with its own reviews, then ended (or referred to Channel). */
export interface CaseManagementState {
  status: 'none' | 'open' | 'ended';
  from: CaseManagementCause | null;
  ending: CaseManagementEnding | null;
  reviews: number;
  /** What the latest review found; null before the first review. */
  riskMitigated: boolean | null;
  nextReviewDue: string | null;
  reviewDue: boolean;
}

export interface ChannelExitState {
  reason: ChannelExitReason;
  exitDate: string;
}

export interface PostExitReviewState {
  status: 'not-due' | 'due' | 'completed';
  dueOn: string | null;
  concernIdentified: boolean | null;
}

export interface DeconflictionState {
  /** Who recorded it; null for a gateway assessment completed before deconfliction was its own fact. */
  by: { organisation: string; user: string } | null;
  at: string | null;
}

export interface SharingState {
  /** Deconfliction against live investigations, once the police recorded it. */
  deconfliction: DeconflictionState | null;
  /** Current destinations told only that the referral exists: they see the existence facts, nothing more. */
  withheld: string[];
  /** Every share, as `<shared version>:<destination id>`, when folded from stored events. */
  sharedTo: string[];
  /** Every confirmed delivery of a share, as `<shared version>:<destination id>`. */
  confirmedShares: string[];
  /** When each share was recorded, by its version: its delivery deadline counts from then (absent in states folded before). */
  sharedAt?: Record<string, string>;
  /** Every share whose delivery deadline passed unconfirmed, as `<shared version>:<destination id>`. */
  overdueShares?: string[];
}

export interface MoreInformationState {
  /** How many times the police asked the referrer for more information. */
  requests: number;
  /** The number of the request waiting for the referrer's answer; null when none is. */
  awaitingAnswer: number | null;
  /** How many requests the referrer answered. */
  answers: number;
}

export interface ReferralState {
  status: ReferralStatus;
  erased: boolean;
  reference: string | null;
  /** When it was submitted, when the state was folded from stored events. */
  submittedAt: string | null;
  priority: Priority | null;
  immediateRisk: boolean;
  referrerOrganisation: string | null;
  referrerSector: string | null;
  ageBand: AgeBand | null;
  suspectedConcernTypes: TypeOfConcern[];
  vulnerabilitySupportHubRequested: boolean;
  /** Personal: what the person's age is worked out from. Null once erased, or if never known. */
  ageBasis: AgeBasis | null;
  routing: RoutingState | null;
  /** Ids of the organisations that may see the referral now; empty while it waits for re-routing. */
  currentDestinations: string[];
  /** Ids of organisations that had the referral once and lost access when it moved. */
  formerDestinations: string[];
  awaitingRerouting: boolean;
  /** Delivery of the latest routing, by destination id. */
  deliveries: Record<string, DeliveryState>;
  /**
   * Every confirmation of delivery ever recorded, as `<routed version>:<destination id>`: of the
   * latest routing, of routings since superseded, to destinations since moved on from. A delivery
   * is a fact about the past, recorded once whatever the case's state.
   */
  confirmedDeliveries: string[];
  /**
   * Every destination of every routing, as `<routed version>:<destination id>`, when the state was
   * folded from stored events (the versions come from the store): what a confirmation may confirm.
   */
  routedTo: string[];
  gateway: GatewayState;
  /** What each destination has received (decision 0016, part 1); read it through `sharingOf`. */
  sharing: SharingState;
  hub: HubState;
  panel: PanelState;
  consent: ConsentState;
  support: SupportState;
  channelExit: ChannelExitState | null;
  reviews: Record<PostExitReview, PostExitReviewState>;
  transfers: number;
  /** The police's requests to the referrer for more information, and the answers. */
  moreInformation: MoreInformationState;
  /** Routed to its new area after a transfer, and not yet accepted there: nobody does casework until it is. */
  transferAwaitingAcceptance: boolean;
  /** Channel panels held for the case before the current one (in an area it left, or before police-led case management). */
  earlierPanels: number;
  caseManagement: CaseManagementState;
  closure: { outcome: ClosureOutcome; closedAt: string | null } | null;
  /** The retention review scheduled at closure (read through `retentionOf`: older states lack it). */
  retention: RetentionState | null;
  /** The latest move between the police forces of a region (read through `regionalMoveOf`: older states lack it). */
  regionalMove?: RegionalMoveState | null;
}

export function regionalMoveOf(state: ReferralState): RegionalMoveState | null {
  return state.regionalMove ?? null;
}

/**
 * The CTP regions whose police forces hold the case now (what a regional hub's access follows).
 * While a move between the region's forces waits for the router, the region still holds it: the
 * regional hub that moved it keeps sight of it, the old force does not.
 */
export function regionsHolding(state: ReferralState): string[] {
  const routing = state.routing;
  if (!routing?.ctpRegionCode || routing.policeForceCode === null) return [];
  const move = regionalMoveOf(state);
  if (move && !move.routed && state.awaitingRerouting) return [routing.ctpRegionCode];
  const force = routing.destinations.find(
    (destination) => destination.kind === 'police-prevent-hub' && state.currentDestinations.includes(destination.id),
  );
  return force ? [routing.ctpRegionCode] : [];
}

export const noCaseManagement: CaseManagementState = {
  status: 'none',
  from: null,
  ending: null,
  reviews: 0,
  riskMitigated: null,
  nextReviewDue: null,
  reviewDue: false,
};

const reviewNotDue: PostExitReviewState = { status: 'not-due', dueOn: null, concernIdentified: null };

export const initialReferralState: ReferralState = {
  status: 'not-submitted',
  erased: false,
  reference: null,
  submittedAt: null,
  priority: null,
  immediateRisk: false,
  referrerOrganisation: null,
  referrerSector: null,
  ageBand: null,
  suspectedConcernTypes: [],
  vulnerabilitySupportHubRequested: false,
  ageBasis: null,
  routing: null,
  currentDestinations: [],
  formerDestinations: [],
  awaitingRerouting: false,
  deliveries: {},
  confirmedDeliveries: [],
  routedTo: [],
  gateway: { status: 'not-started', dueBy: null, overdue: false, outcome: null, confirmedConcernType: null },
  sharing: { deconfliction: null, withheld: [], sharedTo: [], confirmedShares: [] },
  hub: { status: 'not-requested', requestedBy: null, outcome: null, assessments: 0 },
  panel: { status: 'not-scheduled', panelDate: null, localAuthorityCode: null, decision: null, nextStep: null },
  consent: {
    status: 'not-recorded',
    givenBy: null,
    person: null,
    parentOrGuardian: null,
    dueAgain: false,
    dueAgainOn: null,
  },
  support: {
    status: 'not-agreed',
    providers: [],
    reviews: 0,
    riskMitigated: null,
    nextReviewDue: null,
    reviewDue: false,
  },
  channelExit: null,
  reviews: { 'six-month': reviewNotDue, 'twelve-month': reviewNotDue },
  transfers: 0,
  moreInformation: { requests: 0, awaitingAnswer: null, answers: 0 },
  transferAwaitingAcceptance: false,
  earlierPanels: 0,
  caseManagement: noCaseManagement,
  closure: null,
  retention: null,
};

/** Police-led case management; none in states stored before it was kept. */
export function caseManagementOf(state: ReferralState): CaseManagementState {
  return (state as Partial<ReferralState>).caseManagement ?? noCaseManagement;
}

/** Whether a transferred case waits for its new area to accept it (false in states stored before this was kept). */
export function awaitingAcceptance(state: ReferralState): boolean {
  return (state as Partial<ReferralState>).transferAwaitingAcceptance === true;
}

/** The retention review of a closed case; states folded before it was kept have none. */
export function retentionOf(state: ReferralState): RetentionState | null {
  return (state as Partial<ReferralState>).retention ?? null;
}

/** The stage a referral is at, read from the parts of its state (latest stage wins). */
export function stageOf(state: ReferralState): ReferralStatus {
  if (state.closure) return 'closed';
  if (state.channelExit) return 'post-exit';
  if (state.support.status === 'agreed') return 'supported';
  if (state.panel.status !== 'not-scheduled' && caseManagementOf(state).status !== 'open') return 'channel';
  if (caseManagementOf(state).status === 'open') return 'police-case-management';
  if (state.hub.status !== 'not-requested') return 'hub-assessment';
  if (state.gateway.status !== 'not-started') return 'gateway-assessment';
  if (state.routing) return 'routed';
  if (state.reference !== null) return 'submitted';
  return 'not-submitted';
}
