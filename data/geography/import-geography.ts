// Reads the sources and builds the project's tables, with every check; writes nothing.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { directorySchema } from '../../domain/routing/directory.js';
import { buildGeography, type GeographyTables } from '../../domain/routing/geography.js';
import { storePostcodeTable } from '../../functions/geography/postcode-table-file.js';
import { buildDirectory, mailboxesSchema, onboardedCouncilsSchema } from '../directory/build-directory.js';
import { buildRoutingTable, joinPostcodeTable } from './build-routing-table.js';
import { parseCsv } from './csv.js';
import { readPostcodeTable } from './read-postcode-table.js';

const here = dirname(fileURLToPath(import.meta.url));
const directoryFolder = join(here, '..', 'directory');
const GENERATED_BY = 'npm run import:geography (data/geography/import.ts)';

export interface GeographySourcePaths {
  districtLookup: string;
  forceRegions: string;
  hubs: string;
  forceNames: string;
  postcodes: string;
  authorityNames: string;
  onboardedCouncils: string;
  mailboxes: string;
}

export const DEFAULT_SOURCES: GeographySourcePaths = {
  districtLookup: join(here, 'lad22_pfa22.csv'),
  forceRegions: join(here, 'pfa22_ctp_region.csv'),
  hubs: join(here, 'vulnerability-support-hubs.csv'),
  forceNames: join(here, 'police-force-names.csv'),
  postcodes: join(here, 'local_authorities.json'),
  authorityNames: join(here, 'local_authorities_lookup.json'),
  onboardedCouncils: join(directoryFolder, 'onboarded-councils.json'),
  mailboxes: join(directoryFolder, 'mailboxes.json'),
};

export const OUTPUTS = {
  routingTable: join(here, 'routing-table.json'),
  postcodeRanges: join(here, 'postcode-ranges.json'),
  directory: join(directoryFolder, 'organisations.json'),
};

const authorityNamesSchema = z.record(
  z.string(),
  z.object({ la_official_name: z.string(), la_nice_name: z.string(), la_gss_code: z.string().nullable() }),
);

const read = (path: string) => readFileSync(path, 'utf8');
const csv = (path: string) => parseCsv(basename(path), read(path));
const json = (path: string): unknown => JSON.parse(read(path));

export function importGeography(paths: GeographySourcePaths = DEFAULT_SOURCES): GeographyTables {
  const authorityNames = authorityNamesSchema.parse(json(paths.authorityNames));
  const postcodeRanges = readPostcodeTable(basename(paths.postcodes), read(paths.postcodes));
  const routingTable = joinPostcodeTable(
    buildRoutingTable({
      districtLookup: csv(paths.districtLookup),
      forceRegions: csv(paths.forceRegions),
      hubs: csv(paths.hubs),
      forceNames: csv(paths.forceNames),
      authorityNames,
      generatedBy: GENERATED_BY,
    }),
    postcodeRanges,
    authorityNames,
  );
  const directory = directorySchema.parse(
    buildDirectory(routingTable, {
      onboardedCouncils: onboardedCouncilsSchema.parse(json(paths.onboardedCouncils)),
      mailboxes: mailboxesSchema.parse(json(paths.mailboxes)),
      generatedBy: GENERATED_BY,
    }),
  );
  buildGeography({ routingTable, postcodeRanges, directory }); // the same checks the service makes on start
  return { routingTable, postcodeRanges, directory };
}

/**
 * The files' contents, exactly as written (deterministic: the same sources give the same bytes).
 * The postcode table is stored packed (functions/geography/postcode-table-file.ts):
 * it is inlined into every function that routes, where its size counts.
 */
export function serialise(tables: GeographyTables): Record<keyof typeof OUTPUTS, string> {
  return {
    routingTable: `${JSON.stringify(tables.routingTable, null, 2)}\n`,
    postcodeRanges: `${JSON.stringify(storePostcodeTable(tables.postcodeRanges))}\n`,
    directory: `${JSON.stringify(tables.directory, null, 2)}\n`,
  };
}
