// The referrer kept informed (issue 12, part 5): the referrer's plain-language status, which never
// tells one route or outcome from another, and the police's requests for more information with the
// referrer's answers (decision 0016).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DomainEvent } from '../../../events/catalogue.js';
import { ClosureOutcome } from '../../../events/lifecycle.js';
import {
  type ReferralState,
  referrerStatusOf,
  referrerStatuses,
  referrerViewOf,
} from '../../../domain/referral/index.js';
import { actors, commands, decider, events, happenedAt, histories, recorded, spec } from './referral-fixtures.js';
import { type JourneyStep, commandFor, guidedJourney, kindOfStep, timeOfStep } from './referral-journeys.js';

type DecisionsOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const asked = [...histories.gatewayStarted, events.moreInformationRequested()];
const answered = [...asked, events.referrerAnswered()];

function stateOf(history: DomainEvent[]): ReferralState {
  return history.map(recorded).reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

describe('RequestMoreInformation', () => {
  it('records the question, sealed as personal data, numbered from 1', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.requestMoreInformation())
      .then([events.moreInformationRequested()]);
  });

  it('numbers a later request after the earlier ones', () => {
    spec
      .given(answered)
      .when(commands.requestMoreInformation({ at: '2025-01-09T10:00:00Z', personal: { question: 'And since?' } }))
      .then([events.moreInformationRequested({ data: { requestNumber: 2 }, personal: { question: 'And since?' } })]);
  });

  it('may be asked at any stage of an open case, after the gateway assessment too', () => {
    spec
      .given(histories.supported)
      .when(commands.requestMoreInformation({ at: '2025-02-01T10:00:00Z' }))
      .then([events.moreInformationRequested()]);
  });

  it('is refused while an earlier question waits for its answer: one question at a time', () => {
    spec.given(asked).when(commands.requestMoreInformation()).thenThrows('question-awaiting-answer');
  });

  it('is asked by a police Prevent officer only', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.requestMoreInformation({ actor: actors.localAuthority }))
      .thenThrows('police-asks-referrer');
  });

  it('is refused on a closed case', () => {
    spec.given(histories.closed).when(commands.requestMoreInformation()).thenThrows('case-closed');
  });

  it('is refused while nobody holds the case (after a transfer, before it is routed again)', () => {
    spec
      .given([...histories.gatewayStarted, events.transferred()])
      .when(commands.requestMoreInformation())
      .thenThrows('awaiting-routing');
  });

  it('is refused once the personal data is erased', () => {
    spec
      .given([...histories.gatewayStarted, events.erased()])
      .when(commands.requestMoreInformation())
      .thenThrows('personal-data-erased');
  });

  it('is refused without a question', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.requestMoreInformation({ personal: { question: '   ' } }))
      .thenThrows('invalid-command');
  });
});

describe('AnswerMoreInformation', () => {
  it("records the referrer's answer to the question waiting for it, sealed as personal data", () => {
    spec.given(asked).when(commands.answerMoreInformation()).then([events.referrerAnswered()]);
  });

  it('leaves nothing waiting once answered', () => {
    const state = spec.given(asked).when(commands.answerMoreInformation()).state();
    expect(state.moreInformation).toEqual({ requests: 1, awaitingAnswer: null, answers: 1 });
  });

  it('is refused a second time: the question was answered', () => {
    spec.given(answered).when(commands.answerMoreInformation()).thenThrows('question-already-answered');
  });

  it('is refused for an earlier question when a later one waits (the answer never lands on a question not seen)', () => {
    const second = [...answered, events.moreInformationRequested({ data: { requestNumber: 2 } })];
    spec
      .given(second)
      .when(commands.answerMoreInformation({ requestNumber: 1 }))
      .thenThrows('question-already-answered');
    spec
      .given(second)
      .when(commands.answerMoreInformation({ requestNumber: 2 }))
      .then([events.referrerAnswered({ data: { requestNumber: 2 } })]);
  });

  it('is refused when nothing was asked', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.answerMoreInformation())
      .thenThrows('no-question-awaiting-answer');
  });

  it('is refused after closure, even when the question was never answered', () => {
    spec
      .given([...asked, events.gatewayCompleted({ data: { outcome: 'no-further-action' } }), events.closed()])
      .when(commands.answerMoreInformation())
      .thenThrows('case-closed');
  });

  it('is given by the referrer only', () => {
    spec
      .given(asked)
      .when(commands.answerMoreInformation({ actor: actors.police }))
      .thenThrows('referrer-only');
  });

  it('may be given while the case waits to be routed again after a transfer', () => {
    spec
      .given([...asked, events.transferred()])
      .when(commands.answerMoreInformation())
      .then([events.referrerAnswered()]);
  });

  it('is refused without an answer', () => {
    spec
      .given(asked)
      .when(commands.answerMoreInformation({ personal: { answer: '' } }))
      .thenThrows('invalid-command');
  });
});

