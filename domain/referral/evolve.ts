// evolve: the state after one more event. It reads events as the store returns them (with their
// envelope, and with personal parts that may be erased) as well as events the decider just made.
import { type DomainEvent, type RecordedEvent } from '../../events/catalogue.js';
import { isErased } from '../../events/envelope.js';
import { type Priority } from '../../events/routing.js';
import { ageBasisFromForm } from './age.js';
import { ageBasisOf, consentRecorded, consentSoughtAgain, panelScheduled } from './evolve-channel.js';
import { dateOf } from './calendar.js';
import { confirmedDeliveriesOf, deliveryKey, routedToOf } from './delivery-history.js';
import { type ReferralState, stageOf } from './state.js';

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
      return {
        ...state,
        routing: {
          routedVersion: envelope?.version ?? null,
          reason: data.reason,
          jurisdiction: data.jurisdiction,
          localAuthorityCode: data.localAuthority?.code ?? null,
          policeForceCode: data.policeForce?.code ?? null,
          destinations: data.destinations.map((destination) => ({ ...destination })),
        },
        priority: higherPriority(state.priority, data.priority),
        currentDestinations: destinations,
        formerDestinations: without([...state.formerDestinations, ...lostAccess], destinations),
        awaitingRerouting: false,
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
    case 'GatewayAssessmentCompleted':
      return {
        ...state,
        gateway: {
          ...state.gateway,
          status: 'completed',
          outcome: event.data.outcome,
          confirmedConcernType: event.data.confirmedConcernType,
        },
      };
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
        awaitingRerouting: true,
        deliveries: {},
        transfers: state.transfers + 1,
      };
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
