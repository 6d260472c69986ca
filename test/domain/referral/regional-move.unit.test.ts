// A regional Prevent hub moves a case between the police forces of its region (decision 0018).
import { describe, expect, it } from 'vitest';
import { regionsHolding } from '../../../domain/referral/index.js';
import { actors, commands, events, histories, spec } from './referral-fixtures.js';

/** The router's routing after the move: West Midlands Police replaced by Staffordshire Police. */
const movedRouting = events.routed({
  data: {
    reason: 'moved-within-region',
    policeForce: { code: 'E23000015', name: 'Staffordshire Police' },
    destinations: [
      { kind: 'police-prevent-hub', id: 'police:E23000015', name: 'Staffordshire Police Prevent hub' },
      { kind: 'local-authority-prevent-team', id: 'la:E08000026', name: 'Coventry City Council Prevent team' },
    ],
  },
});
const moved = events.movedWithinRegion();

describe('MoveCaseWithinRegion', () => {
  it('records who moved the case, from which force to which, and why', () => {
    spec.given(histories.gatewayStarted).when(commands.moveWithinRegion()).then([moved]);
  });

  it('takes the case from the old force at once, leaves the council, and waits for the router', () => {
    const state = spec.given(histories.gatewayStarted).when(commands.moveWithinRegion()).state();
    expect(state).toMatchObject({
      currentDestinations: ['la:E08000026'],
      formerDestinations: ['police:E23000014'],
      awaitingRerouting: true,
      regionalMove: { toPoliceForce: 'E23000015', routed: false },
    });
    // The regional hub that moved it keeps sight of it while the move is routed.
    expect(regionsHolding(state)).toEqual(['CTP-WM']);
  });

  it('gives the case to the new force when the router routes it, without waiting for an acceptance', () => {
    const history = [...histories.gatewayStarted, moved];
    const routing = commands.route({ ...movedRouting.data, personal: movedRouting.personal });
    spec.given(history).when(routing).then([movedRouting]);
    const state = spec.given(history).when(routing).state();
    expect(state).toMatchObject({
      currentDestinations: ['police:E23000015', 'la:E08000026'],
      formerDestinations: ['police:E23000014'],
      awaitingRerouting: false,
      transferAwaitingAcceptance: false,
      regionalMove: { toPoliceForce: 'E23000015', routed: true },
      routing: { policeForceCode: 'E23000015', ctpRegionCode: 'CTP-WM', reason: 'moved-within-region' },
    });
    expect(regionsHolding(state)).toEqual(['CTP-WM']);
    // The gateway assessment the old force started goes on with the new one.
    spec
      .given([...history, movedRouting])
      .when(commands.completeGateway({ actor: { ...actors.police, organisation: 'police:E23000015' } }))
      .then(expect.any(Array) as never);
  });

  it('routes a move once: a repeated routing records nothing', () => {
    spec
      .given([...histories.gatewayStarted, moved, movedRouting])
      .when(commands.route({ ...movedRouting.data, personal: movedRouting.personal }))
      .thenNothing();
  });

  it('a move is not routed once a transfer to another area superseded it (a late retry records nothing, and is not refused: it is a fact about the past)', () => {
    spec
      .given([...histories.gatewayStarted, moved, events.transferred()])
      .when(commands.route({ ...movedRouting.data, personal: movedRouting.personal }))
      .then([]);
  });

  it('a routing for a move that never happened is refused', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.route({ ...movedRouting.data, personal: movedRouting.personal }))
      .thenThrows('out-of-order');
  });

  it('is refused to anyone but the regional hub of the region whose force holds the case', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.moveWithinRegion({ actor: actors.police }))
      .thenThrows('regional-hub-only');
    spec
      .given(histories.gatewayStarted)
      .when(commands.moveWithinRegion({ actor: { ...actors.regionalHub, organisation: 'ctp:CTP-NW' } }))
      .thenThrows('regional-hub-only');
  });

  it('is refused to a force outside the region, and to the force that has the case', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.moveWithinRegion({ toPoliceForce: 'E23000005', ctpRegion: 'CTP-NW' }))
      .thenThrows('outside-region');
    spec
      .given(histories.gatewayStarted)
      .when(commands.moveWithinRegion({ toPoliceForce: 'E23000014' }))
      .thenThrows('already-with-force');
  });

  it('is refused while the case waits to be routed again, and on a closed case', () => {
    spec
      .given([...histories.gatewayStarted, moved])
      .when(commands.moveWithinRegion({ toPoliceForce: 'E23000016' }))
      .thenThrows('awaiting-routing');
    spec.given(histories.closed).when(commands.moveWithinRegion()).thenThrows('case-closed');
  });

  it('is refused for a referral held by national triage (no force, no region)', () => {
    const triage = events.routed({
      data: {
        jurisdiction: 'scotland',
        localAuthority: null,
        policeForce: null,
        ctpRegion: null,
        destinations: [{ kind: 'national-triage', id: 'national-triage', name: 'National triage' }],
      },
    });
    spec
      .given([...histories.submitted, triage])
      .when(commands.moveWithinRegion())
      .thenThrows('not-routed-to-police');
  });

  it('a transfer after a move starts afresh: the move no longer steers routing', () => {
    const state = spec
      .given([...histories.gatewayStarted, moved, movedRouting])
      .when(commands.transfer())
      .state();
    expect(state.regionalMove).toBeNull();
    expect(state.currentDestinations).toEqual([]);
    // Until the new area's routing, no region holds it.
    expect(regionsHolding(state)).toEqual([]);
  });
});