/** One history per route a referral can take to its closure, and the outcome it closes with. */
const gatewayThen = (outcome: 'no-further-action' | 'signposted' | 'police-led-case-management') => [
  ...histories.gatewayStarted,
  events.gatewayCompleted({ data: { outcome, signpostedTo: outcome === 'signposted' ? ['mash'] : [] } }),
];
const notAdopted = [
  ...histories.consented,
  events.panelDecided({ data: { decision: 'not-adopted', nextStep: 'no-further-action' } }),
];
const hubSupport = [
  ...gatewayThen('no-further-action').slice(0, -1),
  events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
  events.hubRequested(),
  events.hubCompleted(),
];
const routes = {
  'no further action': { open: gatewayThen('no-further-action'), outcome: 'no-further-action' },
  signposted: { open: gatewayThen('signposted'), outcome: 'signposted' },
  'police-led case management': {
    open: gatewayThen('police-led-case-management'),
    outcome: 'police-led-case-management',
  },
  'Channel, not adopted': { open: notAdopted, outcome: 'channel-not-adopted' },
  'Channel, supported and left': { open: histories.reviewed, outcome: 'left-channel-no-further-concern' },
  'Vulnerability Support Hub': { open: hubSupport, outcome: 'vulnerability-support-hub' },
} as const;
type Route = keyof typeof routes;
const routeNames = Object.keys(routes) as Route[];

/** What the referrer may also have seen along the way: a question, answered or not. */
const referrerExchanges = {
  none: [],
  answered: [events.moreInformationRequested(), events.referrerAnswered()],
  waiting: [events.moreInformationRequested()],
} as const;
type Exchange = keyof typeof referrerExchanges;

function journey(route: Route, exchange: Exchange, closed: boolean): DomainEvent[] {
  const { open, outcome } = routes[route];
  return [
    ...open,
    ...referrerExchanges[exchange],
    ...(closed ? [happenedAt('2026-07-15T10:00:00Z', events.closed({ data: { outcome } }))] : []),
  ];
}

