// Loads the project's geography and directory tables and builds the routing structures once per
// process (a Lambda builds them on its cold start; later calls reuse them). The JSON is imported,
// so a bundler inlines it and the function needs no files at run time (the postcode table packed,
// see postcode-table-file.ts, to keep the bundles that route small).
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import postcodeRanges from '../../data/geography/postcode-ranges.json' with { type: 'json' };
import routingTable from '../../data/geography/routing-table.json' with { type: 'json' };
import { type Directory, type Organisation } from '../../domain/routing/directory.js';
import { buildGeography, type Geography, type RoutingTable } from '../../domain/routing/geography.js';
import { readStoredPostcodeTable } from './postcode-table-file.js';

let geography: Geography | undefined;

/**
 * The postcode table is the importer's own output, checked element by element when it was
 * written (data/geography/read-postcode-table.ts) and by the district tests; at a cold start it
 * is unpacked once (functions/geography/postcode-table-file.ts), each list checked to hold
 * exactly one number per range.
 */
export function loadGeography(): Geography {
  geography ??= buildGeography({
    routingTable: loadRoutingTable(),
    postcodeRanges: readStoredPostcodeTable(postcodeRanges),
    directory: loadDirectory(),
  });
  return geography;
}

/**
 * The directory and the routing table are the repository's own files, compiled into the function:
 * they are checked against their schemas where they are made and changed (the importer,
 * test/functions/geography/compiled-tables.unit.test.ts, which also proves that a parse would
 * return them unchanged), so a cold start takes them as they are. Parsing them at every cold
 * start took 7-11 ms of CPU (the directory's addresses and queue names) and could find nothing the
 * tests had not.
 */
const compiledDirectory = organisations as unknown as Directory;
const compiledRoutingTable = routingTable as unknown as RoutingTable;

let organisationsById: ReadonlyMap<string, Organisation> | undefined;

/** The directory of destinations alone, for functions that deliver but do not route. */
export function loadDirectory(): Directory {
  return compiledDirectory;
}

/** The directory's organisations by id, for functions that administer or deliver but do not route. */
export function loadOrganisations(): ReadonlyMap<string, Organisation> {
  organisationsById ??= new Map(loadDirectory().organisations.map((organisation) => [organisation.id, organisation]));
  return organisationsById;
}

/** The routing table alone (districts, their councils and police forces), without the postcode table. */
export function loadRoutingTable(): RoutingTable {
  return compiledRoutingTable;
}
