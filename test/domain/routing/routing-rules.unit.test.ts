import { describe, expect, it } from 'vitest';
import { buildGeography, routingTableSchema } from '../../../domain/routing/geography.js';
import {
  ROUTING_RULE_VERSION,
  routeForArea,
  routeReferral,
  type RoutingInput,
} from '../../../domain/routing/routing-rules.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import organisations from '../../../data/directory/organisations.json' with { type: 'json' };
import routingTable from '../../../data/geography/routing-table.json' with { type: 'json' };
import { directorySchema } from '../../../domain/routing/directory.js';

const geography = loadGeography();
const standard = { immediateRisk: false, vulnerabilitySupportHubRequested: false };
const route = (postcode: string, needs: Partial<Omit<RoutingInput, 'postcode'>> = {}) =>
  routeReferral({ postcode, ...standard, ...needs }, geography);
const ids = (decision: { destinations: { id: string }[] }) => decision.destinations.map((d) => d.id);
const NATIONAL_TRIAGE = [{ kind: 'national-triage', id: 'national-triage', name: 'National Prevent triage team' }];

describe('routing a referral in England and Wales', () => {
  it('routes Coventry to West Midlands Police and Coventry City Council', () => {
    const decision = route('CV1 2NJ');
    expect(decision).toMatchObject({
      postcode: 'CV1 2NJ',
      jurisdiction: 'england-wales',
      localAuthority: { code: 'E08000026', name: 'Coventry' },
      policeForce: { code: 'E23000014', name: 'West Midlands Police' },
      ctpRegion: { code: 'CTP-WM', name: 'Counter Terrorism Policing West Midlands' },
      vulnerabilitySupportHub: { code: 'VSH-WEST-MIDLANDS', name: 'Vulnerability Support Hub West Midlands' },
      priority: 'standard',
      ruleVersion: ROUTING_RULE_VERSION,
    });
    expect(decision.destinations).toEqual([
      { kind: 'police-prevent-hub', id: 'police:E23000014', name: 'West Midlands Police Prevent hub' },
      { kind: 'local-authority-prevent-team', id: 'la:E08000026', name: 'Coventry City Council Prevent team' },
    ]);
  });

  it('routes the WS13 6 sector to Staffordshire Police and Lichfield District Council', () => {
    const decision = route('ws136yy');
    expect(decision.policeForce).toEqual({ code: 'E23000015', name: 'Staffordshire Police' });
    expect(decision.localAuthority).toEqual({ code: 'E07000194', name: 'Lichfield' });
    expect(decision.destinations.map((d) => d.name)).toEqual([
      'Staffordshire Police Prevent hub',
      'Lichfield District Council Prevent team',
    ]);
  });

  it('explains each step: district (without naming the postcode), force, region, rule version', () => {
    expect(route('CV1 2NJ').explanation).toEqual([
      'the postcode given is in Coventry (E08000026)',
      'Coventry is policed by West Midlands Police (E23000014)',
      'West Midlands Police is in Counter Terrorism Policing West Midlands (CTP-WM)',
      'no immediate risk reported: standard delivery',
      `decided by routing rules ${ROUTING_RULE_VERSION}`,
    ]);
  });

  it('still reaches the police force when the council is not onboarded, and says so', () => {
    const decision = route('ST16 2AA'); // Stafford
    expect(decision.localAuthority).toEqual({ code: 'E07000197', name: 'Stafford' });
    expect(ids(decision)).toEqual(['police:E23000015']);
    expect(decision.explanation).toContain(
      'council not onboarded: Stafford Borough Council does not receive referrals through this service yet, Staffordshire Police does',
    );
  });

  it('adds the Vulnerability Support Hub only when one is asked for, after police and council', () => {
    expect(ids(route('CF10 1AA'))).toEqual(['police:W15000003', 'la:W06000015']);
    expect(ids(route('CF10 1AA', { vulnerabilitySupportHubRequested: true }))).toEqual([
      'police:W15000003',
      'la:W06000015',
      'vsh:VSH-WEST-MIDLANDS',
    ]);
    expect(ids(route('M1 1AE', { vulnerabilitySupportHubRequested: true }))).toEqual([
      'police:E23000005',
      'la:E08000003',
      'vsh:VSH-NORTH',
    ]);
    expect(ids(route('SW1A 1AA', { vulnerabilitySupportHubRequested: true }))).toEqual([
      'police:E23000001',
      'vsh:VSH-LONDON',
    ]);
  });

  it('marks a referral with immediate risk urgent for priority delivery', () => {
    const urgent = route('CV1 2NJ', { immediateRisk: true });
    expect(urgent.priority).toBe('urgent');
    expect(urgent.explanation).toContain('immediate risk reported: marked urgent for priority delivery');
    expect(route('CV1 2NJ').priority).toBe('standard');
    expect(route('EH1 1YZ', { immediateRisk: true }).priority).toBe('urgent');
    expect(route('not a postcode', { immediateRisk: true }).priority).toBe('urgent');
  });
});

