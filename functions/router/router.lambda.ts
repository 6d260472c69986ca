// Lambda entry point of the router (DynamoDB Streams on the event store, with
// ReportBatchItemFailures and an on-failure destination). Dependencies are built once per
// execution environment.
import { awsClients, dynamo, sqs, ses, kms } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { composeRouter } from './router-composition.js';
import { mapStackTracesOnDemand } from '../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
export const handler = composeRouter(config, awsClients(config, { dynamo, sqs, ses, kms }));
