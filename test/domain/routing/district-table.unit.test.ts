// The whole 2022 district table, not a sample: every district reaches its force, region and hub,
// by its code (transfers) and by a real postcode inside it.
import { describe, expect, it } from 'vitest';
import { routeForArea, routeReferral } from '../../../domain/routing/routing-rules.js';
import { loadGeography } from '../../../functions/geography/load-geography.js';
import { districtForces, forceRegions, postcodesPerAuthority } from './source-tables.js';

const geography = loadGeography();
const districts = districtForces();
const regions = forceRegions();
const postcodes = postcodesPerAuthority();
const needs = { immediateRisk: false, vulnerabilitySupportHubRequested: true };

describe('the district table', () => {
  it('has the 331 districts and 43 forces of the 2022 lookup', () => {
    expect(districts.size).toBe(331);
    expect(new Set(districts.values()).size).toBe(43);
    expect(regions.size).toBe(43);
    expect(geography.districts.size).toBe(331);
  });

  it.each([...districts])('district %s routes to police force %s, its CTP region and hub', (district, force) => {
    const expected = regions.get(force);
    const inDistrict = postcodes.get(district) ?? [];
    expect(expected).toBeDefined();
    expect(inDistrict.length).toBeGreaterThan(0);
    const decisions = [
      routeForArea({ localAuthorityCode: district, ...needs }, geography),
      ...inDistrict.map((postcode) => routeReferral({ postcode, ...needs }, geography)),
    ];
    for (const decision of decisions) {
      expect(decision.jurisdiction).toBe('england-wales');
      expect(decision.localAuthority?.code).toBe(district);
      expect(decision.policeForce?.code).toBe(force);
      expect(decision.ctpRegion?.code).toBe(expected?.region);
      expect(decision.vulnerabilitySupportHub?.code).toBe(expected?.hub);
      expect(decision.destinations[0]).toMatchObject({ kind: 'police-prevent-hub', id: `police:${force}` });
      expect(decision.destinations.at(-1)).toMatchObject({
        kind: 'vulnerability-support-hub',
        id: `vsh:${expected?.hub}`,
      });
    }
  });
});
