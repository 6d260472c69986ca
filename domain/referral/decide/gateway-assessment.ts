// The police gateway assessment: started, completed, or overdue.
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { settled } from '../delivery-history.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, dataOf, nothingToRecord, payloadOf, reject } from './decision.js';

type GatewayCommand = CommandOf<'StartGatewayAssessment'> | CommandOf<'CompleteGatewayAssessment'>;

function byPolice(command: GatewayCommand): boolean {
  return command.actor.role === 'police-prevent-officer';
}

export function decideGatewayStart(
  command: CommandOf<'StartGatewayAssessment'>,
  state: ReferralState,
): ReferralDecision {
  if (!byPolice(command)) return reject('police-only');
  if (!state.routing?.destinations.some((destination) => destination.kind === 'police-prevent-hub'))
    return reject('not-routed-to-police');
  if (state.gateway.status === 'started') return reject('gateway-already-started');
  if (state.gateway.status === 'completed') return reject('gateway-already-completed');
  return accept({ type: 'GatewayAssessmentStarted', ...dataOf(command) });
}

export function decideGatewayCompletion(
  command: CommandOf<'CompleteGatewayAssessment'>,
  state: ReferralState,
): ReferralDecision {
  if (!byPolice(command)) return reject('police-only');
  if (state.gateway.status === 'not-started') return reject('gateway-not-started');
  if (state.gateway.status === 'completed') return reject('gateway-already-completed');
  return accept({ type: 'GatewayAssessmentCompleted', ...payloadOf(command) });
}

export function decideGatewayOverdue(
  command: CommandOf<'MarkGatewayAssessmentOverdue'>,
  state: ReferralState,
): ReferralDecision {
  const { status, dueBy, overdue } = state.gateway;
  // A fact about the past, but a closed or erased case has no assessment left to chase.
  if (settled(state)) return nothingToRecord();
  if (status === 'not-started' || dueBy === null) return reject('gateway-not-started');
  if (status === 'completed' || overdue) return nothingToRecord();
  if (dateOf(command.at) <= dueBy) return reject('not-yet-due');
  return accept({ type: 'GatewayAssessmentOverdue', data: { dueBy } });
}
