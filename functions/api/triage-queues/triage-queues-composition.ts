// The triage queues group (function `triage-queues`): read models only, no event store. The
// queue reader (with deconfliction) is what the web pages' queue runs on too.
import { type RouteDefinition } from '../../http/route.js';
import { createDeconflictionReader } from '../../read-models/deconfliction-reader.js';
import { type TriageQueueReader, createTriageQueueReader } from '../../read-models/triage-queue-reader.js';
import { readModelTable } from '../../tables/table-definitions.js';
import { accessGuard } from '../shared/access-composition.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { projectionVersions } from '../shared/projection-versions-composition.js';
import { createTriageQueueRoutes } from './triage-queue-routes.js';
import { createRegionalWorkRoutes } from './regional-work-routes.js';
import { type RegionalWorkReader, createRegionalWorkReader } from '../../read-models/regional-work.js';
import { loadOrganisations } from '../../geography/load-geography.js';

export function triageQueueReader(ctx: CompositionContext): TriageQueueReader {
  return ctx.once('triage-queue-reader', () =>
    createTriageQueueReader({
      client: ctx.clients.dynamo,
      tableName: ctx.table(readModelTable),
      versions: projectionVersions(ctx),
      deconfliction: createDeconflictionReader({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
    }),
  );
}

/** A regional Prevent hub's overdue and urgent work, read from its forces' queues (decision 0018). */
export function regionalWorkReader(ctx: CompositionContext): RegionalWorkReader {
  return ctx.once('regional-work-reader', () =>
    createRegionalWorkReader({ queues: triageQueueReader(ctx), organisations: loadOrganisations }),
  );
}

export function composeTriageQueueRoutes(ctx: CompositionContext): RouteDefinition[] {
  return [
    ...createTriageQueueRoutes({ guard: accessGuard(ctx), queues: triageQueueReader(ctx) }),
    ...createRegionalWorkRoutes({ guard: accessGuard(ctx), work: regionalWorkReader(ctx) }),
  ];
}
