// Facts about the past: a destination's confirmation that it received a routing, a delivery or
// gateway deadline that has passed, a post-exit review that fell due, a routing the router
// already made. Whatever happened to the referral since (closed, erased, transferred, routed
// again), recording such a fact is never refused: a refusal would be retried and dead-lettered,
// and would raise the undelivered alarm for a referral that was delivered. A delivery is
// recorded in every state (it happened); a deadline or a review of a closed or erased case has
// nothing left to act on and records nothing; a routing already made records nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ReferralCommand, type ReferralState } from '../../../domain/referral/index.js';
import { type DomainEvent, type RecordedEvent } from '../../../events/catalogue.js';
import { actors, commands, decider, events, happenedAt, histories, recorded, spec } from './referral-fixtures.js';
import { commandFor, guidedJourney, kindOfStep, randomJourney, timeOfStep } from './referral-journeys.js';

const noFurtherAction = [
  ...histories.gatewayStarted,
  events.gatewayCompleted({ data: { outcome: 'no-further-action' } }),
];
const closedNoFurtherAction = [
  ...noFurtherAction,
  happenedAt('2025-01-10T10:00:00Z', events.closed({ data: { outcome: 'no-further-action' } })),
];
const transferred = [...histories.routed, events.transferred()];
const staffordshire = [
  { kind: 'police-prevent-hub' as const, id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' },
  {
    kind: 'local-authority-prevent-team' as const,
    id: 'la:E07000194',
    name: 'Lichfield District Council Prevent team',
  },
];
const rerouted = [...transferred, events.routed({ data: { reason: 'transferred', destinations: staffordshire } })];
const erasedOpen = [
  ...histories.gatewayStarted,
  happenedAt('2025-02-01T10:00:00Z', events.erased({ data: { reason: 'data-subject-request' } })),
];
const erasedClosed = [...histories.closed, happenedAt('2032-08-01T00:00:00Z', events.erased())];
const erasedClosedEarly = [
  ...closedNoFurtherAction,
  happenedAt('2025-02-01T10:00:00Z', events.erased({ data: { reason: 'recorded-in-error' } })),
];

/** Every stage a referral routed at version 2 to West Midlands Police and Coventry can be in. */
const laterStates: Record<string, DomainEvent[]> = {
  ...Object.fromEntries(Object.entries(histories).filter(([name]) => name !== 'submitted')),
  'closed with no further action': closedNoFurtherAction,
  'transferred, awaiting routing': transferred,
  'transferred and routed again': rerouted,
  'erased while open': erasedOpen,
  'erased after closure': erasedClosed,
  'closed, then erased early': erasedClosedEarly,
};

describe('a delivery confirmation is recorded whatever happened since', () => {
  it.each(Object.entries(laterStates))('records the police hub receiving routing v2: %s', (_name, history) => {
    spec.given(history).when(commands.deliver()).then([events.delivered()]);
  });

  it.each(Object.entries(laterStates))('records it once: %s', (_name, history) => {
    spec
      .given([...history, events.delivered()])
      .when(commands.deliver({ messageId: 'msg-redelivered' }))
      .thenNothing();
  });

  it('records the Cardiff case: a confirmation after closure with no further action, without reopening it', () => {
    const state = spec.given(closedNoFurtherAction).when(commands.deliver()).state();
    expect(state.status).toBe('closed');
    expect(state.closure).toEqual({ outcome: 'no-further-action', closedAt: '2025-01-10T10:00:00Z' });
  });

  it('does not give a former destination access back', () => {
    const state = spec.given(transferred).when(commands.deliver()).state();
    expect(state.currentDestinations).toEqual([]);
    expect(state.formerDestinations).toContain('police:E23000014');
    expect(state.awaitingRerouting).toBe(true);
  });

  it('does not count a confirmation of a superseded routing as a delivery of the current one', () => {
    const afterHub = [
      ...histories.routed,
      events.hubRequested(),
      events.routed({ data: { reason: 'hub-assessment-requested' } }),
    ];
    const state = spec
      .given(afterHub)
      .when(commands.deliver({ routedVersion: 2 }))
      .state();
    expect(state.deliveries['police:E23000014']).toBeUndefined();
    spec
      .given(afterHub)
      .when(commands.deliver({ routedVersion: 5 }))
      .then([events.delivered({ data: { routedVersion: 5 } })]);
  });

  it('still refuses a confirmation that cannot be true: an organisation never routed to, a routing never made', () => {
    spec
      .given(histories.closed)
      .when(commands.deliver({ destinationId: 'vsh:WEST-MIDLANDS' }))
      .thenThrows('not-a-destination');
    spec
      .given(histories.closed)
      .when(commands.deliver({ routedVersion: 99 }))
      .thenThrows('out-of-order');
    spec.given(histories.submitted).when(commands.deliver()).thenThrows('not-a-destination');
  });
});

describe('a deadline or review that fell due records nothing on a closed or erased case', () => {
  const settled = {
    closed: histories.closed,
    'closed with no further action': closedNoFurtherAction,
    'erased while open': erasedOpen,
    'erased after closure': erasedClosed,
  };

  it.each(Object.entries(settled))('delivery overdue: %s', (_name, history) => {
    spec.given(history).when(commands.markDeliveryOverdue()).thenNothing();
  });

  it.each(Object.entries(settled))('gateway assessment overdue: %s', (_name, history) => {
    spec.given(history).when(commands.markGatewayOverdue()).thenNothing();
  });

  it.each(Object.entries(settled))('post-exit review due: %s', (_name, history) => {
    spec
      .given(history)
      .when(commands.markReviewDue({ at: '2033-01-01T06:00:00Z' }))
      .thenNothing();
  });

  it('delivery overdue for a destination that lost the referral in a transfer records nothing', () => {
    spec.given(transferred).when(commands.markDeliveryOverdue()).thenNothing();
    spec.given(rerouted).when(commands.markDeliveryOverdue()).thenNothing();
  });

  it('still refuses a deadline that has not passed on an open case', () => {
    spec
      .given(histories.routed)
      .when(commands.markDeliveryOverdue({ at: '2025-01-06T09:59:59Z' }))
      .thenThrows('not-yet-due');
  });
});

describe('a routing already made records nothing', () => {
  const settled = {
    closed: histories.closed,
    'erased while open': erasedOpen,
    'erased after closure': erasedClosed,
    'closed with no further action': closedNoFurtherAction,
  };

  it.each(Object.entries(settled))('the first routing again: %s', (_name, history) => {
    spec.given(history).when(commands.route()).thenNothing();
  });

  it('the first routing again after a transfer, and the transfer routing again', () => {
    spec.given(transferred).when(commands.route()).thenNothing();
    spec.given(rerouted).when(commands.route()).thenNothing();
    spec
      .given(rerouted)
      .when(commands.route({ reason: 'transferred', destinations: staffordshire }))
      .thenNothing();
  });

  it('a hub routing again after the hub assessment was completed', () => {
    const hubDone = [
      ...histories.routed,
      events.hubRequested(),
      events.routed({ data: { reason: 'hub-assessment-requested' } }),
      events.hubCompleted(),
    ];
    spec
      .given(hubDone)
      .when(commands.route({ reason: 'hub-assessment-requested' }))
      .thenNothing();
  });

  it('a closed or erased case is not routed to anyone new', () => {
    const closedAwaiting = [
      ...transferred,
      happenedAt('2025-03-01T10:00:00Z', events.erased({ data: { reason: 'data-subject-request' } })),
    ];
    const state = spec
      .given(closedAwaiting)
      .when(commands.route({ reason: 'transferred', destinations: staffordshire }))
      .state();
    expect(state.currentDestinations).toEqual([]);
  });

  it('still refuses routings nothing ever called for', () => {
    spec
      .given(histories.routed)
      .when(commands.route({ reason: 'transferred' }))
      .thenThrows('out-of-order');
    spec
      .given(histories.routed)
      .when(commands.route({ reason: 'hub-assessment-requested' }))
      .thenThrows('out-of-order');
  });
});

// --- the property: every reachable state, every fact about its past ---

interface Reached {
  state: ReferralState;
  history: RecordedEvent[];
  now: number;
}

/** Folds a journey through the decider, keeping every state reached on the way. */
function statesAlong(steps: Parameters<typeof commandFor>[0][]): Reached[] {
  let state = decider.initialState;
  let now = Date.UTC(2025, 0, 6, 9);
  const history: RecordedEvent[] = [];
  const reached: Reached[] = [];
  for (const step of steps) {
    const kind = kindOfStep(step, state);
    now = timeOfStep(step, kind, state, now);
    const command = commandFor(step, kind, state, new Date(now).toISOString());
    const decision = decider.decide(command, state);
    if (!decision.ok || decision.events.length === 0) continue;
    for (const event of decision.events) {
      const stored = recorded(happenedAt(command.at, event), history.length);
      history.push(stored);
      state = decider.evolve(state, stored);
    }
    reached.push({ state, history: [...history], now });
  }
  return reached;
}

/** What is true about the past of this history, as the commands that record it (timers, router, consumers). */
function pastFacts({ state, history, now }: Reached): ReferralCommand[] {
  const later = new Date(now + 400 * 86_400_000).toISOString();
  const at = { at: later, actor: actors.system };
  const facts: ReferralCommand[] = [];
  for (const event of history) {
    if (event.type !== 'ReferralRouted') continue;
    const { data } = event;
    const routed = {
      reason: data.reason,
      jurisdiction: data.jurisdiction,
      localAuthority: data.localAuthority,
      policeForce: data.policeForce,
      ctpRegion: data.ctpRegion,
      destinations: data.destinations,
      priority: data.priority,
    };
    facts.push(commands.route({ ...at, ...routed }));
    for (const destination of data.destinations) {
      facts.push(
        commands.deliver({
          ...at,
          destinationId: destination.id,
          routedVersion: event.version,
          messageId: `msg-${event.version}`,
        }),
      );
      facts.push(
        commands.markDeliveryOverdue({
          ...at,
          destinationId: destination.id,
          routedVersion: event.version,
          dueBy: event.occurredAt,
        }),
      );
    }
  }
  for (const event of history) {
    if (event.type !== 'ReferralShared') continue;
    for (const destinationId of event.data.destinationIds)
      facts.push(commands.deliverShare({ ...at, destinationId, sharedVersion: event.version }));
  }
  if (state.gateway.dueBy !== null) facts.push(commands.markGatewayOverdue(at));
  if (state.support.nextReviewDue !== null) facts.push(commands.markSupportReviewDue(at));
  if (state.channelExit) {
    facts.push(commands.markReviewDue({ ...at, at: '2040-01-01T00:00:00Z', review: 'six-month' }));
    facts.push(commands.markReviewDue({ ...at, at: '2040-01-01T00:00:00Z', review: 'twelve-month' }));
  }
  return facts;
}

function neverRefused(steps: Parameters<typeof commandFor>[0][]): number {
  let checked = 0;
  for (const reached of statesAlong(steps)) {
    let state = reached.state;
    let version = reached.history.length;
    for (const command of pastFacts(reached)) {
      const decision = decider.decide(command, state);
      if (!decision.ok)
        expect.fail(
          `${command.type} refused in ${state.status}${state.erased ? ' (erased)' : ''}: ${decision.error.code}`,
        );
      const closedBefore = state.closure;
      const erasedBefore = state.erased;
      for (const event of decision.events) {
        version += 1;
        state = decider.evolve(state, recorded(happenedAt(command.at, event), version - 1));
      }
      expect(state.closure, 'a fact about the past does not reopen a case').toEqual(closedBefore);
      expect(state.erased).toBe(erasedBefore);
      if (erasedBefore || closedBefore)
        expect(
          decision.events.every(
            (event) => event.type === 'ReferralDelivered' || event.type === 'SharedReferralDelivered',
          ),
          'only deliveries are recorded on a settled case',
        ).toBe(true);
      checked += 1;
    }
  }
  return checked;
}

describe('for every reachable state, recording a fact about its past never fails', () => {
  it('along journeys that follow the usual process to closure and erasure', () => {
    let checked = 0;
    fc.assert(
      fc.property(guidedJourney, (steps) => void (checked += neverRefused(steps))),
      { numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(1000);
  }, 30_000);

  it('along random sequences of commands', () => {
    fc.assert(
      fc.property(randomJourney, (steps) => void neverRefused(steps)),
      { numRuns: 150 },
    );
  }, 30_000);
});
