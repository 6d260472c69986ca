// Builds the event store on the run's DynamoDB Local with a fresh local master key, as the
// composition root does (one client, one key provider, one data-key cache). Several calls
// in one file act like several Lambda containers: separate clients and caches, the same master key.
import { randomBytes } from 'node:crypto';
import { createDataKeys } from '../../../functions/event-store/data-keys.js';
import { createEventStore } from '../../../functions/event-store/event-store.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { dynamoClientForTests, tableNamesForTests } from '../../engines/local-engines.js';

/** One master key per test file: every store a file builds can read the others' keys, as Lambdas sharing one KMS key do. */
const fileMasterKey = randomBytes(32);

export function eventStoreUnderTest(options: { now?: () => Date; maxItemBytes?: number } = {}) {
  const client = dynamoClientForTests();
  const tables = tableNamesForTests();
  const masterKey = fileMasterKey;
  const now = options.now ?? (() => new Date());
  const keys = createDataKeys({
    client,
    eventsTableName: tables.events,
    legacyKeysTableName: tables.keys,
    keyProvider: createLocalKeyProvider(masterKey),
    now,
  });
  const store = createEventStore({
    client,
    tableName: tables.events,
    keys,
    now,
    ...(options.maxItemBytes ? { maxItemBytes: options.maxItemBytes } : {}),
  });
  return { client, tables, keys, store, masterKey };
}
