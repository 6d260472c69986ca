// Vitest global setup for the 'int' project: starts one in-memory DynamoDB Local on a free
// port for the whole run, creates every table under the prefix `test`, and hands the endpoint
// to the test files (read them with the helpers in ./local-engines.ts). The engine is stopped
// afterwards, also when table creation or the tests fail.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type TestProject } from 'vitest/node';
import { createTables } from '../../local/create-tables.js';
import { localDynamoClientConfig, startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the run's DynamoDB Local. */
    dynamoEndpoint: string;
    /** The prefix every table was created under (`${prefix}-events`, ...). */
    tablePrefix: string;
  }
}

export const TEST_TABLE_PREFIX = 'test';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A busy shared machine may need longer than the default 30 s to start the engine.
  const startTimeoutMs = Number(process.env.DYNAMODB_LOCAL_START_TIMEOUT_MS ?? '') || undefined;
  const engine = await startDynamoDbLocal(startTimeoutMs ? { startTimeoutMs } : {});
  try {
    const client = new DynamoDBClient(localDynamoClientConfig(engine.endpoint));
    try {
      await createTables(client, TEST_TABLE_PREFIX);
    } finally {
      client.destroy();
    }
  } catch (error) {
    await engine.stop();
    throw error;
  }
  project.provide('dynamoEndpoint', engine.endpoint);
  project.provide('tablePrefix', TEST_TABLE_PREFIX);
  return () => engine.stop();
}
