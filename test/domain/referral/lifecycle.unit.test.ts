import { describe, expect, it } from 'vitest';
import { type ClosureOutcome } from '../../../events/lifecycle.js';
import { type DomainEvent, type RecordedEvent } from '../../../events/catalogue.js';
import { ERASED } from '../../../events/envelope.js';
import { fold } from '../../../domain/decider.js';
import {
  createReferralDecider,
  referralErrorCodes,
  referralErrorMessages,
  type ReferralCommand,
} from '../../../domain/referral/index.js';
import { deciderSpecification } from './decider-specification.js';
import {
  commands,
  decider,
  events,
  happenedAt,
  histories,
  recorded,
  routedToLichfield,
  spec,
} from './referral-fixtures.js';

const allCommands: ReferralCommand[] = Object.values(commands).map((build) => build());
/** Facts about the past the service records itself: never refused by a later state (past-facts.unit.test.ts). */
const pastFactTypes = new Set([
  'RecordRouting',
  'RecordDelivery',
  'RecordSharedDelivery',
  'MarkSharedDeliveryOverdue',
  'MarkDeliveryOverdue',
  'MarkGatewayAssessmentOverdue',
  'MarkPostExitReviewDue',
  'MarkSupportReviewDue',
  'MarkPoliceCaseManagementReviewDue',
  'MarkConsentDueAgain',
  'MarkRetentionReviewDue',
]);
const newWork = allCommands.filter((command) => !pastFactTypes.has(command.type));
const scotland = events.routed({
  data: {
    jurisdiction: 'scotland',
    localAuthority: null,
    policeForce: null,
    ctpRegion: null,
    destinations: [{ kind: 'national-triage', id: 'national-triage', name: 'National triage' }],
  },
});
const moved = routedToLichfield();

describe('TransferReferral', () => {
  it('records the move', () => {
    spec.given(histories.supported).when(commands.transfer()).then([events.transferred()]);
  });

  it('takes access from the old destinations at once and waits for the router', () => {
    const state = spec.given(histories.supported).when(commands.transfer()).state();
    expect(state).toMatchObject({
      currentDestinations: [],
      formerDestinations: ['police:E23000014', 'la:E08000026'],
      awaitingRerouting: true,
      status: 'supported',
    });
  });

  it('stops casework until the referral is routed again', () => {
    spec
      .given([...histories.supported, events.transferred()])
      .when(commands.reviewSupport())
      .thenThrows('awaiting-routing');
  });

  it('moves the destinations when the router routes it again', () => {
    const transferred = [...histories.supported, events.transferred()];
    const command = commands.route({ ...moved.data, personal: { postcode: 'WS13 6AA' } });
    spec
      .given(transferred)
      .when(command)
      .then([events.routed({ data: moved.data, personal: { postcode: 'WS13 6AA' } })]);
    const state = spec.given(transferred).when(command).state();
    expect(state).toMatchObject({
      currentDestinations: ['police:E23000015', 'la:E07000194'],
      formerDestinations: ['police:E23000014', 'la:E08000026'],
      awaitingRerouting: false,
      routing: { localAuthorityCode: 'E07000194', reason: 'transferred' },
    });
    // The receiving area accepts it first; then its work goes on.
    spec
      .given([...transferred, moved])
      .when(commands.reviewSupport())
      .thenThrows('transfer-not-accepted');
    spec
      .given([...transferred, moved, events.transferAccepted()])
      .when(commands.reviewSupport())
      .then([events.supportReviewed(), events.supportReviewScheduled({ data: { dueOn: '2025-07-28' } })]);
  });

  it('gives access back to an old destination the router chooses again', () => {
    const back = [...histories.routed, events.transferred(), events.routed({ data: { reason: 'transferred' } })];
    expect(fold(decider, back.map(recorded))).toMatchObject({
      currentDestinations: ['police:E23000014', 'la:E08000026'],
      formerDestinations: [],
    });
  });

  it('refuses a referral never submitted, and a closed one', () => {
    spec.given([]).when(commands.transfer()).thenThrows('not-submitted');
    spec.given(histories.closed).when(commands.transfer()).thenThrows('case-closed');
  });
});

