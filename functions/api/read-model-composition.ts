// The readers of the read models the API shows: triage queues (with deconfliction) and the
// outcome statistics, both following the active projection version.
import { createDeconflictionReader } from '../read-models/deconfliction-reader.js';
import { type ProjectionVersions, createProjectionVersions } from '../read-models/projection-versions.js';
import { createStatisticsExtracts } from '../read-models/statistics-extracts.js';
import { type StatisticsReader, createStatisticsReader } from '../read-models/statistics-reader.js';
import { type TriageQueueReader, createTriageQueueReader } from '../read-models/triage-queue-reader.js';
import { readModelTable } from '../tables/table-definitions.js';
import { type CompositionContext } from './composition-context.js';

function projectionVersions(ctx: CompositionContext): ProjectionVersions {
  return ctx.once('projection-versions', () =>
    createProjectionVersions({ client: ctx.clients.dynamo, tableName: ctx.table(readModelTable) }),
  );
}

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

export function statisticsReader(ctx: CompositionContext): StatisticsReader {
  return ctx.once('statistics-reader', () => {
    const deps = {
      client: ctx.clients.dynamo,
      tableName: ctx.table(readModelTable),
      versions: projectionVersions(ctx),
    };
    return createStatisticsReader({ ...deps, extracts: createStatisticsExtracts(deps) });
  });
}
