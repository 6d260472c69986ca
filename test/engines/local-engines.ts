// Helpers for integration tests (*.int.test.ts) against the run's DynamoDB Local.
//
// The 'int' project's global setup (./global-setup.ts) starts one in-memory DynamoDB Local per
// run and creates every table of functions/tables/table-definitions.ts under the prefix
// `test` (`test-events`, `test-keys`, `test-read-models`, ...). Test files share that engine
// and run one after another (fileParallelism: false), so:
//   - use fresh ids in every test (`uniqueStreamId()`), never fixed ones, so files and
//     re-runs do not see each other's items; or
//   - when a test must see an empty table (a scan, a projection rebuild), make your own tables
//     with `createTablesForTest(uniquePrefix('router'))`, or for a whole file with
//     `privateTablesForFile('router')` (./private-tables.ts).
//
//   const client = dynamoClientForTests();          // build once per file; destroy in afterAll
//   const tables = tableNamesForTests();            // { events: 'test-events', keys: 'test-keys', ... }
//   const streamId = uniqueStreamId();              // 'referral-<random>'
import { randomBytes } from 'node:crypto';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTables } from '../../local/create-tables.js';
import { localDynamoClientConfig } from '../../local/dynamodb-local.js';
import {
  type TableDefinition,
  auditTable,
  eventStoreTable,
  idempotencyTable,
  keyTable,
  readModelTable,
  tableDefinitions,
  tableName,
} from '../../functions/tables/table-definitions.js';

export function dynamoEndpointForTests(): string {
  return inject('dynamoEndpoint');
}

export function dynamoClientConfigForTests(overrides: Partial<DynamoDBClientConfig> = {}): DynamoDBClientConfig {
  return { ...localDynamoClientConfig(dynamoEndpointForTests()), ...overrides };
}

/** A client for the run's DynamoDB Local. Call `client.destroy()` when the file is done. */
export function dynamoClientForTests(overrides: Partial<DynamoDBClientConfig> = {}): DynamoDBClient {
  return new DynamoDBClient(dynamoClientConfigForTests(overrides));
}

export interface TestTableNames {
  prefix: string;
  events: string;
  keys: string;
  readModels: string;
  audit: string;
  idempotency: string;
}

/** The table names under the shared prefix, or under a prefix made by `createTablesForTest`. */
export function tableNamesForTests(prefix: string = inject('tablePrefix')): TestTableNames {
  return {
    prefix,
    events: tableName(prefix, eventStoreTable),
    keys: tableName(prefix, keyTable),
    readModels: tableName(prefix, readModelTable),
    audit: tableName(prefix, auditTable),
    idempotency: tableName(prefix, idempotencyTable),
  };
}

/** A fresh, valid stream id such as `referral-3f9c0a1b2c4d5e6f`. */
export function uniqueStreamId(category = 'referral'): string {
  return `${category}-${randomBytes(8).toString('hex')}`;
}

/** A table prefix no other test uses, such as `router-3f9c0a1b`. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** Creates a private set of tables (all of them unless named) and returns their names. */
export async function createTablesForTest(
  prefix: string,
  tables: readonly TableDefinition[] = tableDefinitions,
): Promise<TestTableNames> {
  const client = dynamoClientForTests();
  try {
    await createTables(client, prefix, tables);
  } finally {
    client.destroy();
  }
  return tableNamesForTests(prefix);
}
