// Deconfliction before sharing (decision 0016, part 1): given / when / then.
import { describe, expect, it } from 'vitest';
import { actors, commands, events, histories, spec } from './referral-fixtures.js';

const coventry = 'la:E08000026';
const westMidlandsHub = {
  kind: 'vulnerability-support-hub' as const,
  id: 'vsh:WEST-MIDLANDS',
  name: 'West Midlands hub',
};
const policeAndCouncil = events.routed().data.destinations;
const deferred = events.sharingDeferred({
  data: { destinationIds: [coventry], typesOfConcern: ['extreme-right-wing'] },
});
const routedLater = [events.submitted(), events.routed(), deferred, events.gatewayDeadline()];
const startedLater = [...routedLater, events.gatewayStarted()];
const by = { organisation: 'police:E23000014', user: 'po.1234' };

describe('RecordRouting with sharing policies', () => {
  it('tells a council that receives after deconfliction only that the referral exists', () => {
    spec
      .given([events.submitted()])
      .when(commands.route({ shareAfterDeconfliction: [coventry] }))
      .then([events.routed(), deferred, events.gatewayDeadline()]);
  });

  it('gives everything at once to a council that receives on submission (no policy named)', () => {
    spec.given([events.submitted()]).when(commands.route()).then([events.routed(), events.gatewayDeadline()]);
  });

  it('never holds anything back from a police hub or national triage', () => {
    spec
      .given([events.submitted()])
      .when(commands.route({ shareAfterDeconfliction: ['police:E23000014', coventry] }))
      .then([events.routed(), deferred, events.gatewayDeadline()]);
  });

  it('holds nothing back from a hub the case already involves (a hub request after deconfliction)', () => {
    const referredToHub = [
      ...startedLater,
      events.deconflicted(),
      events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
      events.hubRequested(),
    ];
    const state = spec
      .given(referredToHub)
      .when(
        commands.route({
          reason: 'hub-assessment-requested',
          destinations: [...policeAndCouncil, westMidlandsHub],
          shareAfterDeconfliction: [coventry, westMidlandsHub.id],
        }),
      )
      .state();
    expect(state.sharing.withheld).toEqual([coventry]);
  });

  it('keeps a council that is routed to again waiting, and does not defer it twice', () => {
    const hubRequestedByReferrer = [
      events.submitted({ data: { vulnerabilitySupportHubRequested: true } }),
      events.routed(),
      deferred,
      events.gatewayDeadline(),
      events.deconflicted(),
      events.hubRequested({ data: { requestedBy: 'referrer' } }),
    ];
    spec
      .given(hubRequestedByReferrer)
      .when(
        commands.route({
          reason: 'hub-assessment-requested',
          destinations: [...policeAndCouncil, westMidlandsHub],
          shareAfterDeconfliction: [coventry, westMidlandsHub.id],
        }),
      )
      .then([
        events.routed({
          data: { reason: 'hub-assessment-requested', destinations: [...policeAndCouncil, westMidlandsHub] },
        }),
      ]);
  });
});

describe('RecordDeconfliction', () => {
  it('records who deconflicted the referral and when', () => {
    spec
      .given(startedLater)
      .when(commands.recordDeconfliction())
      .then([events.deconflicted({ data: { by, at: '2025-01-08T10:00:00Z' } })]);
  });

  it('is for police Prevent officers only', () => {
    spec
      .given(startedLater)
      .when(commands.recordDeconfliction({ actor: actors.localAuthority }))
      .thenThrows('police-only');
  });

  it('is recorded once', () => {
    spec
      .given([...startedLater, events.deconflicted()])
      .when(commands.recordDeconfliction())
      .thenThrows('deconfliction-already-recorded');
  });

  it('needs a referral routed to a police hub', () => {
    spec.given([events.submitted()]).when(commands.recordDeconfliction()).thenThrows('awaiting-routing');
  });
});

