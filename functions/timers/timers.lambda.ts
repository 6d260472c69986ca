// Lambda entry point of the timers (an EventBridge schedule every few minutes; locally an
// interval in the local stack). Dependencies are built once per execution environment.
import { awsClients, dynamo, kms } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { logger } from '../observability/logger.js';
import { composeTimers } from './timers-composition.js';
import { mapStackTracesOnDemand } from '../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const timers = composeTimers(config, awsClients(config, { dynamo, kms }));

export const handler = async (): Promise<void> => {
  const run = await timers.run();
  logger.info('timers ran', { ...run });
};