describe('routing outside England and Wales', () => {
  it.each([
    ['EH1 1YZ', 'scotland', { code: 'S12000036', name: 'City of Edinburgh' }],
    ['ZE1 0AA', 'scotland', { code: 'S12000027', name: 'Shetland Islands' }],
    ['BT1 1AA', 'northern-ireland', { code: 'N09000003', name: 'Belfast' }],
    ['IM1 1AA', 'crown-dependency', null],
    ['JE2 3AB', 'crown-dependency', null],
    ['GY1 1AA', 'crown-dependency', null],
  ])('holds %s (%s) for national triage, never dropping it', (postcode, jurisdiction, localAuthority) => {
    const decision = route(postcode, { vulnerabilitySupportHubRequested: true });
    expect(decision.jurisdiction).toBe(jurisdiction);
    expect(decision.localAuthority).toEqual(localAuthority);
    expect(decision.policeForce).toBeNull();
    expect(decision.ctpRegion).toBeNull();
    expect(decision.vulnerabilitySupportHub).toBeNull();
    expect(decision.destinations).toEqual(NATIONAL_TRIAGE);
    expect(decision.explanation.join('\n')).toMatch(
      /outside the Prevent duty's England and Wales arrangements: held for the national triage team/,
    );
  });

  it('uses the postcode area as second evidence when the table has no authority', () => {
    const gaps = buildGeography({
      routingTable: routingTableSchema.parse(routingTable),
      postcodeRanges: { postcode_keys: [Number.parseInt('AB101AA', 36)], value_key: [1], value_values: [null] },
      directory: directorySchema.parse(organisations),
    });
    const from = (postcode: string) => routeReferral({ postcode, ...standard }, gaps).jurisdiction;
    expect(from('BT1 1AA')).toBe('northern-ireland');
    expect(from('JE2 3AB')).toBe('crown-dependency');
    expect(from('EH1 1YZ')).toBe('unknown');
  });
});

describe('routing an unknown location', () => {
  it.each([
    ['an unparseable postcode', 'hello', null],
    ['an empty postcode', '', null],
    ['an outward code alone', 'WS13', null],
    ['a postcode area that does not exist', 'ZY1 1AA', 'ZY1 1AA'],
    ['a postcode with no authority in the table', 'E2 2AA', 'E2 2AA'],
  ])('sends %s to national triage', (_what, postcode, normalised) => {
    const decision = route(postcode);
    expect(decision.postcode).toBe(normalised);
    expect(decision.jurisdiction).toBe('unknown');
    expect(decision.localAuthority).toBeNull();
    expect(decision.destinations).toEqual(NATIONAL_TRIAGE);
  });

  it('explains an unreadable postcode without repeating what was typed', () => {
    const decision = route('Jane Smith, 1 High St');
    expect(decision.explanation[0]).toMatch(/^the postcode given could not be read: /);
    expect(decision.explanation.join(' ')).not.toMatch(/Jane|Smith|High/);
  });
});