describe('CloseReferral', () => {
  const closingCases: Array<[string, DomainEvent[], ClosureOutcome]> = [
    ['after post-exit reviews, no further concern', histories.reviewed, 'left-channel-no-further-concern'],
    [
      'after post-exit reviews, escalated to police',
      [
        ...histories.supported,
        events.leftChannel({ data: { reason: 'escalated-to-police' } }),
        ...histories.reviewed.slice(histories.leftChannel.length),
      ],
      'left-channel-other',
    ],
    [
      'a panel that did not adopt',
      [...histories.panelScheduled, events.panelDecided({ data: { decision: 'not-adopted', nextStep: 'signposted' } })],
      'channel-not-adopted',
    ],
    [
      'no further action at the gateway',
      [...histories.gatewayStarted, events.gatewayCompleted({ data: { outcome: 'no-further-action' } })],
      'no-further-action',
    ],
    [
      'signposted at the gateway',
      [
        ...histories.gatewayStarted,
        events.gatewayCompleted({ data: { outcome: 'signposted', signpostedTo: ['mash'] } }),
      ],
      'signposted',
    ],
    [
      'police-led case management',
      [...histories.gatewayStarted, events.gatewayCompleted({ data: { outcome: 'police-led-case-management' } })],
      'police-led-case-management',
    ],
    [
      'the hub supports the person',
      [
        ...histories.gatewayStarted,
        events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
        events.hubRequested(),
        events.hubCompleted(),
      ],
      'vulnerability-support-hub',
    ],
    ['outside England and Wales', [events.submitted(), scotland], 'outside-england-and-wales'],
  ];

  it.each(closingCases)('closes %s', (_name, history, outcome) => {
    spec
      .given(history)
      .when(commands.close({ outcome }))
      .then([events.closed({ data: { outcome } }), events.retentionReviewScheduled()]);
    expect(spec.given(history).when(commands.close({ outcome })).state().status).toBe('closed');
  });

  it.each(closingCases)('refuses other outcomes for %s', (_name, history, outcome) => {
    const other: ClosureOutcome = outcome === 'no-further-action' ? 'signposted' : 'no-further-action';
    spec
      .given(history)
      .when(commands.close({ outcome: other }))
      .thenThrows('outcome-inconsistent');
  });

  it.each([
    ['routed, not yet assessed', histories.routed],
    ['gateway assessment under way', histories.gatewayStarted],
    ['referred to Channel', histories.referredToChannel],
    ['in Channel', histories.supported],
    ['left Channel, reviews to do', histories.sixMonthDone],
  ])('refuses to close while work is open: %s', (_name, history) => {
    const refusal = spec
      .given(history)
      .when(commands.close({ outcome: 'left-channel-no-further-concern' }))
      .refusal();
    expect(refusal).toMatchObject({ code: 'outcome-inconsistent' });
    expect(refusal.message).toContain('cannot be closed yet');
  });

  it('refuses "left Channel with no further concern" for someone who never left Channel', () => {
    const noFurtherAction = [
      ...histories.gatewayStarted,
      events.gatewayCompleted({ data: { outcome: 'no-further-action' } }),
    ];
    const refusal = spec
      .given(noFurtherAction)
      .when(commands.close({ outcome: 'left-channel-no-further-concern' }))
      .refusal();
    expect(refusal.message).toContain('It can be closed as: no-further-action.');
  });

  it('refuses a second closure', () => {
    spec.given(histories.closed).when(commands.close()).thenThrows('case-closed');
  });
});

