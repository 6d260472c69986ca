// The event store: one stream of events per referral in one DynamoDB table. This file is what
// callers see (the interface, what the store is built from) and the wiring of its two halves,
// which share one events table (a client, throttling as a typed error, the versions each stream
// is known to have reached: events-table.ts) and one codec:
//
// append (stream-append.ts): atomic for one event (a conditional PutItem) or many (one
// TransactWriteItems), each item conditioned on its version being free, so two commands can never
// take the same version (conditional-write.ts). Conflicts come back with the existing item
// (ReturnValuesOnConditionCheckFailure: ALL_OLD), which also tells a retried command (same
// command id and content digest: answer the first result, write nothing) from a conflicting one,
// with no extra round trip on the hot path (command-replay.ts).
// read (stream-read.ts): strongly consistent, paginated, upcast and decrypted (or marked erased) by the codec.
// erase: destroys the referral's data key (kept in the stream's own partition, data-keys.ts);
// every personal part becomes unreadable at once.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type RecordedEvent } from '../../events/catalogue.js';
import { StreamId } from '../../events/envelope.js';
import { type DataKeys } from './data-keys.js';
import { type ExpectedVersion } from './errors.js';
import { type EventCodec, createEventCodec } from './event-codec.js';
import { newEventId } from './event-ids.js';
import { eventsTable } from './events-table.js';
import { MAX_ITEM_BYTES } from './item-size.js';
import { type AppendOptions, type AppendResult, type NewEvent, createStreamAppend } from './stream-append.js';
import { createStreamRead } from './stream-read.js';
import { type OnScannedStream, type StreamScanOptions, createStreamScan } from './stream-scan.js';

export { AppendOptions, type AppendResult, type NewEvent } from './stream-append.js';

export interface EventStore {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  read(streamId: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  erase(streamId: string): Promise<void>;
  /**
   * Every stream's events from version 1 (contiguous), from a parallel scan of the whole table:
   * for a rebuild's bulk pass (stream-scan.ts). A stream may be left out or cut short; read it.
   */
  scanStreams?(onStream: OnScannedStream, options: StreamScanOptions): Promise<void>;
  /** The codec the store reads with; stream consumers build their own with createEventCodec. */
  readonly codec: EventCodec;
}

export interface EventStoreDeps {
  client: DynamoDBClient;
  tableName: string;
  keys: DataKeys;
  now?: () => Date;
  newEventId?: (at: Date) => string;
  /** How often an `any` append retries when another append takes its version first. */
  anyVersionAttempts?: number;
  /** DynamoDB's item limit unless lowered (tests lower it: no catalogue event can reach 400 KB today). */
  maxItemBytes?: number;
}

export function createEventStore(deps: EventStoreDeps): EventStore {
  const { keys } = deps;
  const table = eventsTable(deps.client, deps.tableName);
  const codec = createEventCodec(keys);
  return {
    codec,
    append: createStreamAppend(table, {
      keys,
      now: deps.now ?? (() => new Date()),
      newEventId: deps.newEventId ?? newEventId,
      anyVersionAttempts: deps.anyVersionAttempts ?? 10,
      maxItemBytes: Math.min(deps.maxItemBytes ?? MAX_ITEM_BYTES, MAX_ITEM_BYTES),
    }),
    read: createStreamRead(table, codec, keys),
    scanStreams: createStreamScan(table, codec, keys),
    async erase(streamId) {
      StreamId.parse(streamId);
      await keys.erase(streamId);
    },
  };
}
