// Builds the project's routing table (districts -> force -> CTP region -> hub, with names) from
// ONS-style lookups, and checks it is whole. Column names are matched by pattern and case, so a
// LAD23/PFA23 or LAD24/PFA24 lookup can replace the 2022 one.
import { type PostcodeRangeTable } from '../../domain/routing/postcode-lookup.js';
import { jurisdictionOfAuthority } from '../../domain/routing/jurisdiction.js';
import { type RoutingTable } from '../../domain/routing/geography.js';
import { type CsvTable, readColumns } from './csv.js';

export interface RoutingTableSources {
  /** District -> police force area (columns LADyyCD, LADyyNM, PFAyyCD, PFAyyNM). */
  districtLookup: CsvTable;
  /** Police force area -> CTP region and hub (PFAyyCD, PFAyyNM, ctp_region_code, ctp_region_name, vsh_code). */
  forceRegions: CsvTable;
  /** Hub code -> name (vsh_code, vsh_name). */
  hubs: CsvTable;
  /** Optional force names by police force area code (PFAyyCD, force_name); default "<area> Police". */
  forceNames?: CsvTable;
  /** GSS code -> official council name (local_authorities_lookup.json), for council and outside names. */
  authorityNames: Readonly<Record<string, { la_official_name: string; la_nice_name: string; la_gss_code: string | null }>>;
  generatedBy: string;
}

const GSS_CODE = /^[EW]\d{8}$/;
const column = (pattern: RegExp, described: string) => ({ pattern, described });
const LAD_CODE = column(/^lad\d{2}cd$/i, 'LADyyCD');
const LAD_NAME = column(/^lad\d{2}nm$/i, 'LADyyNM');
const PFA_CODE = column(/^pfa\d{2}cd$/i, 'PFAyyCD');
const PFA_NAME = column(/^pfa\d{2}nm$/i, 'PFAyyNM');

