// evolve: the state after one more event. It reads events as the store returns them (with their
// envelope, and with personal parts that may be erased) as well as events the decider just made.
import { type DomainEvent, type RecordedEvent } from '../../events/catalogue.js';
import { isErased } from '../../events/envelope.js';
import { type Priority } from '../../events/routing.js';
import { ageBasisFromForm } from './age.js';
import { ageBasisOf, consentRecorded, consentSoughtAgain, consentToSeek, panelScheduled } from './evolve-channel.js';
import { dateOf } from './calendar.js';
import { confirmedDeliveriesOf, deliveryKey, routedToOf } from './delivery-history.js';
import { sharingKey, sharingOf } from './sharing.js';
import { type ReferralState, type SharingState, caseManagementOf, initialReferralState, stageOf } from './state.js';

/** An event the referral state can be folded from: fresh from the decider, or read from the store. */
export type ReferralEvent = DomainEvent | RecordedEvent;

interface Envelope {
  version: number;
  occurredAt: string;
}

function envelopeOf(event: ReferralEvent): Envelope | null {
  return 'version' in event && 'occurredAt' in event ? { version: event.version, occurredAt: event.occurredAt } : null;
}

function higherPriority(a: Priority | null, b: Priority): Priority {
  return a === 'urgent' || b === 'urgent' ? 'urgent' : 'standard';
}

function without(ids: string[], removed: string[]): string[] {
  return ids.filter((id) => !removed.includes(id));
}

function withSharing(state: ReferralState, change: Partial<SharingState>): ReferralState {
  return { ...state, sharing: { ...sharingOf(state), ...change } };
}

/**
 * A gateway assessment completed before deconfliction was a fact of its own counts as
 * deconflicted when it said so, or when it referred the case to Channel or the hub (those went
 * ahead under the old rules; refusing their next steps now would stall live cases).
 */
function deconflictedByEarlierCompletion(
  state: ReferralState,
  event: Extract<ReferralEvent, { type: 'GatewayAssessmentCompleted' }>,
): ReferralState {
  if (sharingOf(state).deconfliction !== null) return state;
  const { deconflicted, outcome } = event.data;
  if (!deconflicted && outcome !== 'referred-to-channel' && outcome !== 'referred-to-vulnerability-support-hub')
    return state;
  const by = 'actor' in event ? { organisation: event.actor.organisation, user: event.actor.user } : null;
  return withSharing(state, { deconfliction: { by, at: envelopeOf(event)?.occurredAt ?? null } });
}

/**
 * A new Channel panel for the case (a referral back from police-led case management): the earlier
 * panel and its support stay in the history; consent is sought again, a refusal by the person
 * standing.
 */
function newPanel(state: ReferralState): ReferralState {
  if (state.panel.status === 'not-scheduled') return state;
  return {
    ...state,
    earlierPanels: (state.earlierPanels ?? 0) + 1,
    panel: initialReferralState.panel,
    consent: consentToSeek(state),
    support: initialReferralState.support,
  };
}

