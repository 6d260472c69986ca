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

export function composeTriageQueueRoutes(ctx: CompositionContext): RouteDefinition[] {
  return createTriageQueueRoutes({ guard: accessGuard(ctx), queues: triageQueueReader(ctx) });
}
