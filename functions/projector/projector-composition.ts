// Builds the projector and its read-side companions from the service configuration, once per
// process: the event codec (with the key provider the configuration names), the blind-index key,
// both projections and the version pointers.
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { createKeyProvider, createServiceDataKeys } from '../composition/event-store.js';
import { type EventCodec, createEventCodec } from '../event-store/event-codec.js';
import { createBlindIndexKeySource } from '../deconfliction/blind-index-key.js';
import { createPersonIndex } from '../deconfliction/person-index.js';
import { type TriagePolicy, defaultTriagePolicy } from '../../domain/triage/index.js';
import { logger } from '../observability/logger.js';
import { type ProjectionVersions, createProjectionVersions } from '../read-models/projection-versions.js';
import { keyTable, readModelTable, tableName } from '../tables/table-definitions.js';
import { createCaseProjection } from './case-projection.js';
import { type Projection } from './projection.js';
import { type Projector, createProjector } from './projector.js';
import { createStatisticsProjection } from './statistics-projection.js';

export interface ReadSide {
  codec: EventCodec;
  versions: ProjectionVersions;
  projections: Projection[];
  readModelsTable: string;
}

export function composeReadSide(
  config: ServiceConfig,
  clients: AwsClients,
  options: { triagePolicy?: TriagePolicy } = {},
): ReadSide {
  const keyProvider = createKeyProvider(config, clients);
  const keysTable = tableName(config.SERVICE_PREFIX, keyTable);
  const readModelsTable = tableName(config.SERVICE_PREFIX, readModelTable);
  const codec = createEventCodec(createServiceDataKeys(config, clients, () => new Date(), keyProvider));
  const personIndexOf = createPersonIndex(
    createBlindIndexKeySource({ client: clients.dynamo, tableName: keysTable, keyProvider }),
  );
  return {
    codec,
    readModelsTable,
    versions: createProjectionVersions({ client: clients.dynamo, tableName: readModelsTable }),
    projections: [
      createCaseProjection({
        client: clients.dynamo,
        tableName: readModelsTable,
        policy: options.triagePolicy ?? defaultTriagePolicy,
        personIndexOf,
      }),
      createStatisticsProjection({ client: clients.dynamo, tableName: readModelsTable }),
    ],
  };
}

export function composeProjector(
  config: ServiceConfig,
  clients: AwsClients,
  options: { triagePolicy?: TriagePolicy } = {},
): Projector {
  const readSide = composeReadSide(config, clients, options);
  return createProjector({
    projections: readSide.projections,
    versions: readSide.versions,
    decode: (image) => readSide.codec.fromStreamImage(image),
    logger: {
      info: (message, details) => logger.info(message, details ?? {}),
      warn: (message, details) => logger.warn(message, details ?? {}),
      error: (message, details) => logger.error(message, details ?? {}),
    },
  });
}