describe("the referrer's status", () => {
  it('is "received" until anyone starts work on the referral', () => {
    expect(referrerStatusOf(stateOf(histories.submitted))).toBe('received');
    expect(referrerStatusOf(stateOf(histories.routed))).toBe('received');
  });

  it('is "being assessed" once the gateway assessment starts, and "more information requested" while a question waits', () => {
    expect(referrerStatusOf(stateOf(histories.gatewayStarted))).toBe('being-assessed');
    expect(referrerViewOf(stateOf(asked))).toMatchObject({ status: 'more-information-requested', awaitingAnswer: 1 });
    expect(referrerViewOf(stateOf(answered))).toMatchObject({ status: 'being-assessed', awaitingAnswer: null });
  });

  it('is "closed" once the case is closed, whatever was asked, and once its personal data is erased', () => {
    expect(referrerStatusOf(stateOf(journey('no further action', 'waiting', true)))).toBe('closed');
    expect(referrerStatusOf(stateOf([...histories.closed, events.erased()]))).toBe('closed');
  });

  it('holds the reference, the day it was sent, the status and the waiting question number: nothing else', () => {
    expect(referrerViewOf(stateOf(asked))).toEqual({
      reference: 'PRV-7K3M-Q9TX',
      submittedAt: '2025-01-06T09:00:00Z',
      status: 'more-information-requested',
      awaitingAnswer: 1,
    });
  });

  it('never tells one route or outcome from another, open or closed (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...routeNames),
        fc.constantFrom(...routeNames),
        fc.constantFrom<Exchange>('none', 'answered', 'waiting'),
        fc.boolean(),
        (first, second, exchange, closed) => {
          const one = referrerViewOf(stateOf(journey(first, exchange, closed)));
          const other = referrerViewOf(stateOf(journey(second, exchange, closed)));
          expect(one).toEqual(other);
          expect(one.status).toBe(
            closed ? 'closed' : exchange === 'waiting' ? 'more-information-requested' : 'being-assessed',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('depends on nothing the police decided: any decision, route or outcome in the state gives the same view (property)', () => {
    const decisions = fc.record({
      stage: fc.constantFrom<ReferralState['status']>(
        'gateway-assessment',
        'hub-assessment',
        'channel',
        'supported',
        'post-exit',
      ),
      gatewayOutcome: fc.constantFrom(
        'no-further-action',
        'signposted',
        'police-led-case-management',
        'referred-to-channel',
        'referred-to-vulnerability-support-hub',
      ),
      closureOutcome: fc.constantFrom(...ClosureOutcome.options),
      decision: fc.constantFrom('adopted', 'not-adopted'),
      consent: fc.constantFrom('not-recorded', 'given', 'refused'),
      priority: fc.constantFrom('standard', 'urgent'),
      transfers: fc.nat({ max: 3 }),
    });
    /** The same case as the referrer knows it, with every police decision replaced. */
    function decidedOtherwise(state: ReferralState, other: DecisionsOf<typeof decisions>): ReferralState {
      const started = !['not-submitted', 'submitted', 'routed'].includes(state.status);
      return {
        ...state,
        status: started ? other.stage : state.status,
        priority: other.priority,
        transfers: other.transfers,
        gateway: started ? { ...state.gateway, outcome: other.gatewayOutcome } : state.gateway,
        panel: { ...state.panel, decision: other.decision },
        consent: { ...state.consent, status: other.consent },
        closure: state.closure ? { ...state.closure, outcome: other.closureOutcome } : null,
      } as ReferralState;
    }
    const reached: ReferralState[] = [];
    fc.assert(
      fc.property(guidedJourney, decisions, (steps, other) => {
        for (const state of statesAlong(steps)) {
          const view = referrerViewOf(state);
          expect(referrerStatuses).toContain(view.status);
          expect(Object.keys(view).sort()).toEqual(['awaitingAnswer', 'reference', 'status', 'submittedAt']);
          expect(referrerViewOf(decidedOtherwise(state, other))).toEqual(view);
          expect(view.status === 'closed').toBe(state.closure !== null || state.erased);
          reached.push(state);
        }
      }),
      { numRuns: 60 },
    );
    const statuses = new Set(reached.map(referrerStatusOf));
    expect([...statuses].sort()).toEqual(['being-assessed', 'closed', 'more-information-requested', 'received']);
  }, 30_000);
});

/** Every state a guided journey passes through (the decider decides every step). */
function statesAlong(steps: JourneyStep[]): ReferralState[] {
  let state = decider.initialState;
  let now = Date.UTC(2025, 0, 6, 9);
  let version = 0;
  const states: ReferralState[] = [];
  for (const step of steps) {
    const kind = kindOfStep(step, state);
    now = timeOfStep(step, kind, state, now);
    const command = commandFor(step, kind, state, new Date(now).toISOString());
    const decision = decider.decide(command, state);
    if (!decision.ok) continue;
    for (const event of decision.events) {
      state = decider.evolve(state, recorded(happenedAt(command.at, event), version));
      version += 1;
    }
    if (state.status !== 'not-submitted') states.push(state);
  }
  return states;
}
