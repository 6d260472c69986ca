// The directory and the routing table compiled into every function are taken as they are at a
// cold start (functions/geography/load-geography.ts): this is where they are checked. Each must
// pass its schema, and a parse must return it unchanged (no key stripped, no default filled, no
// value transformed), so that skipping the parse at run time changes nothing.
import { describe, expect, it } from 'vitest';
import organisations from '../../../data/directory/organisations.json' with { type: 'json' };
import routingTable from '../../../data/geography/routing-table.json' with { type: 'json' };
import { directorySchema } from '../../../domain/routing/directory.js';
import { routingTableSchema } from '../../../domain/routing/geography.js';
import { loadDirectory, loadRoutingTable } from '../../../functions/geography/load-geography.js';

describe('the tables compiled into the functions', () => {
  it('the directory passes its schema, and parsing it would change nothing', () => {
    const parsed = directorySchema.parse(organisations);
    expect(parsed).toStrictEqual(organisations);
    expect(loadDirectory()).toStrictEqual(parsed);
  });

  it('the routing table passes its schema, and parsing it would change nothing', () => {
    const parsed = routingTableSchema.parse(routingTable);
    expect(parsed).toStrictEqual(routingTable);
    expect(loadRoutingTable()).toStrictEqual(parsed);
  });

  it('a parse that would strip or fill something is told apart (the check above can fail)', () => {
    const withExtra = { ...organisations, organisations: [{ ...organisations.organisations[0], extra: 1 }] };
    expect(directorySchema.parse(withExtra)).not.toStrictEqual(withExtra);
  });
});
