import { describe, expect, it } from 'vitest';
import { actors, commands, events, histories, spec } from './referral-fixtures.js';

const scotland = events.routed({
  data: {
    jurisdiction: 'scotland',
    localAuthority: null,
    policeForce: null,
    ctpRegion: null,
    destinations: [{ kind: 'national-triage', id: 'national-triage', name: 'National triage' }],
    explanation: ['The postcode is in Scotland'],
  },
});

describe('StartGatewayAssessment', () => {
  it('starts the gateway assessment with its deadline', () => {
    spec.given(histories.routed).when(commands.startGateway()).then([events.gatewayStarted()]);
    expect(spec.given(histories.routed).when(commands.startGateway()).state()).toMatchObject({
      status: 'gateway-assessment',
      gateway: { status: 'started', dueBy: '2025-01-13' },
    });
  });

  it('is for police Prevent officers only', () => {
    spec
      .given(histories.routed)
      .when(commands.startGateway({ actor: actors.localAuthority }))
      .thenThrows('police-only');
  });

  it('refuses before the referral is routed', () => {
    spec.given(histories.submitted).when(commands.startGateway()).thenThrows('awaiting-routing');
  });

  it('refuses when the referral went to national triage rather than a police hub', () => {
    spec.given([events.submitted(), scotland]).when(commands.startGateway()).thenThrows('not-routed-to-police');
  });

  it('refuses to start twice', () => {
    spec.given(histories.gatewayStarted).when(commands.startGateway()).thenThrows('gateway-already-started');
    spec.given(histories.referredToChannel).when(commands.startGateway()).thenThrows('gateway-already-completed');
  });

  it('takes no due date from the officer: the deadline was set when the referral was routed', () => {
    spec
      .given(histories.routed)
      .when({ ...commands.startGateway(), dueBy: '2025-01-30' } as never)
      .thenThrows('invalid-command');
  });
});

describe('CompleteGatewayAssessment', () => {
  it('records the outcome and the confirmed type of concern, and deconfliction by the officer when it is done', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.completeGateway())
      .then([
        events.deconflicted({
          data: { by: { organisation: 'police:E23000014', user: 'po.1234' }, at: '2025-01-09T15:00:00Z' },
        }),
        events.gatewayCompleted(),
      ]);
  });

  it("records the release's newer categories as the assessed type of concern, a referrer's form having offered none of them", () => {
    const found = { outcome: 'no-further-action' as const, confirmedConcernType: 'high-ct-risk-no-ideology' };
    spec
      .given([...histories.gatewayStarted, events.deconflicted()])
      .when(commands.completeGateway(found))
      .then([events.gatewayCompleted({ data: found })]);
    expect(
      spec
        .given([...histories.gatewayStarted, events.deconflicted()])
        .when(commands.completeGateway(found))
        .state(),
    ).toMatchObject({ gateway: { confirmedConcernType: 'high-ct-risk-no-ideology' } });
  });

  it('refuses an assessed type of concern that is not in the list', () => {
    spec
      .given([...histories.gatewayStarted, events.deconflicted()])
      .when(commands.completeGateway({ confirmedConcernType: 'high-ct-risk' }))
      .thenThrows('invalid-command');
  });

  it('records a signposting with the services', () => {
    const signposted = { outcome: 'signposted' as const, signpostedTo: ['childrens-social-care' as const] };
    spec
      .given([...histories.gatewayStarted, events.deconflicted()])
      .when(commands.completeGateway(signposted))
      .then([events.gatewayCompleted({ data: signposted })]);
  });

  it('refuses a signposting that names no service', () => {
    const refusal = spec
      .given(histories.gatewayStarted)
      .when(commands.completeGateway({ outcome: 'signposted', signpostedTo: [] }))
      .refusal();
    expect(refusal).toMatchObject({ code: 'invalid-command' });
    expect(refusal.message).toContain('signpostedTo: name at least one service');
  });

  it('is for police Prevent officers only', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.completeGateway({ actor: actors.clinician }))
      .thenThrows('police-only');
  });

  it('refuses before the assessment started, and a second time', () => {
    spec.given(histories.routed).when(commands.completeGateway()).thenThrows('gateway-not-started');
    spec.given(histories.referredToChannel).when(commands.completeGateway()).thenThrows('gateway-already-completed');
  });
});

