// The projections wired to a private set of tables on the run's DynamoDB Local, with a fixed
// blind-index key (the key source itself is tested on its own).
import { randomBytes } from 'node:crypto';
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { isErased } from '../../../events/index.js';
import { defaultTriagePolicy } from '../../../domain/triage/index.js';
import { personBlindIndex } from '../../../functions/deconfliction/person-blind-index.js';
import { createCaseProjection } from '../../../functions/projector/case-projection.js';
import { createStatisticsProjection } from '../../../functions/projector/statistics-projection.js';
import { type Projection } from '../../../functions/projector/projection.js';
import { createDeconflictionReader } from '../../../functions/read-models/deconfliction-reader.js';
import {
  createProjectionVersions,
  type ProjectionVersions,
} from '../../../functions/read-models/projection-versions.js';
import { createCaseViewReader } from '../../../functions/read-models/case-view-reader.js';
import { createTriageQueueReader } from '../../../functions/read-models/triage-queue-reader.js';
import { createStatisticsExtracts } from '../../../functions/read-models/statistics-extracts.js';
import { createStatisticsReader } from '../../../functions/read-models/statistics-reader.js';
import { type TestTableNames } from '../../engines/local-engines.js';

export function projectionHarness(
  client: DynamoDBClient,
  tables: TestTableNames,
  blindIndexKey: Uint8Array = randomBytes(32),
) {
  const tableName = tables.readModels;
  const versions: ProjectionVersions = createProjectionVersions({ client, tableName, cacheMs: 0 });
  const cases: Projection = createCaseProjection({
    client,
    tableName,
    policy: defaultTriagePolicy,
    personIndexOf: async (event) =>
      isErased(event.personal) ? null : personBlindIndex(blindIndexKey, event.personal.person),
  });
  const statistics: Projection = createStatisticsProjection({ client, tableName });
  const deconfliction = createDeconflictionReader({ client, tableName });
  const statisticsExtracts = createStatisticsExtracts({ client, tableName, versions });
  return {
    tableName,
    versions,
    cases,
    statistics,
    blindIndexKey,
    queues: createTriageQueueReader({ client, tableName, versions, deconfliction }),
    caseViews: createCaseViewReader({ client, tableName, versions }),
    statisticsExtracts,
    statisticsReader: createStatisticsReader({ client, tableName, versions, extracts: statisticsExtracts }),
  };
}
