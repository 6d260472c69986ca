// Lambda entry point of the directory projection (DynamoDB Streams on the event store, with
// ReportBatchItemFailures): organisation streams -> the directory's recorded changes.
import { awsClients, dynamo } from '../composition/clients.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { readServiceConfig } from '../composition/service-config.js';
import { composeDirectoryProjection } from './directory-composition.js';
import { mapStackTracesOnDemand } from '../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const clients = awsClients(config, { dynamo });
export const handler = composeDirectoryProjection(config, clients, createServiceEventStore(config, clients).codec);
