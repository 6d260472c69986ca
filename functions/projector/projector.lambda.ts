// Lambda entry point of the projector (DynamoDB Streams on the event store, with
// ReportBatchItemFailures). Dependencies are built once per execution environment.
import { awsClients, dynamo, kms } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { composeProjector } from './projector-composition.js';
import { mapStackTracesOnDemand } from '../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
export const handler = composeProjector(config, awsClients(config, { dynamo, kms }));
