// The events table as both halves of the store reach it (stream-append.ts, stream-read.ts): one
// client and table name; every request about a stream sent so that DynamoDB's throttling comes
// back as EventStoreThrottledError (a caller can slow down, not fail); and the highest version
// each stream is known to have reached, so an append after a version already seen, or read,
// needs no round trip to know that version exists.
import { type DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BoundedCache } from './bounded-cache.js';
import { EventStoreThrottledError } from './errors.js';

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
const THROTTLING_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

export interface EventsTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** The highest version the stream is known to have reached, 0 when nothing is known. */
  knownVersion(streamId: string): number;
  /** Versions never go away: keeps the version when it is higher than the one known. */
  remember(streamId: string, version: number): void;
}

export function eventsTable(client: DynamoDBClient, tableName: string): EventsTable {
  const knownVersions = new BoundedCache<string, number>({ maxEntries: 10_000, ttlMs: 60 * 60_000 });
  return {
    client,
    tableName,
    knownVersion: (streamId) => knownVersions.get(streamId) ?? 0,
    remember(streamId, version) {
      if ((knownVersions.get(streamId) ?? 0) < version) knownVersions.set(streamId, version);
    },
  };
}

/** Sends a request about one stream; throttling, of the request or of a transaction's item, is EventStoreThrottledError. */
export async function send<T>(streamId: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof Error && THROTTLING.has(error.name)) {
      throw new EventStoreThrottledError(
        streamId,
        (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1,
        { cause: error },
      );
    }
    if (
      error instanceof TransactionCanceledException &&
      error.CancellationReasons?.some((r) => THROTTLING_REASONS.has(r.Code ?? ''))
    ) {
      throw new EventStoreThrottledError(streamId, error.$metadata.attempts ?? 1, { cause: error });
    }
    throw error;
  }
}
