// A test file's own set of tables on the run's DynamoDB Local and one client for the file: the
// tables are made before its first test, the client destroyed after its last. For files whose
// tests scan a table, rebuild a projection or otherwise need tables nobody else writes to; the
// names are known at once, so a harness can be built on them at the top of the file.
//
//   const { client, tables } = privateTablesForFile('rebuild');
//   const harness = storeHarness(client, tables);
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import {
  type TestTableNames,
  createTablesForTest,
  dynamoClientForTests,
  tableNamesForTests,
  uniquePrefix,
} from './local-engines.js';

export function privateTablesForFile(label: string): { client: DynamoDBClient; tables: TestTableNames } {
  const client = dynamoClientForTests();
  const tables = tableNamesForTests(uniquePrefix(label));
  beforeAll(async () => {
    await createTablesForTest(tables.prefix);
  });
  afterAll(() => client.destroy());
  return { client, tables };
}
