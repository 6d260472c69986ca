import { describe, expect, it } from 'vitest';
import { ERASED } from '../../../events/envelope.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { routingCommandFor, routingCommandId } from '../../../functions/router/routing-command.js';
import { ReferralHistory, submitReferral } from './referral-history.js';

const geography = loadGeography();
const AT = '2026-01-05T09:01:00Z';

function routedAfterSubmission(postcode: string, options: Parameters<typeof submitReferral>[1] = {}) {
  const history = new ReferralHistory('referral-abc123def456');
  const [submitted] = history.run(submitReferral(postcode, options));
  const command = routingCommandFor(submitted!, history.events, history.state, geography, AT);
  return { history, submitted: submitted!, command };
}

describe('routing a submitted referral', () => {
  it('routes Coventry to West Midlands Police and Coventry City Council, and the decider accepts it', () => {
    const { history, command } = routedAfterSubmission('cv15fb');
    expect(command).not.toBeNull();
    expect(command!.destinations.map((d) => d.id)).toEqual(['police:E23000014', 'la:E08000026']);
    expect(command!.reason).toBe('submitted');
    expect(command!.personal).toEqual({ postcode: 'CV1 5FB' });
    // The postcode is personal: kept in the personal part, never in the explanation (non-personal data).
    expect(command!.explanation.join(' ')).not.toMatch(/CV1 ?5FB/i);
    expect(command!.explanation[0]).toBe('the postcode given is in Coventry (E08000026)');
    expect(command!.actor).toEqual({ organisation: 'system', user: 'router', role: 'system' });
    const [routed] = history.run(command!);
    expect(routed!.type).toBe('ReferralRouted');
    expect(history.state.currentDestinations).toEqual(['police:E23000014', 'la:E08000026']);
  });

  it('routes Lichfield to Staffordshire Police and Lichfield District Council', () => {
    const { command } = routedAfterSubmission('WS13 6YY');
    expect(command!.destinations.map((d) => d.id)).toEqual(['police:E23000015', 'la:E07000194']);
  });

  it('holds a Scottish referral for national triage and an unreadable postcode too', () => {
    expect(routedAfterSubmission('EH1 1YZ').command!.destinations.map((d) => d.id)).toEqual(['national-triage']);
    const unreadable = routedAfterSubmission('no idea').command!;
    expect(unreadable.destinations.map((d) => d.id)).toEqual(['national-triage']);
    expect(unreadable.explanation.join(' ')).not.toContain('no idea');
  });

  it('records no outward code or postcode area in the explanation when only part of a postcode was given', () => {
    for (const given of ['CV1', 'cv1', 'WS13']) {
      const { command } = routedAfterSubmission(given);
      expect(command!.destinations.map((d) => d.id)).toEqual(['national-triage']);
      expect(command!.explanation.join(' ')).not.toMatch(new RegExp(`\\b${given}\\b`, 'i'));
    }
  });

  it('marks an immediate risk urgent and adds the hub when one was asked for', () => {
    const { history, command } = routedAfterSubmission('CV1 5FB', {
      immediateRisk: true,
      vulnerabilitySupportHubRequested: true,
    });
    expect(command!.priority).toBe('urgent');
    expect(command!.destinations.map((d) => d.id)).toEqual([
      'police:E23000014',
      'la:E08000026',
      'vsh:VSH-WEST-MIDLANDS',
    ]);
    expect(() => history.run(command!)).not.toThrow();
  });

  it('does not route when the personal part was erased before the router saw it', () => {
    const { history, submitted } = routedAfterSubmission('CV1 5FB');
    const erased = { ...submitted, personal: ERASED } as typeof submitted;
    expect(routingCommandFor(erased, history.events, history.state, geography, AT)).toBeNull();
  });

  it('names the command by stream and source version, so a replay is the same command', () => {
    expect(routingCommandId('referral-abc123def456', 1)).toBe('route:referral-abc123def456:1');
  });
});

function referToHub(
  history: ReferralHistory,
  police: { organisation: string; user: string; role: 'police-prevent-officer' },
): void {
  history.run({ type: 'StartGatewayAssessment', at: '2026-01-06T09:00:00Z', actor: police });
  history.run({
    type: 'CompleteGatewayAssessment',
    at: '2026-01-06T09:30:00Z',
    actor: police,
    outcome: 'referred-to-vulnerability-support-hub',
    confirmedConcernType: 'extreme-right-wing',
    deconflicted: true,
    signpostedTo: [],
    personal: { rationale: 'Needs a clinical view.' },
  });
}

describe('rerouting', () => {
  it('routes a transfer by the new postcode and keeps the urgency and the hub request', () => {
    const { history, command } = routedAfterSubmission('CV1 5FB', {
      immediateRisk: true,
      vulnerabilitySupportHubRequested: true,
    });
    history.run(command!);
    const [transferred] = history.run({
      type: 'TransferReferral',
      at: '2026-01-06T09:00:00Z',
      actor: { organisation: 'police:E23000014', user: 'officer', role: 'police-prevent-officer' },
      reason: 'person-moved',
      personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6YY' },
    });
    const reroute = routingCommandFor(transferred!, history.events, history.state, geography, AT)!;
    expect(reroute.reason).toBe('transferred');
    expect(reroute.priority).toBe('urgent');
    expect(reroute.destinations.map((d) => d.id)).toEqual([
      'police:E23000015',
      'la:E07000194',
      'vsh:VSH-WEST-MIDLANDS',
    ]);
    history.run(reroute);
    expect(history.state.formerDestinations).toEqual(['police:E23000014', 'la:E08000026']);
  });

  it('adds the Vulnerability Support Hub when a hub assessment is requested, from the latest postcode', () => {
    const { history, command } = routedAfterSubmission('WS13 6YY');
    history.run(command!);
    const police = { organisation: 'police:E23000015', user: 'officer', role: 'police-prevent-officer' } as const;
    referToHub(history, police);
    const [requested] = history.run({
      type: 'RequestHubAssessment',
      at: '2026-01-06T10:00:00Z',
      actor: police,
      requestedBy: 'gateway-assessment',
      personal: { reason: 'Signs of unmet mental health needs.' },
    });
    const reroute = routingCommandFor(requested!, history.events, history.state, geography, AT)!;
    expect(reroute.reason).toBe('hub-assessment-requested');
    expect(reroute.destinations.map((d) => d.id)).toEqual([
      'police:E23000015',
      'la:E07000194',
      'vsh:VSH-WEST-MIDLANDS',
    ]);
    history.run(reroute);
    expect(history.state.currentDestinations).toContain('vsh:VSH-WEST-MIDLANDS');
  });

  it('does not reroute a hub request when the hub already has the referral', () => {
    const { history, command } = routedAfterSubmission('WS13 6YY', { vulnerabilitySupportHubRequested: true });
    history.run(command!);
    const police = { organisation: 'police:E23000015', user: 'officer', role: 'police-prevent-officer' } as const;
    referToHub(history, police);
    const [requested] = history.run({
      type: 'RequestHubAssessment',
      at: '2026-01-06T10:00:00Z',
      actor: police,
      requestedBy: 'gateway-assessment',
      personal: { reason: 'Signs of unmet mental health needs.' },
    });
    expect(routingCommandFor(requested!, history.events, history.state, geography, AT)).toBeNull();
  });
});