function applyEvent(state: ReferralState, event: ReferralEvent): ReferralState {
  const envelope = envelopeOf(event);
  switch (event.type) {
    case 'ReferralSubmitted': {
      const { data } = event;
      const submittedAt = envelope?.occurredAt ?? null;
      const person = isErased(event.personal) ? null : event.personal.person;
      return {
        ...state,
        reference: data.reference,
        submittedAt,
        immediateRisk: data.immediateRisk,
        priority: data.immediateRisk ? 'urgent' : 'standard',
        referrerOrganisation: data.referrer.organisation,
        referrerSector: data.referrer.sector,
        ageBand: data.ageBand,
        suspectedConcernTypes: [...data.suspectedConcernTypes],
        vulnerabilitySupportHubRequested: data.vulnerabilitySupportHubRequested,
        ageBasis: person && !state.erased ? ageBasisFromForm(person, submittedAt ? dateOf(submittedAt) : null) : null,
      };
    }
    case 'ReferralRouted': {
      const { data } = event;
      const destinations = data.destinations.map((destination) => destination.id);
      const lostAccess = state.currentDestinations.filter((id) => !destinations.includes(id));
      const sharing = sharingOf(state);
      return {
        ...state,
        sharing: { ...sharing, withheld: sharing.withheld.filter((id) => destinations.includes(id)) },
        routing: {
          routedVersion: envelope?.version ?? null,
          reason: data.reason,
          jurisdiction: data.jurisdiction,
          localAuthorityCode: data.localAuthority?.code ?? null,
          policeForceCode: data.policeForce?.code ?? null,
          ctpRegionCode: data.ctpRegion?.code ?? null,
          destinations: data.destinations.map((destination) => ({ ...destination })),
        },
        ...(data.reason === 'moved-within-region' && state.regionalMove
          ? { regionalMove: { ...state.regionalMove, routed: true } }
          : {}),
        priority: higherPriority(state.priority, data.priority),
        currentDestinations: destinations,
        formerDestinations: without([...state.formerDestinations, ...lostAccess], destinations),
        awaitingRerouting: false,
        // A transferred case waits for its new area to accept it.
        transferAwaitingAcceptance: data.reason === 'transferred' || state.transferAwaitingAcceptance === true,
        deliveries: {},
        routedTo: envelope
          ? [...routedToOf(state), ...destinations.map((id) => deliveryKey(envelope.version, id))]
          : routedToOf(state),
      };
    }
    case 'ReferralDelivered': {
      const { destinationId, routedVersion } = event.data;
      const confirmed = confirmedDeliveriesOf(state);
      const key = deliveryKey(routedVersion, destinationId);
      const confirmedDeliveries = confirmed.includes(key) ? confirmed : [...confirmed, key];
      // Only a confirmation of the latest routing by a destination that has the case now counts
      // as its delivery; a late one (superseded routing, moved on since) is history alone.
      const latest = state.routing?.routedVersion ?? null;
      const current =
        state.currentDestinations.includes(destinationId) && (latest === null || latest === routedVersion);
      if (!current) return { ...state, confirmedDeliveries };
      const previous = state.deliveries[destinationId];
      const delivery = { routedVersion, delivered: true, overdue: previous?.overdue ?? false };
      return { ...state, deliveries: { ...state.deliveries, [destinationId]: delivery }, confirmedDeliveries };
    }
    case 'DeliveryOverdue': {
      const previous = state.deliveries[event.data.destinationId];
      const delivery = {
        routedVersion: event.data.routedVersion,
        delivered: previous?.delivered ?? false,
        overdue: true,
      };
      return { ...state, deliveries: { ...state.deliveries, [event.data.destinationId]: delivery } };
    }
    case 'GatewayAssessmentDeadlineSet':
      return { ...state, gateway: { ...state.gateway, dueBy: event.data.dueBy } };
    case 'GatewayAssessmentStarted':
      // The deadline set at routing stands; older streams had it typed in when the assessment started.
      return {
        ...state,
        gateway: { ...state.gateway, status: 'started', dueBy: state.gateway.dueBy ?? event.data.dueBy },
      };
    case 'ReferralEscalated':
      return { ...state, priority: 'urgent' };
    case 'MoreInformationRequested':
      return {
        ...state,
        moreInformation: {
          ...state.moreInformation,
          requests: Math.max(state.moreInformation.requests, event.data.requestNumber),
          awaitingAnswer: event.data.requestNumber,
        },
      };
    case 'ReferrerAnswered':
      return {
        ...state,
        moreInformation: {
          ...state.moreInformation,
          awaitingAnswer:
            state.moreInformation.awaitingAnswer === event.data.requestNumber
              ? null
              : state.moreInformation.awaitingAnswer,
          answers: state.moreInformation.answers + 1,
        },
      };
    case 'GatewayAssessmentCompleted':
      return {
        ...deconflictedByEarlierCompletion(state, event),
        gateway: {
          ...state.gateway,
          status: 'completed',
          outcome: event.data.outcome,
          confirmedConcernType: event.data.confirmedConcernType,
        },
      };
    case 'DeconflictionRecorded':
      return withSharing(state, { deconfliction: { by: { ...event.data.by }, at: event.data.at } });
    case 'ReferralSharingDeferred': {
      const { withheld } = sharingOf(state);
      const added = event.data.destinationIds.filter(
        (id) => state.currentDestinations.includes(id) && !withheld.includes(id),
      );
      return withSharing(state, { withheld: [...withheld, ...added] });
    }
    case 'ReferralShared': {
      const sharing = sharingOf(state);
      const { destinationIds } = event.data;
      return withSharing(state, {
        withheld: without(sharing.withheld, destinationIds),
        sharedTo: envelope
          ? [...sharing.sharedTo, ...destinationIds.map((id) => sharingKey(envelope.version, id))]
          : sharing.sharedTo,
        ...(envelope ? { sharedAt: { ...sharing.sharedAt, [String(envelope.version)]: envelope.occurredAt } } : {}),
      });
    }
    case 'SharedDeliveryOverdue': {
      const overdueShares = sharingOf(state).overdueShares ?? [];
      const key = sharingKey(event.data.sharedVersion, event.data.destinationId);
      return overdueShares.includes(key) ? state : withSharing(state, { overdueShares: [...overdueShares, key] });
    }
    case 'SharedReferralDelivered': {
      const { confirmedShares } = sharingOf(state);
      const key = sharingKey(event.data.sharedVersion, event.data.destinationId);
      return confirmedShares.includes(key) ? state : withSharing(state, { confirmedShares: [...confirmedShares, key] });
    }
    case 'GatewayAssessmentOverdue':
      return { ...state, gateway: { ...state.gateway, overdue: true } };
    case 'HubAssessmentRequested':
      return {
        ...state,
        hub: { ...state.hub, status: 'requested', requestedBy: event.data.requestedBy, outcome: null },
      };
    case 'HubAssessmentCompleted':
      return {
        ...state,
        hub: { ...state.hub, status: 'completed', outcome: event.data.outcome, assessments: state.hub.assessments + 1 },
      };
    case 'ChannelPanelScheduled':
      return panelScheduled(state, event.data);
    case 'ConsentRecorded':
      return consentRecorded(state, event.data);
    case 'AgeCorrected':
      return {
        ...state,
        ageBand: event.data.ageBand,
        ageBasis:
          isErased(event.personal) || state.erased
            ? state.ageBasis
            : ageBasisOf(event.personal, event.data.correctedOn),
      };
    case 'ConsentDueAgainDateSet':
      return {
        ...state,
        consent: {
          ...state.consent,
          dueAgainOn: isErased(event.personal) || state.erased ? null : event.personal.dueOn,
        },
      };
    case 'ConsentDueAgain':
      return { ...state, consent: consentSoughtAgain(state) };
    case 'PanelDecisionRecorded':
      return {
        ...state,
        panel: { ...state.panel, status: 'decided', decision: event.data.decision, nextStep: event.data.nextStep },
      };
    case 'SupportPackageAgreed':
      return { ...state, support: { ...state.support, status: 'agreed', providers: [...event.data.providers] } };
    case 'SupportReviewed':
      return {
        ...state,
        support: {
          ...state.support,
          reviews: state.support.reviews + 1,
          riskMitigated: event.data.riskMitigated,
          reviewDue: false,
        },
      };
    case 'SupportReviewScheduled':
      return { ...state, support: { ...state.support, nextReviewDue: event.data.dueOn, reviewDue: false } };
    case 'SupportReviewDue':
      return { ...state, support: { ...state.support, reviewDue: true } };
    case 'LeftChannel':
      return { ...state, channelExit: { reason: event.data.reason, exitDate: event.data.exitDate } };
    case 'PostExitReviewDue':
      return {
        ...state,
        reviews: {
          ...state.reviews,
          [event.data.review]: { status: 'due', dueOn: event.data.dueOn, concernIdentified: null },
        },
      };
    case 'PostExitReviewCompleted': {
      const review = state.reviews[event.data.review];
      return {
        ...state,
        reviews: {
          ...state.reviews,
          [event.data.review]: { ...review, status: 'completed', concernIdentified: event.data.concernIdentified },
        },
      };
    }
    case 'ReferralTransferred':
      return {
        ...state,
        formerDestinations: [
          ...state.formerDestinations,
          ...without(state.currentDestinations, state.formerDestinations),
        ],
        currentDestinations: [],
        sharing: { ...sharingOf(state), withheld: [] },
        awaitingRerouting: true,
        deliveries: {},
        transfers: state.transfers + 1,
        // The new area's force is decided by where the person now lives, not by an earlier move.
        regionalMove: null,
      };
    case 'CaseMovedWithinRegion': {
      // The old force loses access at once; the router routes the case to the new one.
      const from = `police:${event.data.fromPoliceForce}`;
      return {
        ...state,
        formerDestinations: state.formerDestinations.includes(from)
          ? state.formerDestinations
          : [...state.formerDestinations, from],
        currentDestinations: state.currentDestinations.filter((id) => id !== from),
        sharing: { ...sharingOf(state), withheld: sharingOf(state).withheld.filter((id) => id !== from) },
        awaitingRerouting: true,
        deliveries: {},
        regionalMove: { toPoliceForce: event.data.toPoliceForce, routed: false },
      };
    }
    case 'TransferAccepted':
      return { ...state, transferAwaitingAcceptance: false };
    case 'PoliceCaseManagementStarted':
      return {
        ...state,
        caseManagement: {
          status: 'open',
          from: event.data.from,
          ending: null,
          reviews: 0,
          riskMitigated: null,
          nextReviewDue: null,
          reviewDue: false,
        },
      };
    case 'PoliceCaseManagementReviewScheduled':
      return {
        ...state,
        caseManagement: { ...caseManagementOf(state), nextReviewDue: event.data.dueOn, reviewDue: false },
      };
    case 'PoliceCaseManagementReviewDue':
      return { ...state, caseManagement: { ...caseManagementOf(state), reviewDue: true } };
    case 'PoliceCaseManagementReviewed': {
      const management = caseManagementOf(state);
      return {
        ...state,
        caseManagement: {
          ...management,
          reviews: management.reviews + 1,
          riskMitigated: event.data.riskMitigated,
          reviewDue: false,
        },
      };
    }
    case 'PoliceCaseManagementEnded': {
      const ended = {
        ...state,
        caseManagement: {
          ...caseManagementOf(state),
          status: 'ended' as const,
          ending: event.data.reason,
          reviewDue: false,
        },
      };
      // Referred (back) to Channel: a new panel is to be held, whatever an earlier one decided.
      return event.data.reason === 'referred-to-channel' ? newPanel(ended) : ended;
    }
    case 'ReferralClosed':
      return { ...state, closure: { outcome: event.data.outcome, closedAt: envelope?.occurredAt ?? null } };
    case 'RetentionReviewScheduled':
      return { ...state, retention: { dueOn: event.data.dueOn, due: false } };
    case 'RetentionReviewDue':
      return { ...state, retention: { dueOn: event.data.dueOn, due: true } };
    case 'PersonalDataErased':
      return { ...state, erased: true, ageBasis: null, consent: { ...state.consent, dueAgainOn: null } };
    default:
      return state;
  }
}

export function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  const next = applyEvent(state, event);
  return next === state ? state : { ...next, status: stageOf(next) };
}
