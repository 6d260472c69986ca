// The directory overlay and its projection as the service configures them: recorded changes in
// the read-models table, queues checked on SQS. Shared by the API, the router and the
// directory projection's Lambda.
import { type Geography } from '../../domain/routing/geography.js';
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type EventCodec } from '../event-store/event-codec.js';
import { readModelTable, tableName } from '../tables/table-definitions.js';
import { createDirectoryChanges } from './directory-changes.js';
import { type DirectoryOverlay, createDirectoryOverlay } from './directory-overlay.js';
import { type DirectoryProjection, createDirectoryProjection } from './directory-projection.js';
import { destinationQueueCheck } from './destination-queue-check.js';

function changesFor(config: ServiceConfig, clients: AwsClients) {
  return createDirectoryChanges({
    client: clients.dynamo,
    tableName: tableName(config.SERVICE_PREFIX, readModelTable),
  });
}

export function composeDirectoryOverlay(
  config: ServiceConfig,
  clients: AwsClients,
  geography: Pick<Geography, 'organisations'>,
  options: { ttlMs?: number } = {},
): DirectoryOverlay {
  return createDirectoryOverlay({
    base: geography.organisations,
    changes: changesFor(config, clients),
    queueExists: destinationQueueCheck(clients.sqs),
    ...options,
  });
}

export function composeDirectoryProjection(
  config: ServiceConfig,
  clients: AwsClients,
  codec: EventCodec,
): DirectoryProjection {
  return createDirectoryProjection({
    changes: changesFor(config, clients),
    decode: (image) => codec.fromStreamImage(image),
  });
}