describe('CompleteGatewayAssessment and deconfliction', () => {
  it('refuses a referral to Channel or the hub until deconfliction is recorded', () => {
    for (const outcome of ['referred-to-channel', 'referred-to-vulnerability-support-hub'] as const)
      spec
        .given(startedLater)
        .when(commands.completeGateway({ outcome, deconflicted: false }))
        .thenThrows('deconfliction-not-recorded');
  });

  it('lets the police close a referral they have not deconflicted, sharing nothing', () => {
    const nfa = { outcome: 'no-further-action' as const, deconflicted: false };
    spec
      .given(startedLater)
      .when(commands.completeGateway(nfa))
      .then([events.gatewayCompleted({ data: nfa })]);
  });

  it('cannot say "not deconflicted" once deconfliction is recorded', () => {
    spec
      .given([...startedLater, events.deconflicted()])
      .when(commands.completeGateway({ deconflicted: false }))
      .thenThrows('deconfliction-already-recorded');
  });

  it('shares the whole referral with the waiting council when it refers the case to Channel', () => {
    spec
      .given([...startedLater, events.deconflicted()])
      .when(commands.completeGateway())
      .then([
        events.gatewayCompleted(),
        events.shared({ data: { destinationIds: [coventry], because: 'referred-to-channel' } }),
      ]);
  });

  it('records deconfliction and shares in the one decision when the assessment is the first to say so', () => {
    const state = spec.given(startedLater).when(commands.completeGateway()).state();
    expect(state.sharing).toMatchObject({ deconfliction: { by, at: '2025-01-09T15:00:00Z' }, withheld: [] });
  });

  it('does not share with the council an outcome that does not involve it', () => {
    spec
      .given([...startedLater, events.deconflicted()])
      .when(commands.completeGateway({ outcome: 'no-further-action' }))
      .then([events.gatewayCompleted({ data: { outcome: 'no-further-action' } })]);
    // Police-led case management opens its own route (its reviews), and shares nothing.
    for (const outcome of ['no-further-action', 'police-led-case-management'] as const) {
      const state = spec
        .given([...startedLater, events.deconflicted()])
        .when(commands.completeGateway({ outcome }))
        .state();
      expect(state.sharing?.sharedTo ?? []).toEqual([]);
      expect(state.sharing?.withheld ?? []).not.toEqual([]);
    }
  });
});

describe('RequestHubAssessment and deconfliction', () => {
  it('is refused until deconfliction is recorded, even when the referrer asked for the hub', () => {
    const asked = [events.submitted({ data: { vulnerabilitySupportHubRequested: true } }), events.routed()];
    spec
      .given(asked)
      .when(commands.requestHub({ requestedBy: 'referrer' }))
      .thenThrows('deconfliction-not-recorded');
  });

  it('shares the whole referral with a hub that was told only that it exists', () => {
    const hubDeferred = events.sharingDeferred({ data: { destinationIds: [westMidlandsHub.id] } });
    const asked = [
      events.submitted({ data: { vulnerabilitySupportHubRequested: true } }),
      events.routed({ data: { destinations: [...policeAndCouncil, westMidlandsHub] } }),
      hubDeferred,
      events.deconflicted(),
    ];
    spec
      .given(asked)
      .when(commands.requestHub({ requestedBy: 'referrer' }))
      .then([
        events.hubRequested({ data: { requestedBy: 'referrer' } }),
        events.shared({ data: { destinationIds: [westMidlandsHub.id], because: 'vulnerability-support-hub' } }),
      ]);
  });
});

describe('ShareReferral', () => {
  const deconflictedNfa = [
    ...startedLater,
    events.deconflicted(),
    events.gatewayCompleted({ data: { outcome: 'signposted', signpostedTo: ['childrens-social-care'] } }),
  ];

  it('shares with the council when the police decide to', () => {
    spec
      .given(deconflictedNfa)
      .when(commands.share())
      .then([events.shared({ data: { destinationIds: [coventry], because: 'police-decision' } })]);
  });

  it('is refused before deconfliction is recorded', () => {
    spec.given(startedLater).when(commands.share()).thenThrows('deconfliction-not-recorded');
  });

  it('is for police Prevent officers only', () => {
    spec
      .given(deconflictedNfa)
      .when(commands.share({ actor: actors.localAuthority }))
      .thenThrows('police-only');
  });

  it('names only organisations waiting for the referral', () => {
    spec
      .given(deconflictedNfa)
      .when(commands.share({ destinationIds: ['police:E23000014'] }))
      .thenThrows('not-awaiting-sharing');
    spec
      .given([...deconflictedNfa, events.shared({ data: { destinationIds: [coventry], because: 'police-decision' } })])
      .when(commands.share())
      .thenThrows('not-awaiting-sharing');
  });
});

