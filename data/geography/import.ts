// `npm run import:geography [-- --district-lookup <csv> --force-regions <csv> --postcodes <json> ...]`
// Rebuilds the project's tables from the ONS-style sources (defaults: the files beside this script):
//   data/geography/routing-table.json    districts -> police force -> CTP region -> hub, with names
//   data/geography/postcode-ranges.json  postcode -> local authority ranges (the source's numbers, packed: leb128-brotli-base64/1)
//   data/directory/organisations.json    the destination organisations
// A newer ONS lookup (LAD23/PFA23 columns...) can be passed in place of the 2022 one.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SOURCES, type GeographySourcePaths, importGeography, OUTPUTS, serialise } from './import-geography.js';

const flags = {
  districtLookup: 'district-lookup',
  forceRegions: 'force-regions',
  hubs: 'hubs',
  forceNames: 'force-names',
  postcodes: 'postcodes',
  authorityNames: 'authority-names',
  onboardedCouncils: 'onboarded-councils',
  mailboxes: 'mailboxes',
} as const satisfies Record<keyof GeographySourcePaths, string>;

try {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.entries(flags).map(([key, flag]) => [flag, { type: 'string', default: DEFAULT_SOURCES[key as keyof GeographySourcePaths] }])),
  });
  const paths = Object.fromEntries(Object.entries(flags).map(([key, flag]) => [key, String(values[flag])])) as unknown as GeographySourcePaths;
  const tables = importGeography(paths);
  const files = serialise(tables);
  for (const [key, path] of Object.entries(OUTPUTS)) {
    writeFileSync(path, files[key as keyof typeof OUTPUTS]);
    process.stderr.write(`wrote ${path}\n`);
  }
  const { routingTable, postcodeRanges, directory } = tables;
  process.stderr.write(
    `${routingTable.districts.length} districts, ${routingTable.policeForces.length} police forces, ${routingTable.ctpRegions.length} CTP regions, ` +
      `${routingTable.vulnerabilitySupportHubs.length} hubs, ${postcodeRanges.postcode_keys.length} postcode ranges, ${directory.organisations.length} organisations\n`,
  );
} catch (error) {
  process.stderr.write(`import:geography failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
