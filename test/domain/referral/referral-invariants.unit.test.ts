// Property tests: whatever commands arrive, in whatever order, the referral's invariants hold,
// every event is valid, and folding the stored events again gives the same state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../../../domain/decider.js';
import { type ReferralCommand, type ReferralState } from '../../../domain/referral/index.js';
import { type DomainEvent, type EventType, type RecordedEvent, validateEvent } from '../../../events/catalogue.js';
import {
  type JourneyStep,
  commandFor,
  guidedJourney,
  kindOfStep,
  randomJourney,
  timeOfStep,
} from './referral-journeys.js';
import { decider, happenedAt, recorded } from './referral-fixtures.js';

type Stored = RecordedEvent;

function ofType<T extends EventType>(history: Stored[], type: T): Extract<Stored, { type: T }>[] {
  return history.filter((event): event is Extract<Stored, { type: T }> => event.type === type);
}

function last<T>(items: T[]): T | undefined {
  return items[items.length - 1];
}

/** Independently of the decider: is the person 18 or over on the day of `at` (the latest age on record)? */
function adultOn(history: Stored[], at: string): boolean {
  const day = at.slice(0, 10);
  const born = (dateOfBirth: string) => `${Number(dateOfBirth.slice(0, 4)) + 18}${dateOfBirth.slice(4)}` <= day;
  const aboutAged = (approximateAge: number, statedOn: string) =>
    approximateAge >= 18 || `${Number(statedOn.slice(0, 4)) + 18 - approximateAge}${statedOn.slice(4)}` <= day;
  const corrected = last(ofType(history, 'AgeCorrected'));
  if (corrected && !('erased' in corrected.personal)) {
    const { dateOfBirth, approximateAge } = corrected.personal;
    return dateOfBirth !== undefined ? born(dateOfBirth) : aboutAged(approximateAge ?? 0, corrected.data.correctedOn);
  }
  const submitted = ofType(history, 'ReferralSubmitted')[0];
  if (!submitted || 'erased' in submitted.personal) return false;
  const { dateOfBirth, approximateAge } = submitted.personal.person;
  if (dateOfBirth !== undefined) return born(dateOfBirth);
  if (approximateAge === undefined) return false;
  return aboutAged(approximateAge, submitted.occurredAt.slice(0, 10));
}

/** The person's own latest answer: a refusal stands until they themself answer again. */
function personRefused(history: Stored[]): boolean {
  const own = last(ofType(history, 'ConsentRecorded').filter((consent) => consent.data.givenBy === 'person'));
  return own !== undefined && !own.data.given;
}

/** Consent given, and not made to be sought again since. */
function consentStands(history: Stored[]): boolean {
  const consentAt = history.findLastIndex((event) => event.type === 'ConsentRecorded');
  const dueAgainAt = history.findLastIndex((event) => event.type === 'ConsentDueAgain');
  const latest = history[consentAt] as Extract<Stored, { type: 'ConsentRecorded' }> | undefined;
  return latest !== undefined && latest.data.given && dueAgainAt < consentAt && !personRefused(history);
}

