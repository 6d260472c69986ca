// Where a referral sits in the triage queues: one item per current destination, with the step
// it waits for, who holds that step and when it is due. Derived from the case record alone, so
// a rebuild places every referral exactly where the live projection did.
import { type DestinationKind, type TypeOfConcern } from '../../events/index.js';
import {
  type TriagePolicy,
  calendarForLocalAuthority,
  dueDateOf,
  postExitReviewDates,
} from '../../domain/triage/index.js';
import { type CaseView } from '../read-models/case-view.js';
import { type AwaitedStep, type TriageItem, type WaitingMark } from '../read-models/triage-item.js';
import { type CaseRecord } from './case-record.js';
import { awaitingAcceptance, caseManagementOf } from '../../domain/referral/index.js';
import { type ReferralState } from '../../domain/referral/state.js';
import { awaitsSharing } from '../../domain/referral/sharing.js';

interface NextStep {
  awaiting: AwaitedStep;
  holderKind: DestinationKind | null;
  dueOn: string | null;
}

function holderOf(record: CaseRecord, kind: DestinationKind | null): string | null {
  if (kind === null) return null;
  const destinations = record.state.routing?.destinations ?? [];
  const holder = destinations.find(
    (destination) => destination.kind === kind && record.state.currentDestinations.includes(destination.id),
  );
  if (holder) return holder.id;
  // A council not on the service: the police Prevent hub of the case records its Channel work.
  if (kind === 'local-authority-prevent-team') {
    const police = destinations.find((destination) => destination.kind === 'police-prevent-hub');
    if (police && record.state.currentDestinations.includes(police.id)) return police.id;
  }
  // A referral routed only to national triage is held there whatever the step.
  return destinations.find((destination) => destination.kind === 'national-triage')?.id ?? null;
}

/** The step a referral waits for next, the kind of organisation that holds it, and its due date. */
export function nextStepOf(record: CaseRecord, policy: TriagePolicy): NextStep {
  const { state } = record;
  const priority = state.priority ?? 'standard';
  const context = { policy, calendar: calendarForLocalAuthority(state.routing?.localAuthorityCode) };
  if (state.awaitingRerouting) return { awaiting: 'rerouting', holderKind: null, dueOn: null };
  if (awaitingAcceptance(state))
    return { awaiting: 'transfer-acceptance', holderKind: 'police-prevent-hub', dueOn: null };
  if (state.channelExit) {
    const scheduled = postExitReviewDates(state.channelExit.exitDate, context);
    const open = scheduled.find(({ review }) => state.reviews[review].status !== 'completed');
    if (!open) return { awaiting: 'closure', holderKind: 'local-authority-prevent-team', dueOn: null };
    return {
      awaiting: 'post-exit-review',
      holderKind: 'local-authority-prevent-team',
      dueOn: state.reviews[open.review].dueOn ?? open.dueOn,
    };
  }
  const management = caseManagementOf(state);
  if (management.status === 'open')
    return { awaiting: 'case-management-review', holderKind: 'police-prevent-hub', dueOn: management.nextReviewDue };
  if (state.support.status === 'agreed')
    return {
      awaiting: 'support',
      holderKind: 'local-authority-prevent-team',
      dueOn: state.support.nextReviewDue ?? null,
    };
  if (state.panel.status === 'decided')
    return { awaiting: 'closure', holderKind: 'local-authority-prevent-team', dueOn: null };
  if (state.panel.status === 'scheduled')
    return { awaiting: 'channel-panel', holderKind: 'local-authority-prevent-team', dueOn: state.panel.panelDate };
  if (state.hub.status === 'requested') {
    return {
      awaiting: 'hub-assessment',
      holderKind: 'vulnerability-support-hub',
      dueOn: dueDateOf('hub-assessment', record.hubRequestedAt ?? record.submittedAt, priority, context),
    };
  }
  if (state.gateway.status === 'completed') {
    switch (state.gateway.outcome) {
      case 'referred-to-channel':
        return {
          awaiting: 'channel-panel',
          holderKind: 'local-authority-prevent-team',
          dueOn: dueDateOf('channel-panel', record.referredToChannelAt ?? record.submittedAt, priority, context),
        };
      case 'referred-to-vulnerability-support-hub':
        return {
          awaiting: state.hub.status === 'completed' ? 'closure' : 'hub-assessment',
          holderKind: 'police-prevent-hub',
          dueOn: null,
        };
      default:
        return { awaiting: 'closure', holderKind: 'police-prevent-hub', dueOn: null };
    }
  }
  const dueOn = state.gateway.dueBy ?? dueDateOf('gateway-assessment', record.submittedAt, priority, context);
  return { awaiting: 'gateway-assessment', holderKind: 'police-prevent-hub', dueOn };
}

function isOverdue(record: CaseRecord): boolean {
  const { state } = record;
  return (
    state.gateway.overdue ||
    state.currentDestinations.some(
      (id) => state.deliveries[id]?.overdue === true && state.deliveries[id]?.delivered !== true,
    )
  );
}

/** The row's waiting marks in one destination's queue: its own wait for the share, the referrer's answer. */
function waitingMarks(state: ReferralState, destinationId: string): WaitingMark[] {
  const marks: WaitingMark[] = [];
  if (awaitsSharing(state, destinationId)) marks.push('police-to-share');
  // Case records kept before the referrer could be asked have no such part.
  if (((state as Partial<ReferralState>).moreInformation?.awaitingAnswer ?? null) !== null)
    marks.push('referrer-answer');
  return marks;
}

/** The items of the referral in each current destination's queue; none once it is closed or erased. */
export function triageItemsOf(record: CaseRecord, policy: TriagePolicy): TriageItem[] {
  const { state } = record;
  if (state.closure !== null || state.erased || state.reference === null || state.routing === null) return [];
  const step = nextStepOf(record, policy);
  const heldBy = holderOf(record, step.holderKind);
  const typeOfConcern = (state.gateway.confirmedConcernType ?? state.suspectedConcernTypes[0]) as TypeOfConcern;
  return state.routing.destinations
    .filter((destination) => state.currentDestinations.includes(destination.id))
    .map((destination) => ({
      streamId: record.streamId,
      reference: state.reference as string,
      destinationId: destination.id,
      destinationKind: destination.kind,
      status: state.status,
      priority: state.priority ?? 'standard',
      typeOfConcern,
      typeOfConcernConfirmed: state.gateway.confirmedConcernType !== null,
      localAuthority: record.localAuthority,
      policeForce: record.policeForce,
      heldBy,
      awaiting: step.awaiting,
      dueOn: step.dueOn,
      overdue: isOverdue(record),
      submittedAt: record.submittedAt,
      version: record.checkpoint,
      waiting: waitingMarks(state, destination.id),
    }));
}

export function caseViewOf(record: CaseRecord): CaseView {
  const { state } = record;
  return {
    streamId: record.streamId,
    reference: state.reference ?? '',
    status: state.status,
    priority: state.priority,
    currentDestinations: [...state.currentDestinations],
    destinations: state.awaitingRerouting
      ? []
      : (state.routing?.destinations ?? []).map((destination) => ({ ...destination })),
    formerDestinations: [...state.formerDestinations],
    submittedBy: record.submittedBy,
    submittedAt: record.submittedAt,
    localAuthority: record.localAuthority,
    policeForce: record.policeForce,
    awaitingRerouting: state.awaitingRerouting,
    version: record.checkpoint,
    erased: state.erased,
  };
}
