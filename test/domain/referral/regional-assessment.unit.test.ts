// Where a CTP region's referrals are assessed by its regional Prevent hub (decision 0018), the hub
// is a destination of the referral beside the force, and its officer may make the gateway
// assessment; where the region is assessed by its forces (the default), nothing changes.
import { describe, expect, it } from 'vitest';
import { decideAccess } from '../../../domain/access/policy.js';
import { type CaseAccessFacts } from '../../../domain/access/policy.js';
import { regionsHolding } from '../../../domain/referral/index.js';
import { actors, commands, events, spec } from './referral-fixtures.js';

const REGIONAL_HUB = 'ctp:CTP-WM';

/** The router's routing of a Coventry referral when the West Midlands region is assessed by its regional hub. */
const routedWithRegionalHub = events.routed({
  data: {
    destinations: [
      { kind: 'police-prevent-hub', id: 'police:E23000014', name: 'West Midlands Police Prevent hub' },
      {
        kind: 'regional-prevent-hub',
        id: REGIONAL_HUB,
        name: 'Counter Terrorism Policing West Midlands regional Prevent hub',
      },
      { kind: 'local-authority-prevent-team', id: 'la:E08000026', name: 'Coventry City Council Prevent team' },
    ],
  },
});
const routedByForce = [events.submitted(), events.routed(), events.gatewayDeadline()];
const routedToHub = [events.submitted(), routedWithRegionalHub, events.gatewayDeadline()];
const hubOfficer = actors.regionalHub;
const otherRegionsHub = { ...actors.regionalHub, organisation: 'ctp:CTP-NE' };

describe('the gateway assessment where a region is assessed by its regional hub', () => {
  it('the regional hub is a current destination of the referral, and its region holds the case', () => {
    const state = spec
      .given(routedToHub)
      .when(commands.startGateway({ actor: hubOfficer }))
      .state();
    expect(state.currentDestinations).toEqual(['police:E23000014', REGIONAL_HUB, 'la:E08000026']);
    expect(regionsHolding(state)).toEqual(['CTP-WM']);
  });

  it("the hub's officer starts the gateway assessment", () => {
    spec
      .given(routedToHub)
      .when(commands.startGateway({ actor: hubOfficer }))
      .then([events.gatewayStarted()]);
  });

  it("the hub's officer records deconfliction, by the hub", () => {
    spec
      .given(routedToHub)
      .when(commands.recordDeconfliction({ actor: hubOfficer }))
      .then([
        events.deconflicted({
          data: { by: { organisation: REGIONAL_HUB, user: 'rph.officer' }, at: '2025-01-08T10:00:00Z' },
        }),
      ]);
  });

  it("the hub's officer completes the assessment (recording deconfliction as it does)", () => {
    spec
      .given([...routedToHub, events.gatewayStarted()])
      .when(commands.completeGateway({ actor: hubOfficer }))
      .then([
        events.deconflicted({
          data: { by: { organisation: REGIONAL_HUB, user: 'rph.officer' }, at: '2025-01-09T15:00:00Z' },
        }),
        events.gatewayCompleted(),
      ]);
  });

  it('the force may still make it: the hub does not take the assessment from the police', () => {
    spec.given(routedToHub).when(commands.startGateway()).then([events.gatewayStarted()]);
  });

  it("another region's hub officer may not", () => {
    spec
      .given(routedToHub)
      .when(commands.startGateway({ actor: otherRegionsHub }))
      .thenThrows('police-only');
  });
});

describe('the gateway assessment where a region is assessed by its forces (the default)', () => {
  it('the regional hub officer may not start, complete or deconflict: only the police', () => {
    spec
      .given(routedByForce)
      .when(commands.startGateway({ actor: hubOfficer }))
      .thenThrows('police-only');
    spec
      .given(routedByForce)
      .when(commands.recordDeconfliction({ actor: hubOfficer }))
      .thenThrows('police-only');
    spec
      .given([...routedByForce, events.gatewayStarted()])
      .when(commands.completeGateway({ actor: hubOfficer }))
      .thenThrows('police-only');
  });

  it('a case routed before the region changed to its hub stays with its force', () => {
    // The region's setting steers routings from now on; this case was routed to the force alone.
    spec.given(routedByForce).when(commands.startGateway()).then([events.gatewayStarted()]);
  });
});

describe('who may try it (the access policy)', () => {
  const viewer = { user: 'rph.officer', organisation: REGIONAL_HUB, role: 'regional-prevent-hub-officer' as const };
  /** What the API's case file gives the policy (functions/api/shared/case-file.ts), from the case before the assessment starts. */
  const factsOf = (history: typeof routedToHub): CaseAccessFacts => {
    const state = spec.given(history).when(commands.escalate()).state();
    return {
      currentDestinations: state.currentDestinations,
      submittedBy: { organisation: 'Coventry Academy', user: 'sam.referrer' },
      regions: regionsHolding(state),
    };
  };

  it.each(['start-gateway-assessment', 'complete-gateway-assessment', 'record-deconfliction'] as const)(
    'allows the regional hub officer to %s on a case its hub is a destination of, and not on one its force alone holds',
    (action) => {
      expect(decideAccess(viewer, action, { caseFacts: factsOf(routedToHub) })).toEqual({ allowed: true });
      expect(decideAccess(viewer, action, { caseFacts: factsOf(routedByForce) })).toMatchObject({
        allowed: false,
        answer: 'forbidden',
      });
    },
  );

  it("refuses the hub officer of another region as if the case did not exist, and the force's casework to any hub officer", () => {
    expect(
      decideAccess({ ...viewer, organisation: 'ctp:CTP-NE' }, 'start-gateway-assessment', {
        caseFacts: factsOf(routedToHub),
      }),
    ).toMatchObject({ allowed: false, answer: 'not-found' });
    expect(decideAccess(viewer, 'share-referral', { caseFacts: factsOf(routedToHub) })).toMatchObject({
      allowed: false,
      answer: 'forbidden',
    });
  });
});