/** What must be true of an event, given the history before it. Returns the broken rule, if any. */
function brokenRule(event: DomainEvent, history: Stored[], command: ReferralCommand): string | null {
  const has = (type: EventType) => history.some((earlier) => earlier.type === type);
  // A delivery is a fact about the past: recorded whatever happened since.
  const delivery = event.type === 'ReferralDelivered' || event.type === 'SharedReferralDelivered';
  if (has('PersonalDataErased') && !delivery) return 'nothing happens after erasure but a delivery confirmed';
  const afterClosure = ['PersonalDataErased', 'ErasureDecided', 'RetentionReviewScheduled', 'RetentionReviewDue'];
  if (has('ReferralClosed') && !afterClosure.includes(event.type) && !delivery)
    return 'a closed referral accepts no new work';
  if (event.type !== 'ReferralSubmitted' && !has('ReferralSubmitted'))
    return 'nothing happens to a referral never submitted';
  if (event.type === 'ReferralSubmitted' && has('ReferralSubmitted')) return 'a referral is submitted once';
  const gateway = last(ofType(history, 'GatewayAssessmentCompleted'));
  const hub = last(ofType(history, 'HubAssessmentCompleted'));
  const lastRouting = last(ofType(history, 'ReferralRouted'));
  const transferredSinceRouting =
    history.findLastIndex((e) => e.type === 'ReferralTransferred') >
    history.findLastIndex((e) => e.type === 'ReferralRouted');
  const adopted = ofType(history, 'PanelDecisionRecorded').some((decision) => decision.data.decision === 'adopted');
  switch (event.type) {
    case 'ReferralRouted':
      if (ofType(history, 'ReferralSubmitted')[0]?.data.immediateRisk && event.data.priority !== 'urgent')
        return 'an immediate risk is routed as urgent';
      break;
    case 'ReferralDelivered': {
      // The state keeps the latest routing's destinations and everyone who ever had the case, not
      // each earlier routing's list: a confirmation of the latest routing must come from one of its
      // destinations, one of an earlier routing from an organisation routed to by then.
      const routings = ofType(history, 'ReferralRouted');
      const latest = last(routings);
      if (
        latest &&
        event.data.routedVersion === latest.version &&
        !transferredSinceRouting &&
        !latest.data.destinations.some((d) => d.id === event.data.destinationId)
      ) {
        return 'only a destination of the latest routing confirms its delivery';
      }
      const routedBy = routings.filter((routed) => routed.version <= event.data.routedVersion);
      if (!routedBy.some((routed) => routed.data.destinations.some((d) => d.id === event.data.destinationId)))
        return 'only an organisation routed to confirms delivery';
      if (
        ofType(history, 'ReferralDelivered').some(
          (d) => d.data.routedVersion === event.data.routedVersion && d.data.destinationId === event.data.destinationId,
        )
      ) {
        return 'a delivery is recorded once';
      }
      break;
    }
    case 'DeliveryOverdue':
      if (
        !lastRouting ||
        transferredSinceRouting ||
        !lastRouting.data.destinations.some((d) => d.id === event.data.destinationId)
      ) {
        return 'only a current destination is overdue';
      }
      break;
    case 'GatewayAssessmentStarted':
      if (command.actor.role !== 'police-prevent-officer') return 'the police carry out the gateway assessment';
      if (!lastRouting?.data.destinations.some((d) => d.kind === 'police-prevent-hub'))
        return 'the gateway assessment needs a police destination';
      break;
    case 'MoreInformationRequested': {
      if (command.actor.role !== 'police-prevent-officer') return 'the police ask the referrer';
      const requests = ofType(history, 'MoreInformationRequested');
      if (requests.length > ofType(history, 'ReferrerAnswered').length) return 'one question waits at a time';
      if (event.data.requestNumber !== requests.length + 1) return 'requests are numbered in order';
      break;
    }
    case 'ReferrerAnswered':
      if (command.actor.role !== 'referrer') return 'the referrer answers';
      if (last(ofType(history, 'MoreInformationRequested'))?.data.requestNumber !== event.data.requestNumber)
        return 'an answer answers the latest request';
      if (ofType(history, 'ReferrerAnswered').some((answer) => answer.data.requestNumber === event.data.requestNumber))
        return 'a request is answered once';
      break;
    case 'GatewayAssessmentCompleted':
      if (!has('GatewayAssessmentStarted') || gateway)
        return 'a gateway assessment is completed once, after it started';
      if (
        (event.data.outcome === 'referred-to-channel' ||
          event.data.outcome === 'referred-to-vulnerability-support-hub') &&
        !has('DeconflictionRecorded')
      )
        return 'no referral to Channel or the hub before deconfliction is recorded';
      if (event.data.deconflicted !== has('DeconflictionRecorded'))
        return 'the assessment says deconflicted exactly when deconfliction is recorded';
      break;
    case 'DeconflictionRecorded':
      if (has('DeconflictionRecorded')) return 'deconfliction is recorded once';
      if (command.actor.role !== 'police-prevent-officer') return 'the police deconflict';
      if (event.data.by.user !== command.actor.user || event.data.at !== command.at)
        return 'deconfliction records who did it and when';
      break;
    case 'HubAssessmentRequested':
      if (!has('DeconflictionRecorded')) return 'no hub assessment before deconfliction is recorded';
      break;
    case 'ReferralSharingDeferred':
      if (event.data.destinationIds.some((id) => !id.startsWith('la:') && !id.startsWith('vsh:')))
        return 'police hubs and national triage always receive the whole referral';
      break;
    case 'ReferralShared':
      if (!has('DeconflictionRecorded')) return 'nothing is shared before deconfliction is recorded';
      break;
    case 'ChannelPanelScheduled':
      if (
        gateway?.data.outcome !== 'referred-to-channel' &&
        hub?.data.outcome !== 'returned-to-police' &&
        last(ofType(history, 'PoliceCaseManagementEnded'))?.data.reason !== 'referred-to-channel'
      )
        return 'no panel before a referral to Channel';
      break;
    case 'ChannelWorkRecordedForCouncil':
      if (command.actor.role !== 'police-prevent-officer') return 'only the police record work for a council';
      if (lastRouting?.data.destinations.some((d) => d.kind === 'local-authority-prevent-team'))
        return 'nobody records the Channel work of a council that is on the service for it';
      break;
    case 'TransferAccepted':
      if (!lastRouting || lastRouting.data.reason !== 'transferred') return 'only a transfer routed is accepted';
      if (!lastRouting.data.destinations.some((d) => d.id === event.data.acceptedBy))
        return 'only the receiving area accepts a transfer';
      break;
    case 'ConsentRecorded': {
      const adult = adultOn(history, command.at);
      if (event.data.givenBy === 'parent-or-guardian' && adult) return "an adult's answer is their own";
      if (event.data.givenBy !== 'person' && personRefused(history))
        return "a person's refusal is not overridden by anyone else";
      if (event.data.given && event.data.givenBy === 'person' && !adult && !personRefused(history))
        return "a child's consent comes from a parent (a child may only lift their own refusal)";
      break;
    }
    case 'ConsentDueAgain':
      if (event.data.because === 'came-of-age' && !adultOn(history, command.at))
        return 'consent is sought again from the person only once they come of age';
      break;
    case 'PanelDecisionRecorded': {
      if (event.data.decision === 'adopted' && !consentStands(history)) return 'no adoption without consent';
      const panel = last(ofType(history, 'ChannelPanelScheduled'));
      if (panel && command.at.slice(0, 10) < panel.data.panelDate) return 'no decision before the panel has met';
      break;
    }
    case 'SupportPackageAgreed':
    case 'SupportReviewed':
      if (!adopted) return 'support only for an adopted case';
      if (!consentStands(history)) return 'support goes on only with consent';
      break;
    case 'RetentionReviewDue': {
      const review = last(ofType(history, 'RetentionReviewScheduled'));
      if (!has('ReferralClosed') || !review) return 'a retention review follows closure';
      if (command.at.slice(0, 10) < review.data.dueOn) return 'a retention review falls due on its day';
      break;
    }
    case 'ErasureDecided':
      if (event.data.reason === 'data-subject-request' && !has('ReferralClosed'))
        return "a data subject's request erases a closed case only";
      if (event.data.caseOpen === has('ReferralClosed')) return 'the decision says whether the case was open';
      break;
    case 'LeftChannel':
      if (!adopted) return 'only an adopted case leaves Channel';
      if (
        event.data.reason === 'no-further-concern' &&
        last(ofType(history, 'SupportReviewed'))?.data.riskMitigated !== true
      )
        return 'no further concern needs the risk mitigated';
      break;
    case 'PostExitReviewDue':
      if (!has('LeftChannel')) return 'post-exit reviews follow an exit';
      if (
        event.data.review === 'twelve-month' &&
        !ofType(history, 'PostExitReviewDue').some((due) => due.data.review === 'six-month')
      )
        return 'six months before twelve';
      break;
    case 'ReferralClosed': {
      const left = last(ofType(history, 'LeftChannel'));
      // Both reviews after the person last left Channel (a case re-discussed at panel during the
      // reviews starts them again when the person leaves again).
      const lastLeft = left ? history.indexOf(left) : -1;
      const reviewsDone =
        new Set(
          ofType(history, 'PostExitReviewCompleted')
            .filter((review) => history.indexOf(review) > lastLeft)
            .map((review) => review.data.review),
        ).size === 2;
      const ok = {
        'left-channel-no-further-concern': left?.data.reason === 'no-further-concern' && reviewsDone,
        'left-channel-other': left !== undefined && left.data.reason !== 'no-further-concern' && reviewsDone,
        'channel-not-adopted': ofType(history, 'PanelDecisionRecorded').some(
          (decision) => decision.data.decision === 'not-adopted',
        ),
        'no-further-action':
          gateway?.data.outcome === 'no-further-action' || hub?.data.outcome === 'returned-to-police',
        signposted: gateway?.data.outcome === 'signposted',
        'police-led-case-management':
          gateway?.data.outcome === 'police-led-case-management' ||
          hub?.data.outcome === 'returned-to-police' ||
          has('PoliceCaseManagementEnded'),
        'vulnerability-support-hub': hub !== undefined && hub.data.outcome !== 'returned-to-police',
        'outside-england-and-wales':
          lastRouting !== undefined && !['england-wales', 'unknown'].includes(lastRouting.data.jurisdiction),
      }[event.data.outcome];
      if (!ok) return 'the closing outcome matches what happened';
      break;
    }
    default:
      break;
  }
  return null;
}