describe('RecordSharedDelivery', () => {
  const sharedAt6 = [...startedLater, events.deconflicted(), events.gatewayCompleted(), events.shared()];

  it('records a confirmed delivery of a share once', () => {
    const command = commands.deliverShare({ sharedVersion: 8 });
    spec
      .given(sharedAt6)
      .when(command)
      .then([events.sharedDelivered({ data: { sharedVersion: 8 } })]);
    spec
      .given([...sharedAt6, events.sharedDelivered({ data: { sharedVersion: 8 } })])
      .when(command)
      .thenNothing();
  });

  it('refuses a confirmation of a share that did not go to that organisation', () => {
    spec
      .given(sharedAt6)
      .when(commands.deliverShare({ sharedVersion: 7 }))
      .thenThrows('not-a-destination');
  });

  it('is recorded on a closed case too: a fact about the past', () => {
    const closed = [...sharedAt6, events.closed({ data: { outcome: 'no-further-action' } })];
    spec
      .given(closed)
      .when(commands.deliverShare({ sharedVersion: 8 }))
      .then([events.sharedDelivered({ data: { sharedVersion: 8 } })]);
  });
});

describe('streams stored before deconfliction was a fact of its own', () => {
  it('count a completed gateway assessment as deconflicted, so their Channel and hub steps go on', () => {
    const state = spec.given(histories.referredToChannel).when(commands.schedulePanel()).state();
    expect(state.sharing.deconfliction).toEqual({
      by: { organisation: 'prevent-referral-routing', user: 'router' },
      at: '2025-01-06T09:00:00Z',
    });
    spec
      .given(histories.panelScheduled)
      .when(commands.requestHub({ requestedBy: 'channel-panel', actor: actors.chair }))
      .then([events.hubRequested({ data: { requestedBy: 'channel-panel' } })]);
  });

  it('hold nothing back from anyone: no routing of theirs deferred sharing', () => {
    expect(spec.given(histories.routed).when(commands.startGateway()).state().sharing.withheld).toEqual([]);
  });
});

describe('MarkSharedDeliveryOverdue (a share has a delivery deadline, like a routing)', () => {
  const sharedAt6 = [...startedLater, events.deconflicted(), events.gatewayCompleted(), events.shared()];
  const overdue = { sharedVersion: 8, destinationId: coventry, dueBy: '2025-01-09T16:00:00Z' };

  it('records the overdue fact once the deadline has passed unconfirmed, and only once', () => {
    const command = commands.markSharedDeliveryOverdue({ ...overdue, at: '2025-01-09T16:00:00Z' });
    spec
      .given(sharedAt6)
      .when(command)
      .then([events.sharedDeliveryOverdue({ data: overdue })]);
    spec
      .given([...sharedAt6, events.sharedDeliveryOverdue({ data: overdue })])
      .when(command)
      .thenNothing();
  });

  it('refuses it before the deadline (the timer tries again)', () => {
    spec
      .given(sharedAt6)
      .when(commands.markSharedDeliveryOverdue({ ...overdue, at: '2025-01-09T15:59:59Z' }))
      .thenThrows('not-yet-due');
  });

  it('records nothing once the share was confirmed, the case is closed, or the organisation lost the case', () => {
    const command = commands.markSharedDeliveryOverdue({ ...overdue, at: '2025-01-10T00:00:00Z' });
    spec
      .given([...sharedAt6, events.sharedDelivered({ data: { sharedVersion: 8 } })])
      .when(command)
      .thenNothing();
    spec
      .given([...sharedAt6, events.closed({ data: { outcome: 'no-further-action' } })])
      .when(command)
      .thenNothing();
  });

  it('refuses a deadline of a share that did not go to that organisation', () => {
    spec
      .given(sharedAt6)
      .when(commands.markSharedDeliveryOverdue({ ...overdue, sharedVersion: 7, at: '2025-01-10T00:00:00Z' }))
      .thenThrows('not-a-destination');
  });

  it('keeps when each share was made, and which are overdue, in the state the timers read', () => {
    const state = spec
      .given([...sharedAt6, events.sharedDeliveryOverdue({ data: overdue })])
      .when(commands.deliverShare({ sharedVersion: 8 }))
      .state();
    expect(Object.keys(state.sharing.sharedAt ?? {})).toEqual(['8']);
    expect(state.sharing.overdueShares).toEqual([`8:${coventry}`]);
  });
});
