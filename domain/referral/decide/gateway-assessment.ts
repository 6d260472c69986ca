// The police gateway assessment: due from the moment of routing, started, completed, or overdue.
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { gatewayDueBy } from '../deadlines.js';
import { settled } from '../delivery-history.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { deconflicted } from '../sharing.js';
import { type ReferralDecision, accept, nothingToRecord, payloadOf, reject } from './decision.js';
import { deconflictionBy } from './sharing.js';
import { caseManagementStarts } from './case-management.js';

/**
 * The police make the gateway assessment; where a CTP region's referrals are assessed by its
 * regional Prevent hub (decision 0018), the hub is a destination of the case and its officers
 * make it too. A regional hub that is not a destination of this case (its region assessed by the
 * forces, or the case routed before the setting changed) may not.
 */
export function byGatewayAssessor(
  command: { actor: { role: string; organisation: string } },
  state: ReferralState,
): boolean {
  if (command.actor.role === 'police-prevent-officer') return true;
  return (
    command.actor.role === 'regional-prevent-hub-officer' &&
    state.currentDestinations.includes(command.actor.organisation) &&
    (state.routing?.destinations.some(
      (destination) => destination.id === command.actor.organisation && destination.kind === 'regional-prevent-hub',
    ) ??
      false)
  );
}

export function routedToPolice(state: ReferralState): boolean {
  return state.routing?.destinations.some((destination) => destination.kind === 'police-prevent-hub') ?? false;
}

export function decideGatewayStart(
  command: CommandOf<'StartGatewayAssessment'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (!byGatewayAssessor(command, state)) return reject('police-only');
  if (!routedToPolice(state)) return reject('not-routed-to-police');
  if (state.gateway.status === 'started') return reject('gateway-already-started');
  if (state.gateway.status === 'completed') return reject('gateway-already-completed');
  // A referral routed before deadlines were set at routing is due from its submission.
  const dueBy =
    state.gateway.dueBy ??
    gatewayDueBy(
      state.submittedAt ?? command.at,
      state.priority ?? 'standard',
      state.routing?.localAuthorityCode,
      policy,
    );
  return accept({ type: 'GatewayAssessmentStarted', data: { dueBy } });
}

export function decideGatewayCompletion(
  command: CommandOf<'CompleteGatewayAssessment'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (!byGatewayAssessor(command, state)) return reject('police-only');
  if (state.gateway.status === 'not-started') return reject('gateway-not-started');
  if (state.gateway.status === 'completed') return reject('gateway-already-completed');
  const recorded = deconflicted(state);
  // The assessment says whether the referral was deconflicted; it cannot unsay a recorded fact.
  if (recorded && !command.deconflicted)
    return reject('deconfliction-already-recorded', 'Answer yes to deconfliction.');
  if (!recorded && !command.deconflicted && involvesOthers(command.outcome))
    return reject('deconfliction-not-recorded', 'A referral goes to Channel or the hub only once it is deconflicted.');
  const completed = { type: 'GatewayAssessmentCompleted' as const, ...payloadOf(command) };
  // Completing the assessment as deconflicted records the fact, by this officer, now.
  const deconfliction = recorded || !command.deconflicted ? [] : [deconflictionBy(command)];
  // Police-led Prevent Case Management is a route of its own, with reviews from today.
  const caseManagement =
    command.outcome === 'police-led-case-management'
      ? caseManagementStarts('gateway-assessment', command.at, state, policy)
      : [];
  return accept(...deconfliction, completed, ...caseManagement);
}

/** Outcomes that hand the case to others: Channel (the council) and the Vulnerability Support Hub. */
function involvesOthers(outcome: CommandOf<'CompleteGatewayAssessment'>['outcome']): boolean {
  return outcome === 'referred-to-channel' || outcome === 'referred-to-vulnerability-support-hub';
}

/** The deadline runs from routing, whether or not anyone has started the assessment. */
export function decideGatewayOverdue(
  command: CommandOf<'MarkGatewayAssessmentOverdue'>,
  state: ReferralState,
): ReferralDecision {
  const { status, dueBy, overdue } = state.gateway;
  // A fact about the past, but a closed or erased case has no assessment left to chase.
  if (settled(state)) return nothingToRecord();
  if (status === 'completed' || overdue) return nothingToRecord();
  if (dueBy === null) return reject('gateway-not-started', 'No deadline has been set for it.');
  if (dateOf(command.at) <= dueBy) return reject('not-yet-due');
  return accept({ type: 'GatewayAssessmentOverdue', data: { dueBy } });
}
