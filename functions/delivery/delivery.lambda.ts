// Lambda entry point of the delivery consumer: one function for every destination queue's event
// source mapping (ReportBatchItemFailures; SQS to back failed messages off). Dependencies are
// built once per execution environment.
import { awsClients, dynamo, kms, sqs } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { composeDeliveryConsumer } from './delivery-composition.js';
import { mapStackTracesOnDemand } from '../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
export const handler = composeDeliveryConsumer(config, awsClients(config, { dynamo, kms, sqs }));
