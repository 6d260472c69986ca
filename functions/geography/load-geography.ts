// Loads the project's geography and directory tables and builds the routing structures once per
// process (a Lambda builds them on its cold start; later calls reuse them). The JSON is imported,
// so a bundler inlines it and the function needs no files at run time.
import organisations from '../../data/directory/organisations.json' with { type: 'json' };
import postcodeRanges from '../../data/geography/postcode-ranges.json' with { type: 'json' };
import routingTable from '../../data/geography/routing-table.json' with { type: 'json' };
import { type Directory, directorySchema } from '../../domain/routing/directory.js';
import { buildGeography, type Geography, routingTableSchema } from '../../domain/routing/geography.js';
import { postcodeRangeTableSchema } from '../../domain/routing/postcode-lookup.js';

let geography: Geography | undefined;

export function loadGeography(): Geography {
  geography ??= buildGeography({
    routingTable: routingTableSchema.parse(routingTable),
    postcodeRanges: postcodeRangeTableSchema.parse(postcodeRanges),
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