/** What must be true of the state at any time. */
function brokenStateRule(state: ReferralState, history: Stored[]): string | null {
  const submitted = ofType(history, 'ReferralSubmitted')[0];
  if (submitted?.data.immediateRisk && state.priority !== 'urgent')
    return 'an immediate risk makes the referral urgent';
  const lastRouting = history.findLastIndex((event) => event.type === 'ReferralRouted');
  const lastTransfer = history.findLastIndex((event) => event.type === 'ReferralTransferred');
  if (lastTransfer > lastRouting && state.currentDestinations.length > 0)
    return 'a transfer takes access from the old destinations';
  // A regional hub's move between the forces of its region takes the case from the old force at
  // once; the council keeps it until the router routes the move (decision 0018).
  const lastMove = history.findLastIndex((event) => event.type === 'CaseMovedWithinRegion');
  const movedFrom =
    lastMove > lastRouting
      ? `police:${(history[lastMove] as Extract<Stored, { type: 'CaseMovedWithinRegion' }>).data.fromPoliceForce}`
      : null;
  if (lastRouting > lastTransfer) {
    const routed = history[lastRouting] as Extract<Stored, { type: 'ReferralRouted' }>;
    const expected = routed.data.destinations.map((d) => d.id).filter((id) => id !== movedFrom);
    if (JSON.stringify(state.currentDestinations) !== JSON.stringify(expected))
      return 'the destinations are the latest routing (less a force the case was moved from since)';
  }
  if (movedFrom !== null && state.currentDestinations.includes(movedFrom))
    return 'a move takes the case from the old force at once';
  if (state.erased !== history.some((event) => event.type === 'PersonalDataErased'))
    return 'erased exactly when erasure was recorded';
  if (state.erased && state.ageBasis !== null) return 'erasure removes personal data from the state';
  const { withheld } = state.sharing;
  if (withheld.some((id) => !state.currentDestinations.includes(id)))
    return 'only a current destination waits for the referral to be shared';
  const referred = ofType(history, 'GatewayAssessmentCompleted').some((g) => g.data.outcome === 'referred-to-channel');
  if (!state.closure && !state.erased && referred && withheld.some((id) => id.startsWith('la:')))
    return 'a council waits no longer once the police referred the case to Channel';
  if (
    !state.closure &&
    !state.erased &&
    state.hub.status !== 'not-requested' &&
    withheld.some((id) => id.startsWith('vsh:'))
  )
    return 'a hub waits no longer once its assessment is asked for';
  return null;
}

