// The geography routing walks: postcode -> local authority district -> police force area ->
// Counter Terrorism Policing region -> Vulnerability Support Hub, and the directory of who to
// deliver to. Built once from the project's tables (data/geography/routing-table.json,
// data/geography/postcode-ranges.json, data/directory/organisations.json).
import * as z from 'zod';
import {
  type Directory,
  NATIONAL_TRIAGE_ID,
  type Organisation,
  policeHubId,
  vulnerabilitySupportHubId,
} from './directory.js';
import { buildPostcodeLookup, type PostcodeLookup, type PostcodeRangeTable } from './postcode-lookup.js';

const namedArea = z.object({ code: z.string().min(1), name: z.string().min(1) });

export const routingTableSchema = z.object({
  generatedBy: z.string(),
  sources: z.array(z.string()),
  ctpRegions: z.array(namedArea),
  vulnerabilitySupportHubs: z.array(namedArea),
  policeForces: z.array(
    namedArea.extend({
      /** The police force area's name in the ONS lookup ("West Midlands"); `name` is the force's ("West Midlands Police"). */
      areaName: z.string().min(1),
      ctpRegion: z.string().min(1),
      vulnerabilitySupportHub: z.string().min(1),
    }),
  ),
  districts: z.array(namedArea.extend({ councilName: z.string().min(1), policeForce: z.string().min(1) })),
  /** Councils the postcode table can return outside England and Wales, named for explanations. */
  authoritiesOutsideEnglandAndWales: z.array(namedArea),
});
export type RoutingTable = z.infer<typeof routingTableSchema>;

export interface NamedArea {
  readonly code: string;
  readonly name: string;
}
export type District = RoutingTable['districts'][number];
export type PoliceForce = RoutingTable['policeForces'][number];

export interface Geography {
  readonly postcodes: PostcodeLookup;
  readonly districts: ReadonlyMap<string, District>;
  readonly policeForces: ReadonlyMap<string, PoliceForce>;
  readonly ctpRegions: ReadonlyMap<string, NamedArea>;
  readonly vulnerabilitySupportHubs: ReadonlyMap<string, NamedArea>;
  readonly authoritiesOutsideEnglandAndWales: ReadonlyMap<string, NamedArea>;
  readonly organisations: ReadonlyMap<string, Organisation>;
}

export interface GeographyTables {
  routingTable: RoutingTable;
  postcodeRanges: PostcodeRangeTable;
  directory: Directory;
}

function byCode<T extends { code: string }>(items: readonly T[], what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.code)) throw new Error(`routing table: ${what} ${item.code} appears twice`);
    map.set(item.code, item);
  }
  return map;
}

function requireKnown(map: ReadonlyMap<string, unknown>, code: string, what: string, from: string): void {
  if (!map.has(code)) throw new Error(`routing table: ${from} refers to ${what} ${code}, which is not in the table`);
}

export function buildGeography(tables: GeographyTables): Geography {
  const { routingTable } = tables;
  const ctpRegions = byCode(routingTable.ctpRegions, 'CTP region');
  const vulnerabilitySupportHubs = byCode(routingTable.vulnerabilitySupportHubs, 'Vulnerability Support Hub');
  const policeForces = byCode(routingTable.policeForces, 'police force');
  const districts = byCode(routingTable.districts, 'district');
  for (const force of policeForces.values()) {
    requireKnown(ctpRegions, force.ctpRegion, 'CTP region', `police force ${force.code}`);
    requireKnown(
      vulnerabilitySupportHubs,
      force.vulnerabilitySupportHub,
      'Vulnerability Support Hub',
      `police force ${force.code}`,
    );
  }
  for (const district of districts.values()) {
    requireKnown(policeForces, district.policeForce, 'police force', `district ${district.code}`);
  }
  const organisations = new Map(tables.directory.organisations.map((organisation) => [organisation.id, organisation]));
  // Routing never ends with nowhere to go: every force's hub, every Vulnerability Support Hub and
  // national triage must be in the directory (councils may be missing or not onboarded).
  const required = [
    NATIONAL_TRIAGE_ID,
    ...[...policeForces.keys()].map(policeHubId),
    ...[...vulnerabilitySupportHubs.keys()].map(vulnerabilitySupportHubId),
  ];
  for (const id of required) {
    if (!organisations.has(id)) throw new Error(`directory: organisation ${id} is missing`);
  }
  return {
    postcodes: buildPostcodeLookup(tables.postcodeRanges),
    districts,
    policeForces,
    ctpRegions,
    vulnerabilitySupportHubs,
    authoritiesOutsideEnglandAndWales: byCode(routingTable.authoritiesOutsideEnglandAndWales, 'authority'),
    organisations,
  };
}