describe('MarkGatewayAssessmentOverdue', () => {
  it('records the missed deadline the day after it', () => {
    spec.given(histories.gatewayStarted).when(commands.markGatewayOverdue()).then([events.gatewayOverdue()]);
  });

  it('refuses on the day of the deadline', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.markGatewayOverdue({ at: '2025-01-13T23:59:00Z' }))
      .thenThrows('not-yet-due');
  });

  it('records nothing a second time, or once the assessment is complete', () => {
    spec
      .given([...histories.gatewayStarted, events.gatewayOverdue()])
      .when(commands.markGatewayOverdue())
      .thenNothing();
    spec.given(histories.referredToChannel).when(commands.markGatewayOverdue()).thenNothing();
  });

  it('runs from routing, whether or not anyone has started the assessment', () => {
    spec.given(histories.routed).when(commands.markGatewayOverdue()).then([events.gatewayOverdue()]);
  });

  it('refuses on a referral routed before deadlines were set at routing, until it is started', () => {
    const routedEarlier = [events.submitted(), events.routed()];
    spec.given(routedEarlier).when(commands.markGatewayOverdue()).thenThrows('gateway-not-started');
  });
});

const referredToHub = [
  ...histories.gatewayStarted,
  events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
];

describe('RequestHubAssessment', () => {
  it('follows a gateway assessment that referred the case to the hub', () => {
    spec.given(referredToHub).when(commands.requestHub()).then([events.hubRequested()]);
    expect(spec.given(referredToHub).when(commands.requestHub()).state().status).toBe('hub-assessment');
  });

  it('refuses a request on behalf of a gateway assessment that did not refer to the hub', () => {
    spec.given(histories.referredToChannel).when(commands.requestHub()).thenThrows('out-of-order');
  });

  it('follows a referrer who asked for the hub, before the gateway assessment is done', () => {
    const asked = [
      events.submitted({ data: { vulnerabilitySupportHubRequested: true } }),
      events.routed(),
      events.deconflicted(),
    ];
    const command = commands.requestHub({ requestedBy: 'referrer' });
    spec
      .given(asked)
      .when(command)
      .then([events.hubRequested({ data: { requestedBy: 'referrer' } })]);
    spec
      .given([...histories.routed, events.deconflicted()])
      .when(command)
      .thenThrows('out-of-order');
  });

  it('follows a Channel panel', () => {
    const command = commands.requestHub({ requestedBy: 'channel-panel', actor: actors.chair });
    spec
      .given(histories.panelScheduled)
      .when(command)
      .then([events.hubRequested({ data: { requestedBy: 'channel-panel' } })]);
    spec.given(histories.referredToChannel).when(command).thenThrows('out-of-order');
  });

  it('refuses while another hub assessment is in progress', () => {
    spec
      .given([...referredToHub, events.hubRequested()])
      .when(commands.requestHub())
      .thenThrows('hub-assessment-in-progress');
  });

  it('lets the router add the hub as a destination', () => {
    const withHub = events.routed({
      data: {
        reason: 'hub-assessment-requested',
        destinations: [
          ...events.routed().data.destinations,
          {
            kind: 'vulnerability-support-hub',
            id: 'vsh:WEST-MIDLANDS',
            name: 'West Midlands Vulnerability Support Hub',
          },
        ],
      },
    });
    const command = commands.route({ reason: 'hub-assessment-requested', destinations: withHub.data.destinations });
    const state = spec
      .given([...referredToHub, events.hubRequested()])
      .when(command)
      .state();
    expect(state.currentDestinations).toEqual(['police:E23000014', 'la:E08000026', 'vsh:WEST-MIDLANDS']);
  });
});

describe('CompleteHubAssessment', () => {
  it('records the hub outcome', () => {
    spec
      .given([...referredToHub, events.hubRequested()])
      .when(commands.completeHub())
      .then([events.hubCompleted()]);
  });

  it('refuses when no hub assessment was requested', () => {
    spec.given(referredToHub).when(commands.completeHub()).thenThrows('hub-assessment-not-requested');
    const completed = [...referredToHub, events.hubRequested(), events.hubCompleted()];
    spec.given(completed).when(commands.completeHub()).thenThrows('hub-assessment-not-requested');
  });
});
