// Lambda entry point of the projector (DynamoDB Streams on the event store, with
// ReportBatchItemFailures). Dependencies are built once per execution environment.
import { awsClients, dynamo, kms } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { composeProjector } from './projector-composition.js';

const config = readServiceConfig();
export const handler = composeProjector(config, awsClients(config, { dynamo, kms }));
