// Where the operator's commands (npm run rebuild, npm run dead-letters) find the service: the
// running local service through the data folder npm start writes (endpoints.json: the table
// prefix and where its engines listen; local-master-key: the key its data keys are wrapped
// with), or, with --cloud, a deployed stage configured in the environment exactly as its
// functions are (SERVICE_PREFIX, QUEUE_URL_BASE, KEY_PROVIDER=kms and PERSONAL_DATA_KEY_ID,
// MAIL_FROM, PUBLIC_BASE_URL, AWS_REGION; the stage's credentials). So a new user runs them
// beside `npm start` with no configuration at all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { readServiceConfig, type ServiceConfig } from '../functions/composition/service-config.js';

/** What npm start writes into its data folder while it runs (local/local-stack.ts). */
export const RunningEndpoints = z.object({
  prefix: z.string(),
  dynamodb: z.url(),
  sqs: z.url(),
  ses: z.url(),
  queueUrlBase: z.string().optional(),
});
export type RunningEndpoints = z.infer<typeof RunningEndpoints>;

export const ENDPOINTS_FILE = 'endpoints.json';
export const DEFAULT_DATA_DIRECTORY = '.local-data';

export class NoRunningServiceError extends Error {
  constructor(dataDirectory: string) {
    super(
      `No running local service found in ${dataDirectory} (${ENDPOINTS_FILE}): start it with npm start, ` +
        'pass --data-dir <the folder npm start uses>, or pass --cloud with the stage configured in the environment.',
    );
    this.name = 'NoRunningServiceError';
  }
}

function runningService(dataDirectory: string): { endpoints: RunningEndpoints; masterKey: string } {
  try {
    return {
      endpoints: RunningEndpoints.parse(JSON.parse(readFileSync(join(dataDirectory, ENDPOINTS_FILE), 'utf8'))),
      masterKey: readFileSync(join(dataDirectory, 'local-master-key'), 'utf8').trim(),
    };
  } catch {
    throw new NoRunningServiceError(dataDirectory);
  }
}

/** The service configuration the operator's command runs with. */
export function operatorServiceConfig(target: { cloud: boolean; dataDirectory?: string }): ServiceConfig {
  if (target.cloud) return readServiceConfig();
  const { endpoints, masterKey } = runningService(target.dataDirectory ?? DEFAULT_DATA_DIRECTORY);
  return readServiceConfig({
    SERVICE_PREFIX: endpoints.prefix,
    AWS_REGION: 'eu-west-2',
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    SQS_ENDPOINT: endpoints.sqs,
    SES_ENDPOINT: endpoints.ses,
    QUEUE_URL_BASE: endpoints.queueUrlBase ?? '',
    KEY_PROVIDER: 'local',
    LOCAL_MASTER_KEY: masterKey,
    MAIL_FROM: 'no-reply@prevent.localhost',
    PUBLIC_BASE_URL: 'http://localhost:3000',
  });
}