/** Commands whose second identical run must record nothing. */
const idempotent = new Set([
  'RecordDelivery',
  'RecordSharedDelivery',
  'MarkSharedDeliveryOverdue',
  'MarkDeliveryOverdue',
  'MarkGatewayAssessmentOverdue',
  'MarkPostExitReviewDue',
  'MarkConsentDueAgain',
  'MarkRetentionReviewDue',
]);

interface RunResult {
  history: Stored[];
  accepted: number;
  kinds: Set<string>;
}

function run(steps: JourneyStep[]): RunResult {
  let state = decider.initialState;
  let now = Date.UTC(2025, 0, 6, 9);
  const history: Stored[] = [];
  const kinds = new Set<string>();
  let accepted = 0;
  for (const step of steps) {
    const kind = kindOfStep(step, state);
    now = timeOfStep(step, kind, state, now);
    const command = commandFor(step, kind, state, new Date(now).toISOString());
    const before = JSON.stringify(state);
    const decision = decider.decide(command, state);
    expect(JSON.stringify(state), 'decide never changes the state').toBe(before);
    expect(decider.decide(command, state), 'decide is a pure function').toEqual(decision);
    if (!decision.ok) continue;
    accepted += decision.events.length > 0 ? 1 : 0;
    for (const event of decision.events) {
      expect(() => validateEvent(event), `${event.type} is a valid event`).not.toThrow();
      expect(brokenRule(event, history, command), `${command.type} -> ${event.type}`).toBeNull();
      const stored = recorded(happenedAt(command.at, event), history.length);
      history.push(stored);
      kinds.add(event.type);
      state = decider.evolve(state, stored);
    }
    expect(brokenStateRule(state, history), `after ${command.type}`).toBeNull();
    if (idempotent.has(command.type) && decision.events.length > 0) {
      expect(decider.decide(command, state), `${command.type} a second time`).toEqual({ ok: true, events: [] });
    }
  }
  expect(fold(decider, history), 'folding the stored events again gives the same state').toEqual(state);
  expect(JSON.parse(JSON.stringify(state)), 'the state is plain data').toEqual(state);
  return { history, accepted, kinds };
}

