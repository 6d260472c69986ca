// Loads the project's geography and directory tables and builds the routing structures once per
// process (a Lambda builds them on its cold start; later calls reuse them). The JSON is imported,
// so a bundler inlines it and the function needs no files at run time (the postcode table packed,
// see domain/routing/postcode-lookup.ts, to keep the bundles that route small).
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import postcodeRanges from '../../data/geography/postcode-ranges.json' with { type: 'json' };
import routingTable from '../../data/geography/routing-table.json' with { type: 'json' };
import { type Directory, directorySchema } from '../../domain/routing/directory.js';
import { buildGeography, type Geography, routingTableSchema } from '../../domain/routing/geography.js';
import { type PostcodeRangeTable, packedPostcodeRangeTableSchema, unpackPostcodeRanges } from '../../domain/routing/postcode-lookup.js';

let geography: Geography | undefined;

/**
 * The postcode table is the importer's own output, checked element by element when it was
 * written (data/geography/read-postcode-table.ts) and by the district tests; at a cold start its
 * stored form is checked and unpacked once (every list must hold exactly one number per range).
 */
function generatedRangeTable(stored: unknown): PostcodeRangeTable {
  const packed = packedPostcodeRangeTableSchema.safeParse(stored);
  if (!packed.success) throw new Error('data/geography/postcode-ranges.json is not a packed postcode range table: run npm run import:geography');
  return unpackPostcodeRanges(packed.data);
}

export function loadGeography(): Geography {
  geography ??= buildGeography({
    routingTable: routingTableSchema.parse(routingTable),
    postcodeRanges: generatedRangeTable(postcodeRanges),
    directory: loadDirectory(),
  });
  return geography;
}

let directory: Directory | undefined;

/** The directory of destinations alone, for functions that deliver but do not route. */
export function loadDirectory(): Directory {
  directory ??= directorySchema.parse(organisations);
  return directory;
}
