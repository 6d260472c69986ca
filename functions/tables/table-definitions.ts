// The one source of truth for the service's DynamoDB tables: names, keys, indexes, streams
// and time-to-live. The local stack creates tables from these definitions (CreateTable) and
// the CDK app declares them from the same objects, so the two cannot drift apart.

export type AttributeType = 'S' | 'N' | 'B';

export interface KeySchema {
  partitionKey: { name: string; type: AttributeType };
  sortKey?: { name: string; type: AttributeType };
}

export interface GlobalIndex extends KeySchema {
  indexName: string;
  projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition extends KeySchema {
  /** Logical name; the deployed name is `${prefix}-${logicalName}`. */
  logicalName: string;
  purpose: string;
  stream?: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
  timeToLiveAttribute?: string;
  globalIndexes?: GlobalIndex[];
  /** Holds personal data (encrypted at field level too) or only derived facts. */
  holdsPersonalData: boolean;
}

export const eventStoreTable: TableDefinition = {
  logicalName: 'events',
  purpose: 'The event store: one stream per referral (and per organisation), one item per event',
  partitionKey: { name: 'streamId', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  stream: 'NEW_IMAGE',
  holdsPersonalData: true,
};

export const keyTable: TableDefinition = {
  logicalName: 'keys',
  purpose: "Each referral's wrapped data key (deleting it erases the referral's personal data) and the blind-index key",
  partitionKey: { name: 'keyId', type: 'S' },
  holdsPersonalData: false,
};

export const readModelTable: TableDefinition = {
  logicalName: 'read-models',
  purpose:
    'Projections: triage queues, case views, timelines, statistics profiles and histories, and their checkpoints',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'by-queue-order',
      partitionKey: { name: 'queuePk', type: 'S' },
      sortKey: { name: 'queueSk', type: 'S' },
      projection: 'ALL',
    },
    {
      indexName: 'by-due-date',
      partitionKey: { name: 'dueBucket', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
      projection: 'ALL',
    },
  ],
  holdsPersonalData: true,
};

export const auditTable: TableDefinition = {
  logicalName: 'audit',
  purpose: 'Append-only record of every read of a case and every refused attempt',
  partitionKey: { name: 'caseId', type: 'S' },
  sortKey: { name: 'at', type: 'S' },
  // What one person read, newest first, for their organisation's administrator and the data protection officer.
  globalIndexes: [
    {
      indexName: 'by-user',
      partitionKey: { name: 'user', type: 'S' },
      sortKey: { name: 'at', type: 'S' },
      projection: 'ALL',
    },
  ],
  holdsPersonalData: false,
};

export const revocationTable: TableDefinition = {
  logicalName: 'revocations',
  purpose:
    "When each person's access was last revoked (removed, or their role changed): tokens issued before it are refused",
  partitionKey: { name: 'user', type: 'S' },
  holdsPersonalData: false,
};

export const idempotencyTable: TableDefinition = {
  logicalName: 'idempotency',
  purpose: 'First answers to submissions retried with the same Idempotency-Key',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  holdsPersonalData: false,
};

export const webSessionsTable: TableDefinition = {
  logicalName: 'web-sessions',
  purpose:
    "Sessions of the web pages: each visitor's CSRF token and sealed (encrypted) answers and sign-in, expiring by time to live",
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  holdsPersonalData: true,
};

export const tableDefinitions: readonly TableDefinition[] = [
  eventStoreTable,
  keyTable,
  readModelTable,
  auditTable,
  idempotencyTable,
  webSessionsTable,
  revocationTable,
];

export function tableName(prefix: string, table: TableDefinition): string {
  return `${prefix}-${table.logicalName}`;
}
