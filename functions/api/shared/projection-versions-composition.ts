// Which version of each projection is active: the triage queue and statistics readers both
// follow it, so a rebuild switches every reader at once.
import { type ProjectionVersions, createProjectionVersions } from '../../read-models/projection-versions.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { type CompositionContext } from './composition-context.js';

export function projectionVersions(ctx: CompositionContext): ProjectionVersions {
  return ctx.once('projection-versions', () =>
    createProjectionVersions({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
  );
}
