import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildRoutingTable,
  joinPostcodeTable,
  type RoutingTableSources,
} from '../../../data/geography/build-routing-table.js';
import { parseCsv } from '../../../data/geography/csv.js';
import { importGeography, OUTPUTS, serialise } from '../../../data/geography/import-geography.js';
import { readPostcodeTable } from '../../../data/geography/read-postcode-table.js';
import { postcodeNumber } from '../../../domain/routing/postcode-lookup.js';

const HUBS = 'vsh_code,vsh_name\nVSH-WEST-MIDLANDS,Vulnerability Support Hub West Midlands\n';
const REGIONS =
  'pfa22cd,pfa22nm,ctp_region_code,ctp_region_name,vsh_code\nE23000014,West Midlands,CTP-WM,Counter Terrorism Policing West Midlands,VSH-WEST-MIDLANDS\nE23000015,Staffordshire,CTP-WM,Counter Terrorism Policing West Midlands,VSH-WEST-MIDLANDS\n';
const DISTRICTS =
  'lad22cd,lad22nm,pfa22cd,pfa22nm\nE08000026,Coventry,E23000014,West Midlands\nE07000194,Lichfield,E23000015,Staffordshire\n';

function sources(files: { districts?: string; regions?: string; hubs?: string } = {}): RoutingTableSources {
  return {
    districtLookup: parseCsv('districts.csv', files.districts ?? DISTRICTS),
    forceRegions: parseCsv('regions.csv', files.regions ?? REGIONS),
    hubs: parseCsv('hubs.csv', files.hubs ?? HUBS),
    authorityNames: {
      COV: { la_official_name: 'Coventry City Council', la_nice_name: 'Coventry', la_gss_code: 'E08000026' },
    },
    generatedBy: 'test',
  };
}