describe('ErasePersonalData', () => {
  it("refuses a data subject's request while the case is open, but erases a record made in error", () => {
    const request = { reason: 'data-subject-request', grounds: 'objection-upheld' } as const;
    spec.given(histories.supported).when(commands.erase(request)).thenThrows('case-open');
    const inError = { reason: 'recorded-in-error', grounds: 'wrong-person' } as const;
    spec
      .given(histories.supported)
      .when(commands.erase(inError))
      .then([
        events.erasureDecided({ data: { ...inError, caseOpen: true } }),
        events.erased({ data: { reason: 'recorded-in-error' } }),
      ]);
    const state = spec.given(histories.supported).when(commands.erase(inError)).state();
    expect(state).toMatchObject({ erased: true, ageBasis: null, reference: 'PRV-7K3M-Q9TX' });
  });

  it("erases a closed case on a data subject's request", () => {
    const request = {
      reason: 'data-subject-request',
      grounds: 'no-longer-necessary',
      at: '2027-01-04T10:00:00Z',
    } as const;
    spec
      .given(histories.closed)
      .when(commands.erase(request))
      .then([
        events.erasureDecided({
          data: { reason: 'data-subject-request', grounds: 'no-longer-necessary', caseOpen: false },
        }),
        events.erased({ data: { reason: 'data-subject-request' } }),
      ]);
  });

  it('refuses grounds that do not go with the reason', () => {
    spec
      .given(histories.closed)
      .when(commands.erase({ reason: 'recorded-in-error', grounds: 'objection-upheld' }))
      .thenThrows('invalid-command');
    spec
      .given(histories.closed)
      .when(commands.erase({ grounds: 'wrong-person' }))
      .thenThrows('invalid-command');
  });

  it('erases a closed case once the retention period has ended', () => {
    spec
      .given(histories.closed)
      .when(commands.erase({ at: '2032-07-15T10:00:00Z' }))
      .then([events.erasureDecided(), events.erased()]);
    spec
      .given(histories.closed)
      .when(commands.erase({ at: '2032-07-14T10:00:00Z' }))
      .thenThrows('retention-period-not-ended');
  });

  it('takes the retention period from configuration when the case is closed, and keeps the date it set', () => {
    const sevenYears = deciderSpecification(createReferralDecider({ retentionYears: 7 }), { record: recorded });
    const closing = commands.close({ at: '2026-07-15T10:00:00Z' });
    sevenYears
      .given(histories.reviewed)
      .when(closing)
      .then([events.closed(), events.retentionReviewScheduled({ data: { dueOn: '2033-07-15', retentionYears: 7 } })]);
    // A review already scheduled stands when the configuration changes later.
    sevenYears
      .given(histories.closed)
      .when(commands.erase({ at: '2032-07-15T10:00:00Z' }))
      .then([events.erasureDecided(), events.erased()]);
    // A case closed before reviews were scheduled counts from its closure, by today's configuration.
    const closedLongAgo = [...histories.reviewed, happenedAt('2026-07-15T10:00:00Z', events.closed())];
    sevenYears
      .given(closedLongAgo)
      .when(commands.erase({ at: '2032-07-15T10:00:00Z' }))
      .thenThrows('retention-period-not-ended');
    sevenYears
      .given(closedLongAgo)
      .when(commands.erase({ at: '2033-07-15T10:00:00Z' }))
      .then([events.erasureDecided(), events.erased()]);
  });

  it('refuses "retention period ended" for an open case', () => {
    spec.given(histories.supported).when(commands.erase()).thenThrows('retention-period-not-ended');
  });

  it.each(newWork.map((command) => [command.type, command] as const))(
    'leaves nothing to do after erasure: %s',
    (_type, command) => {
      const erased = [...histories.closed, happenedAt('2032-08-01T00:00:00Z', events.erased())];
      spec.given(erased).when(command).thenThrows('personal-data-erased');
    },
  );
});

describe('every command', () => {
  it.each(
    allCommands
      .filter((command) => command.type !== 'SubmitReferral')
      .map((command) => [command.type, command] as const),
  )('is refused for a referral never submitted: %s', (_type, command) => {
    spec.given([]).when(command).thenThrows('not-submitted');
  });

  it.each(
    newWork
      .filter((command) => command.type !== 'ErasePersonalData')
      .map((command) => [command.type, command] as const),
  )('is refused for a closed referral: %s', (_type, command) => {
    spec
      .given(histories.closed)
      .when(command)
      .thenThrows(command.type === 'SubmitReferral' ? 'already-submitted' : 'case-closed');
  });

  it('is refused when it does not match its schema, without echoing the value', () => {
    const refusal = spec
      .given(histories.supported)
      .when({ ...commands.reviewSupport(), riskMitigated: 'Zebra-Marker' } as unknown as ReferralCommand)
      .refusal();
    expect(refusal.code).toBe('invalid-command');
    expect(refusal.message).toContain('riskMitigated');
    expect(refusal.message).not.toContain('Zebra-Marker');
  });

  it.each(referralErrorCodes)('has a plain-English sentence for the refusal %s', (code) => {
    expect(referralErrorMessages[code]).toMatch(/^[A-Z][^{}<>]{15,}\.$/);
  });
});

describe('reading stored events', () => {
  it('folds a history whose personal parts were erased by destroying the key', () => {
    const stored = histories.closed
      .map(recorded)
      .map((event) => (event.personal === undefined ? event : { ...event, personal: ERASED })) as RecordedEvent[];
    const state = fold(decider, stored);
    expect(state).toMatchObject({
      status: 'closed',
      ageBasis: null,
      reference: 'PRV-7K3M-Q9TX',
      ageBand: '11-15',
      currentDestinations: ['police:E23000014', 'la:E08000026'],
    });
  });

  it('treats a person whose form was erased as of unknown age', () => {
    const erasedForm = { ...recorded(events.submitted(), 0), personal: ERASED } as RecordedEvent;
    const rest = histories.panelScheduled.slice(1).map((event, index) => recorded(event, index + 1));
    const state = fold(decider, [erasedForm, ...rest]);
    expect(decider.decide(commands.recordConsent({ givenBy: 'person' }), state)).toMatchObject({
      ok: false,
      error: { code: 'consent-from-parent-required' },
    });
  });
});