function byCode<T extends { code: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function someOf(codes: readonly string[]): string {
  return codes.length > 10 ? `${codes.slice(0, 10).join(', ')}, ...` : codes.join(', ');
}

function checkCode(table: CsvTable, line: number, code: string, what: string): void {
  if (!GSS_CODE.test(code)) throw new Error(`${table.name} line ${line}: ${what} "${code}" is not an England or Wales GSS code`);
}

/** Adds a name under a code, failing if the same code was given another name elsewhere. */
function remember(names: Map<string, string>, code: string, name: string, where: string): void {
  const known = names.get(code);
  if (known !== undefined && known !== name) throw new Error(`${where}: ${code} is named both "${known}" and "${name}"`);
  names.set(code, name);
}

export function buildRoutingTable(sources: RoutingTableSources): RoutingTable {
  const { districtLookup, forceRegions, hubs } = sources;
  const councilNames = new Map(Object.values(sources.authorityNames).flatMap((a) => (a.la_gss_code ? [[a.la_gss_code, a.la_official_name] as const] : [])));

  // Every district has exactly one force (an ONS lookup may repeat a district, once per partnership).
  const districts = new Map<string, { code: string; name: string; councilName: string; policeForce: string }>();
  const forceAreaNames = new Map<string, string>();
  for (const row of readColumns(districtLookup, { lad: LAD_CODE, ladName: LAD_NAME, pfa: PFA_CODE, pfaName: PFA_NAME })) {
    checkCode(districtLookup, row.line, row.lad, 'district code');
    checkCode(districtLookup, row.line, row.pfa, 'police force area code');
    remember(forceAreaNames, row.pfa, row.pfaName, `${districtLookup.name} line ${row.line}`);
    const known = districts.get(row.lad);
    if (known !== undefined && known.policeForce !== row.pfa) {
      throw new Error(`${districtLookup.name} line ${row.line}: district ${row.lad} (${row.ladName}) has more than one police force: ${known.policeForce} and ${row.pfa}`);
    }
    districts.set(row.lad, { code: row.lad, name: row.ladName, councilName: councilNames.get(row.lad) ?? `${row.ladName} Council`, policeForce: row.pfa });
  }
  if (districts.size === 0) throw new Error(`${districtLookup.name}: no districts`);

  const hubNames = new Map<string, string>();
  for (const row of readColumns(hubs, { code: column(/^vsh_code$/i, 'vsh_code'), name: column(/^vsh_name$/i, 'vsh_name') })) {
    remember(hubNames, row.code, row.name, `${hubs.name} line ${row.line}`);
  }

  const forceNames = new Map<string, string>();
  if (sources.forceNames) {
    for (const row of readColumns(sources.forceNames, { pfa: PFA_CODE, name: column(/^force_name$/i, 'force_name') })) {
      remember(forceNames, row.pfa, row.name, `${sources.forceNames.name} line ${row.line}`);
    }
  }

  // Every force has a CTP region and a hub.
  const regionNames = new Map<string, string>();
  const forceRows = new Map<string, { region: string; hub: string; line: number }>();
  const regionColumns = {
    pfa: PFA_CODE,
    region: column(/^ctp_region_code$/i, 'ctp_region_code'),
    regionName: column(/^ctp_region_name$/i, 'ctp_region_name'),
    hub: column(/^vsh_code$/i, 'vsh_code'),
  };
  for (const row of readColumns(forceRegions, regionColumns)) {
    if (forceRows.has(row.pfa)) throw new Error(`${forceRegions.name} line ${row.line}: police force ${row.pfa} is listed twice`);
    if (!hubNames.has(row.hub)) throw new Error(`${forceRegions.name} line ${row.line}: Vulnerability Support Hub ${row.hub} is not in ${hubs.name}`);
    remember(regionNames, row.region, row.regionName, `${forceRegions.name} line ${row.line}`);
    forceRows.set(row.pfa, { region: row.region, hub: row.hub, line: row.line });
  }
  const policeForces = [...forceAreaNames].map(([code, areaName]) => {
    const regionRow = forceRows.get(code);
    if (regionRow === undefined) throw new Error(`${forceRegions.name}: police force ${code} (${areaName}) has no CTP region and hub`);
    return { code, name: forceNames.get(code) ?? `${areaName} Police`, areaName, ctpRegion: regionRow.region, vulnerabilitySupportHub: regionRow.hub };
  });
  const usedRegions = new Set(policeForces.map((force) => force.ctpRegion));
  const usedHubs = new Set(policeForces.map((force) => force.vulnerabilitySupportHub));

  return {
    generatedBy: sources.generatedBy,
    sources: [districtLookup.name, forceRegions.name, hubs.name, ...(sources.forceNames ? [sources.forceNames.name] : [])],
    ctpRegions: byCode([...regionNames].filter(([code]) => usedRegions.has(code)).map(([code, name]) => ({ code, name }))),
    vulnerabilitySupportHubs: byCode([...hubNames].filter(([code]) => usedHubs.has(code)).map(([code, name]) => ({ code, name }))),
    policeForces: byCode(policeForces),
    districts: byCode(districts.values()),
    authoritiesOutsideEnglandAndWales: [],
  };
}

/**
 * Checks the postcode table and the district lookup describe the same districts (a newer district
 * lookup needs a newer postcode table), and names the councils outside England and Wales.
 */
export function joinPostcodeTable(
  table: RoutingTable,
  postcodes: PostcodeRangeTable,
  authorityNames: RoutingTableSources['authorityNames'],
): RoutingTable {
  const returned = new Set(postcodes.value_values.filter((code): code is string => code !== null));
  const districtCodes = new Set(table.districts.map((district) => district.code));
  const inEnglandAndWales = [...returned].filter((code) => jurisdictionOfAuthority(code) === 'england-wales');
  const unknown = inEnglandAndWales.filter((code) => !districtCodes.has(code)).sort();
  if (unknown.length > 0) {
    throw new Error(`the postcode table returns ${unknown.length} districts the district lookup does not have (${someOf(unknown)}): use a postcode table and a district lookup of the same year`);
  }
  const unreachable = [...districtCodes].filter((code) => !returned.has(code)).sort();
  if (unreachable.length > 0) {
    throw new Error(`no postcode in the postcode table leads to ${unreachable.length} districts of the lookup (${someOf(unreachable)}): use a postcode table and a district lookup of the same year`);
  }
  const outsideNames = new Map(Object.values(authorityNames).flatMap((a) => (a.la_gss_code ? [[a.la_gss_code, a.la_nice_name] as const] : [])));
  const outside = [...returned]
    .filter((code) => jurisdictionOfAuthority(code) === 'scotland' || jurisdictionOfAuthority(code) === 'northern-ireland')
    .flatMap((code) => {
      const name = outsideNames.get(code);
      return name === undefined ? [] : [{ code, name }];
    });
  return { ...table, authoritiesOutsideEnglandAndWales: byCode(outside) };
}
