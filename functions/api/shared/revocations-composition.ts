// The revocation record the token check reads, one per composition context: the people
// administration records revocations through the very object the token check asks, so a
// revocation is taken at once in the container that recorded it (and within the record's cache
// bound everywhere else: functions/people/revocations.ts). Imports no identity provider client.
import { type Revocations, createRevocations } from '../../people/revocations.js';
import { revocationTable } from '../../tables/table-definitions.js';
import { type CompositionContext } from './composition-context.js';

export function revocations(ctx: CompositionContext): Revocations {
  return ctx.once('revocations', () =>
    createRevocations({ client: ctx.clients.dynamo, tableName: ctx.table(revocationTable) }),
  );
}
