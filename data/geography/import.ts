// `npm run import:geography [-- --district-lookup <csv> --force-regions <csv> --postcodes <json> --authority-names <json>]`
// Rebuilds the project's tables from the ONS-style sources (defaults: the files beside this script):
//   data/geography/routing-table.json    districts -> police force -> CTP region -> hub, with names
//   data/geography/postcode-ranges.json  postcode -> local authority ranges (valid JSON copy of the source)
//   data/directory/organisations.json    the destination organisations
// Output is deterministic: the same sources give byte-identical files.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { directorySchema } from '../../domain/routing/directory.js';
import { buildGeography } from '../../domain/routing/geography.js';
import { buildDirectory, mailboxesSchema, onboardedCouncilsSchema } from '../directory/build-directory.js';
import { buildRoutingTable, joinPostcodeTable } from './build-routing-table.js';
import { parseCsv } from './csv.js';
import { readPostcodeTable } from './read-postcode-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const directoryFolder = join(here, '..', 'directory');
const GENERATED_BY = 'npm run import:geography (data/geography/import.ts)';

const authorityNamesSchema = z.record(
  z.string(),
  z.object({ la_official_name: z.string(), la_nice_name: z.string(), la_gss_code: z.string().nullable() }),
);

const { values: paths } = parseArgs({
  options: {
    'district-lookup': { type: 'string', default: join(here, 'lad22_pfa22.csv') },
    'force-regions': { type: 'string', default: join(here, 'pfa22_ctp_region.csv') },
    hubs: { type: 'string', default: join(here, 'vulnerability-support-hubs.csv') },
    'force-names': { type: 'string', default: join(here, 'police-force-names.csv') },
    postcodes: { type: 'string', default: join(here, 'local_authorities.json') },
    'authority-names': { type: 'string', default: join(here, 'local_authorities_lookup.json') },
  },
});

const read = (path: string) => readFileSync(path, 'utf8');
const csv = (path: string) => parseCsv(basename(path), read(path));
const json = (path: string): unknown => JSON.parse(read(path));
const write = (path: string, value: unknown, indent?: number) => {
  writeFileSync(path, `${JSON.stringify(value, null, indent)}\n`);
  process.stderr.write(`wrote ${path}\n`);
};

try {
  const authorityNames = authorityNamesSchema.parse(json(paths['authority-names']));
  const postcodeRanges = readPostcodeTable(basename(paths.postcodes), read(paths.postcodes));
  const routingTable = joinPostcodeTable(
    buildRoutingTable({
      districtLookup: csv(paths['district-lookup']),
      forceRegions: csv(paths['force-regions']),
      hubs: csv(paths.hubs),
      forceNames: csv(paths['force-names']),
      authorityNames,
      generatedBy: GENERATED_BY,
    }),
    postcodeRanges,
    authorityNames,
  );
  const directory = directorySchema.parse(
    buildDirectory(routingTable, {
      onboardedCouncils: onboardedCouncilsSchema.parse(json(join(directoryFolder, 'onboarded-councils.json'))),
      mailboxes: mailboxesSchema.parse(json(join(directoryFolder, 'mailboxes.json'))),
      generatedBy: GENERATED_BY,
    }),
  );
  buildGeography({ routingTable, postcodeRanges, directory }); // the same checks the service makes on start
  write(join(here, 'routing-table.json'), routingTable, 2);
  write(join(here, 'postcode-ranges.json'), postcodeRanges);
  write(join(directoryFolder, 'organisations.json'), directory, 2);
  process.stderr.write(
    `${routingTable.districts.length} districts, ${routingTable.policeForces.length} police forces, ${routingTable.ctpRegions.length} CTP regions, ` +
      `${routingTable.vulnerabilitySupportHubs.length} hubs, ${postcodeRanges.postcode_keys.length} postcode ranges, ${directory.organisations.length} organisations\n`,
  );
} catch (error) {
  process.stderr.write(`import:geography failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