describe('routing from a known area (transfers)', () => {
  it('makes the same decision as the postcode in that area', () => {
    const fromPostcode = route('CV1 2NJ', { vulnerabilitySupportHubRequested: true });
    const fromArea = routeForArea(
      { localAuthorityCode: 'E08000026', postcode: 'CV1 2NJ', ...standard, vulnerabilitySupportHubRequested: true },
      geography,
    );
    expect({ ...fromArea, explanation: [] }).toEqual({ ...fromPostcode, explanation: [] });
    expect(fromArea.explanation[0]).toBe('local authority E08000026 is in Coventry (E08000026)');
  });

  it.each([
    ['S12000036', 'scotland'],
    ['N09000003', 'northern-ireland'],
    ['M99999999', 'crown-dependency'],
    ['E99999999', 'unknown'],
    ['nonsense', 'unknown'],
  ])('sends area %s (%s) to national triage', (code, jurisdiction) => {
    const decision = routeForArea({ localAuthorityCode: code, ...standard }, geography);
    expect(decision.jurisdiction).toBe(jurisdiction);
    expect(decision.postcode).toBeNull();
    expect(decision.destinations).toEqual(NATIONAL_TRIAGE);
  });
});

describe('the explanation names nothing derived from the postcode', () => {
  // The explanation goes into the routed event's non-personal data, kept after erasure: it may
  // name the district, force, region and hub the routing decided, never the postcode, its
  // outward code ("CV1") or its area letters ("BT").
  const postcodeShaped = /\b[A-Z]{1,2}[0-9][A-Z0-9]?(?:\s*[0-9][A-Z]{2})?\b/i;
  const gaps = buildGeography({
    routingTable: routingTableSchema.parse(routingTable),
    postcodeRanges: { postcode_keys: [Number.parseInt('AB101AA', 36)], value_key: [1], value_values: [null] },
    directory: directorySchema.parse(organisations),
  });

  it.each([
    ['a full postcode in England', 'CV1 2NJ', ['CV1', '2NJ'], geography],
    ['a full postcode typed without its space', 'cv12nj', ['CV1', 'CV12NJ'], geography],
    ['an outward code alone', 'CV1', ['CV1'], geography],
    ['an outward code alone, in lower case', 'ws13', ['WS13'], geography],
    ['a postcode in Scotland', 'EH1 1YZ', ['EH1', '1YZ'], geography],
    ['a postcode whose area does not exist', 'ZY1 1AA', ['ZY1', 'ZY'], geography],
    ['a postcode the table has no authority for, in Northern Ireland', 'BT1 1AA', ['BT1', 'BT'], gaps],
    ['a postcode the table has no authority for, in Jersey', 'JE2 3AB', ['JE2', 'JE'], gaps],
  ])('for %s (%s)', (_what, postcode, derived, tables) => {
    const decision = routeReferral({ postcode, ...standard }, tables);
    const text = decision.explanation.join('\n');
    expect(text).not.toMatch(postcodeShaped);
    for (const part of derived) expect(text).not.toMatch(new RegExp(`\\b${part}\\b`, 'i'));
  });

  it('still says in plain words what was wrong with the postcode and where it is', () => {
    expect(route('CV1').explanation[0]).toBe(
      'the postcode given could not be read: only the first half of a postcode was given',
    );
    expect(route('CV1 2NJ').explanation[0]).toBe('the postcode given is in Coventry (E08000026)');
    expect(routeReferral({ postcode: 'BT1 1AA', ...standard }, gaps).explanation.slice(0, 2)).toEqual([
      'the postcode table has no local authority for the postcode given',
      "the postcode's area is in Northern Ireland",
    ]);
  });
});