describe('referral invariants under random commands', () => {
  it('hold for any sequence of commands', () => {
    fc.assert(
      fc.property(randomJourney, (steps) => void run(steps)),
      { numRuns: 300 },
    );
  }, 30_000);

  it('hold along random journeys that follow the usual process, with random steps among them', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(guidedJourney, (steps) => {
        for (const kind of run(steps).kinds) reached.add(kind);
      }),
      { numRuns: 300 },
    );
    // The journeys must actually exercise the whole life of a referral, or the property proves little.
    expect([...reached].sort()).toEqual(
      expect.arrayContaining([
        'ReferralSubmitted',
        'ReferralRouted',
        'ChannelPanelScheduled',
        'PanelDecisionRecorded',
        'LeftChannel',
        'PostExitReviewCompleted',
        'ReferralClosed',
        'PersonalDataErased',
        'ErasureDecided',
        'RetentionReviewScheduled',
        'RetentionReviewDue',
        'ConsentDueAgainDateSet',
        'ReferralTransferred',
        'TransferAccepted',
        'HubAssessmentCompleted',
        'PoliceCaseManagementStarted',
        'PoliceCaseManagementReviewed',
        'PoliceCaseManagementEnded',
        'MoreInformationRequested',
        'ReferrerAnswered',
      ]),
    );
  }, 30_000);
});