describe('the geography importer', () => {
  it('builds districts -> force -> region -> hub with names', () => {
    const table = buildRoutingTable(sources());
    expect(table.districts).toEqual([
      { code: 'E07000194', name: 'Lichfield', councilName: 'Lichfield Council', policeForce: 'E23000015' },
      { code: 'E08000026', name: 'Coventry', councilName: 'Coventry City Council', policeForce: 'E23000014' },
    ]);
    expect(
      table.policeForces.map((force) => [force.code, force.name, force.ctpRegion, force.vulnerabilitySupportHub]),
    ).toEqual([
      ['E23000014', 'West Midlands Police', 'CTP-WM', 'VSH-WEST-MIDLANDS'],
      ['E23000015', 'Staffordshire Police', 'CTP-WM', 'VSH-WEST-MIDLANDS'],
    ]);
  });

  it('reads a newer lookup with LAD23/PFA23 columns in any case, quoted fields and extra columns', () => {
    const lad23 =
      'FID,LAD23CD,lad23nm,CSP23CD,Pfa23Cd,PFA23NM\r\n1,E06000063,Cumberland,E22000001,E23000002,Cumbria\r\n2,E06000063,Cumberland,E22000002,E23000002,Cumbria\r\n3,E06000064,"Westmorland and Furness",E22000003,E23000002,Cumbria\r\n';
    const regions =
      'PFA23CD,PFA23NM,CTP_REGION_CODE,ctp_region_name,VSH_CODE\nE23000002,Cumbria,CTP-NW,"Counter Terrorism Policing North West",VSH-NORTH\n';
    const table = buildRoutingTable(
      sources({ districts: lad23, regions, hubs: 'vsh_code,vsh_name\nVSH-NORTH,Vulnerability Support Hub North\n' }),
    );
    expect(table.districts.map((d) => [d.code, d.name, d.policeForce])).toEqual([
      ['E06000063', 'Cumberland', 'E23000002'],
      ['E06000064', 'Westmorland and Furness', 'E23000002'],
    ]);
    expect(table.ctpRegions).toEqual([{ code: 'CTP-NW', name: 'Counter Terrorism Policing North West' }]);
  });

  it.each([
    [
      'a district with two forces',
      { districts: `${DISTRICTS}E08000026,Coventry,E23000015,Staffordshire\n` },
      /districts.csv line 4: district E08000026 \(Coventry\) has more than one police force: E23000014 and E23000015/,
    ],
    [
      'a missing district code column',
      { districts: 'code,lad22nm,pfa22cd,pfa22nm\nE08000026,Coventry,E23000014,West Midlands\n' },
      /districts.csv: has no LADyyCD column \(columns: code, lad22nm, pfa22cd, pfa22nm\)/,
    ],
    [
      'two district code columns',
      { districts: 'lad22cd,lad23cd,lad22nm,pfa22cd,pfa22nm\n' },
      /more than one LADyyCD column/,
    ],
    [
      'an empty force',
      { districts: 'lad22cd,lad22nm,pfa22cd,pfa22nm\nE08000026,Coventry,,West Midlands\n' },
      /districts.csv line 2: PFAyyCD is empty/,
    ],
    [
      'a code that is not a GSS code',
      { districts: 'lad22cd,lad22nm,pfa22cd,pfa22nm\nCoventry,E08000026,E23000014,West Midlands\n' },
      /line 2: district code "Coventry" is not an England or Wales GSS code/,
    ],
    [
      'a force with no region',
      { regions: REGIONS.split('\n').slice(0, 2).join('\n') },
      /regions.csv: police force E23000015 \(Staffordshire\) has no CTP region and hub/,
    ],
    [
      'a force with an unknown hub',
      {
        regions: REGIONS.replace(
          'E23000015,Staffordshire,CTP-WM,Counter Terrorism Policing West Midlands,VSH-WEST-MIDLANDS',
          'E23000015,Staffordshire,CTP-WM,Counter Terrorism Policing West Midlands,VSH-NOWHERE',
        ),
      },
      /regions.csv line 3: Vulnerability Support Hub VSH-NOWHERE is not in hubs.csv/,
    ],
    [
      'a region named two ways',
      {
        regions: REGIONS.replace(
          'E23000015,Staffordshire,CTP-WM,Counter Terrorism Policing West Midlands',
          'E23000015,Staffordshire,CTP-WM,West Mids',
        ),
      },
      /CTP-WM is named both/,
    ],
    ['no districts at all', { districts: 'lad22cd,lad22nm,pfa22cd,pfa22nm\n' }, /districts.csv: no districts/],
    [
      'an unclosed quote',
      { districts: 'lad22cd,lad22nm,pfa22cd,pfa22nm\nE08000026,"Coventry,E23000014,West Midlands\n' },
      /a quoted field is not closed/,
    ],
  ])('refuses %s with a clear error', (_what, files, message) => {
    expect(() => buildRoutingTable(sources(files))).toThrow(message);
  });

  it('refuses a postcode table and a district lookup of different years', () => {
    const table = buildRoutingTable(sources());
    const ranges = (codes: string[]) => ({
      postcode_keys: codes.map((_, i) => (i === 0 ? postcodeNumber('B11AA') : 1000)),
      value_key: codes.map((_, i) => i + 1),
      value_values: codes,
    });
    expect(() => joinPostcodeTable(table, ranges(['E08000026', 'E07000194', 'E07000026']), {})).toThrow(
      /returns 1 districts the district lookup does not have \(E07000026\)/,
    );
    expect(() => joinPostcodeTable(table, ranges(['E08000026']), {})).toThrow(
      /no postcode in the postcode table leads to 1 districts of the lookup \(E07000194\)/,
    );
    expect(
      joinPostcodeTable(table, ranges(['E08000026', 'E07000194', 'S12000036']), {
        EDH: {
          la_official_name: 'City of Edinburgh Council',
          la_nice_name: 'City of Edinburgh',
          la_gss_code: 'S12000036',
        },
      }).authoritiesOutsideEnglandAndWales,
    ).toEqual([{ code: 'S12000036', name: 'City of Edinburgh' }]);
  });

  it('reads the source postcode table, whose NaN is not JSON, and refuses a broken one', () => {
    const table = readPostcodeTable(
      't.json',
      '{"postcode_keys":[100,5],"value_key":[1,2],"value_values":["E08000026",NaN]}',
    );
    expect(table.value_values).toEqual(['E08000026', null]);
    expect(() =>
      readPostcodeTable('t.json', '{"postcode_keys":[100,0],"value_key":[1,1],"value_values":["E08000026"]}'),
    ).toThrow(/t.json: postcode table: range 1 is out of order/);
    expect(() => readPostcodeTable('t.json', '{"postcode_keys":"x"}')).toThrow(
      /t.json: not a postcode table \(postcode_keys/,
    );
  });

  it('rebuilds the committed tables byte for byte from the committed sources', () => {
    const files = serialise(importGeography());
    for (const [key, path] of Object.entries(OUTPUTS)) {
      expect(files[key as keyof typeof OUTPUTS], path).toBe(readFileSync(path, 'utf8'));
    }
    // Reads and joins every ONS source table: seconds alone, far more on a loaded machine.
  }, 30_000);
});
