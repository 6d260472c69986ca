// The event store: one stream of events per referral in one DynamoDB table.
//
// append: atomic for one event (a conditional PutItem) or many (one TransactWriteItems), each
// item conditioned on its version being free, so two commands can never take the same version.
// Conflicts come back with the existing item (ReturnValuesOnConditionCheckFailure: ALL_OLD),
// which also tells a retried command (same command id and content digest: answer the first
// result, write nothing) from a conflicting one, with no extra round trip on the hot path.
// read: strongly consistent, paginated, upcast and decrypted (or marked erased) by the codec.
// erase: destroys the referral's data key; every personal part becomes unreadable at once.
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  type Put,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { type DomainEvent, type EventType, type RecordedEvent, validateEvent } from '../../events/catalogue.js';
import { Actor, IsoDateTime, StreamId } from '../../events/envelope.js';
import { currentSchemaVersion } from '../../events/upcasters.js';
import { BoundedCache } from './bounded-cache.js';
import { type DigestedEvent, commandDigest } from './command-digest.js';
import { type DataKeyState, type DataKeys, type KeyForWriting } from './data-keys.js';
import {
  AppendTooLargeError,
  CommandIdReusedError,
  ConcurrencyConflictError,
  EventStoreThrottledError,
  EventTooLargeError,
  type ExpectedVersion,
  StoredEventCorruptError,
  StreamErasedError,
} from './errors.js';
import {
  type EventCodec,
  type EventItem,
  completeEventItem,
  createEventCodec,
  encodeUnsealedEventItem,
  personalPlaintext,
} from './event-codec.js';
import { newEventId } from './event-ids.js';
import { MAX_ITEM_BYTES, MAX_TRANSACTION_BYTES, MAX_TRANSACTION_ITEMS, itemSizeBytes } from './item-size.js';
import { sealPersonal } from './personal-data-cipher.js';

export const AppendOptions = z.strictObject({
  commandId: z.string().min(1).max(160),
  actor: Actor,
  correlationId: z.string().min(1).max(64),
  causationId: z.string().min(1).max(64).nullable().optional(),
  /** When it happened: the command's `at`. The store adds recordedAt from its own clock. */
  occurredAt: IsoDateTime,
});
export type AppendOptions = z.input<typeof AppendOptions>;

export interface AppendResult {
  streamId: string;
  firstVersion: number;
  lastVersion: number;
  /** True when this command had already been recorded: nothing was written this time. */
  replayed: boolean;
}

/** An event as a caller hands it in; validated against the catalogue before anything is written. */
export type NewEvent = { type: string; data: unknown; personal?: unknown };

export interface EventStore {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  read(streamId: string, options?: { fromVersion?: number }): Promise<RecordedEvent[]>;
  erase(streamId: string): Promise<void>;
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

const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);
const THROTTLING_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const TRANSACTION_CONFLICT_ATTEMPTS = 3;

/** A short, jittered wait before trying again, growing with the attempt. */
function pause(attempt: number): Promise<void> {
  return new Promise((wake) => setTimeout(wake, Math.floor(Math.random() * 10 * 2 ** Math.min(attempt, 6))));
}

interface Conflict {
  kind: 'conflict';
  existing: EventItem[];
  /** Set when a new data key's condition failed: the key item already there, if the engine returned it. */
  keyTaken?: { item: EventItem | undefined };
}

/** An event as the store writes it: validated, its data as JSON, its personal part as plaintext bytes. */
interface PreparedEvent extends DigestedEvent {
  type: EventType;
  schemaVersion: number;
}

function prepareEvent(event: DomainEvent): PreparedEvent {
  return {
    type: event.type,
    schemaVersion: currentSchemaVersion(event.type),
    data: JSON.stringify(event.data),
    personal: personalPlaintext(event),
  };
}

function fitsOneTransaction(items: number, bytes: number): boolean {
  return items <= MAX_TRANSACTION_ITEMS && bytes <= MAX_TRANSACTION_BYTES;
}

export function createEventStore(deps: EventStoreDeps): EventStore {
  const { client, tableName, keys } = deps;
  const now = deps.now ?? (() => new Date());
  const makeEventId = deps.newEventId ?? newEventId;
  const maxItemBytes = Math.min(deps.maxItemBytes ?? MAX_ITEM_BYTES, MAX_ITEM_BYTES);
  const codec = createEventCodec(keys);
  /** The highest version each stream is known to have reached: versions never go away. */
  const knownVersions = new BoundedCache<string, number>({ maxEntries: 10_000, ttlMs: 60 * 60_000 });

  function remember(streamId: string, version: number): void {
    if ((knownVersions.get(streamId) ?? 0) < version) knownVersions.set(streamId, version);
  }

  async function send<T>(streamId: string, request: () => Promise<T>): Promise<T> {
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

  async function currentVersion(streamId: string): Promise<number> {
    const { Items } = await send(streamId, () =>
      client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'streamId = :s',
          ExpressionAttributeValues: { ':s': { S: streamId } },
          ProjectionExpression: 'version',
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    );
    const version = Number(Items?.[0]?.version?.N ?? 0);
    remember(streamId, version);
    return version;
  }

  /** Guards against gaps: appending after version n needs version n to exist. */
  async function assertVersionExists(streamId: string, expected: number): Promise<void> {
    if (expected === 0 || (knownVersions.get(streamId) ?? 0) >= expected) return;
    const { Item } = await send(streamId, () =>
      client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { streamId: { S: streamId }, version: { N: String(expected) } },
          ProjectionExpression: 'version',
          ConsistentRead: true,
        }),
      ),
    );
    if (!Item) throw new ConcurrencyConflictError(streamId, expected, await currentVersion(streamId));
    remember(streamId, expected);
  }

  async function* queryPages(input: QueryCommandInput): AsyncGenerator<Record<string, AttributeValue>[]> {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await send(input.ExpressionAttributeValues?.[':s']?.S ?? '?', () =>
        client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
      );
      yield page.Items ?? [];
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** For `any`: the stream's version, and the item of this command if it was already recorded. */
  async function versionAndCommand(
    streamId: string,
    commandId: string,
  ): Promise<{ version: number; recorded?: EventItem }> {
    let version = 0;
    let recorded: EventItem | undefined;
    for await (const items of queryPages({
      TableName: tableName,
      KeyConditionExpression: 'streamId = :s',
      ExpressionAttributeValues: { ':s': { S: streamId } },
      ProjectionExpression: 'version, commandId, commandDigest, commandFirstVersion, commandLastVersion',
      ConsistentRead: true,
    })) {
      for (const item of items) {
        version = Math.max(version, Number(item.version?.N ?? 0));
        if (!recorded && item.commandId?.S === commandId) recorded = item;
      }
    }
    remember(streamId, version);
    return recorded ? { version, recorded } : { version };
  }

  /** A write that found its version taken: a retry of the same command, a reused id, or a conflict. */
  function resolveConflict(
    streamId: string,
    expected: ExpectedVersion,
    commandId: string,
    digest: string,
    existing: EventItem[],
  ): AppendResult {
    const mine = existing.find((item) => item.commandId?.S === commandId);
    if (mine) return replayOf(streamId, commandId, digest, mine);
    const seen = existing.map((item) =>
      Math.max(Number(item.version?.N ?? 0), Number(item.commandLastVersion?.N ?? 0)),
    );
    const current = Math.max(0, ...seen);
    remember(streamId, current);
    throw new ConcurrencyConflictError(streamId, expected, current);
  }

  function replayOf(streamId: string, commandId: string, digest: string, item: EventItem): AppendResult {
    const version = Number(item.version?.N);
    if (item.commandDigest?.S !== digest) throw new CommandIdReusedError(streamId, commandId, version);
    const firstVersion = Number(item.commandFirstVersion?.N);
    const lastVersion = Number(item.commandLastVersion?.N);
    if (!Number.isInteger(firstVersion) || !Number.isInteger(lastVersion))
      throw new StoredEventCorruptError(streamId, version, 'it does not record the versions of its command');
    remember(streamId, lastVersion);
    return { streamId, firstVersion, lastVersion, replayed: true };
  }

  /**
   * One round trip: a conditional PutItem for one event, else one TransactWriteItems with a new
   * data key's item first (when there is one) and every event after it.
   */
  async function write(
    streamId: string,
    items: EventItem[],
    newKeyItem: Put | undefined,
  ): Promise<Conflict | undefined> {
    if (items.length === 1 && !newKeyItem) {
      try {
        await send(streamId, () =>
          client.send(
            new PutItemCommand({
              TableName: tableName,
              Item: items[0],
              ConditionExpression: 'attribute_not_exists(version)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          ),
        );
        return undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return { kind: 'conflict', existing: error.Item ? [error.Item] : [] };
        throw error;
      }
    }
    const keyPuts = newKeyItem ? [{ Put: newKeyItem }] : [];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await send(streamId, () =>
          client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                ...keyPuts,
                ...items.map((Item) => ({
                  Put: {
                    TableName: tableName,
                    Item,
                    ConditionExpression: 'attribute_not_exists(version)',
                    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                  },
                })),
              ],
            }),
          ),
        );
        return undefined;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const keyReason = newKeyItem ? reasons[0] : undefined;
        const eventReasons = newKeyItem ? reasons.slice(1) : reasons;
        const taken = eventReasons.filter((r) => r.Code === 'ConditionalCheckFailed');
        const keyTaken = keyReason?.Code === 'ConditionalCheckFailed';
        if (taken.length > 0 || keyTaken) {
          return {
            kind: 'conflict',
            existing: taken.flatMap((r) => (r.Item ? [r.Item] : [])),
            ...(keyTaken ? { keyTaken: { item: keyReason.Item } } : {}),
          };
        }
        // Another transaction held one of the items: nothing was written; try once more shortly.
        if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < TRANSACTION_CONFLICT_ATTEMPTS) {
          await pause(attempt);
          continue;
        }
        if (reasons.some((r) => r.Code === 'TransactionConflict')) return { kind: 'conflict', existing: [] };
        throw error;
      }
    }
  }

  /** Events validated and measured once per append; only versions and envelopes change between attempts. */
  async function appendOnce(
    streamId: string,
    expected: ExpectedVersion,
    events: PreparedEvent[],
    options: z.output<typeof AppendOptions>,
    adoptedKey?: DataKeyState,
  ): Promise<AppendResult | Conflict> {
    let base: number;
    let recorded: EventItem | undefined;
    if (expected === 'no-stream') base = 0;
    else if (expected === 'any') ({ version: base, recorded } = await versionAndCommand(streamId, options.commandId));
    else {
      await assertVersionExists(streamId, expected);
      base = expected;
    }

    const recordedAt = now();
    const recordedAtText = recordedAt.toISOString();
    const command = { firstVersion: base + 1, lastVersion: base + events.length };
    const causationId = options.causationId ?? null;
    const unsealed = events.map((event, index) =>
      encodeUnsealedEventItem(
        {
          eventId: makeEventId(recordedAt),
          streamId,
          version: base + index + 1,
          type: event.type,
          schemaVersion: event.schemaVersion,
          occurredAt: options.occurredAt,
          recordedAt: recordedAtText,
          actor: options.actor,
          correlationId: options.correlationId,
          causationId,
          commandId: options.commandId,
        },
        event.data,
        command,
        event.personal,
      ),
    );

    // Size guard, before any key is created or anything written.
    let total = 0;
    unsealed.forEach(({ sizeBytes }, index) => {
      if (sizeBytes > maxItemBytes)
        throw new EventTooLargeError(streamId, (events[index] as PreparedEvent).type, sizeBytes, maxItemBytes);
      total += sizeBytes;
    });
    if (events.length > 1 && total > MAX_TRANSACTION_BYTES)
      throw new AppendTooLargeError(streamId, 'total-size', total, MAX_TRANSACTION_BYTES);

    const writing = events.some((event) => event.personal)
      ? await keyForWriting(streamId, base === 0, adoptedKey)
      : undefined;
    const digest = commandDigest(events, writing?.key.digestKey);
    if (recorded) return replayOf(streamId, options.commandId, digest, recorded);

    const items = unsealed.map((item, index) => {
      const binding = { streamId, version: base + index + 1, type: (events[index] as PreparedEvent).type };
      return completeEventItem(
        item,
        digest,
        item.plaintext && writing ? sealPersonal(writing.key.encryptionKey, item.plaintext, binding) : undefined,
      );
    });
    let newKeyItem = writing?.newKeyItem;
    if (newKeyItem && !fitsOneTransaction(items.length + 1, total + itemSizeBytes(newKeyItem.Item ?? {}))) {
      // A new key with the largest appends would break DynamoDB's transaction limits: write it alone first.
      const keyConflict = await write(streamId, [], newKeyItem);
      if (keyConflict) {
        const existingKey = await adoptExistingKey(streamId, keyConflict, adoptedKey);
        if (existingKey) return appendOnce(streamId, expected, events, options, existingKey);
        return keyConflict; // Other transactions kept holding the key item: nothing was written.
      }
      keys.keep(streamId, (writing as KeyForWriting).key);
      newKeyItem = undefined;
    }
    const conflict = await write(streamId, items, newKeyItem);
    if (conflict) {
      // Our new key lost to a key already there (another writer's, or an erasure tombstone), or the
      // version held our own command: decide again with the stream's real key, which the digest needs.
      if (
        newKeyItem &&
        (conflict.keyTaken || conflict.existing.some((item) => item.commandId?.S === options.commandId))
      ) {
        const existingKey = await adoptExistingKey(streamId, conflict, adoptedKey);
        if (existingKey) return appendOnce(streamId, expected, events, options, existingKey);
      }
      if (expected === 'any' && !conflict.existing.some((item) => item.commandId?.S === options.commandId))
        return conflict;
      return resolveConflict(streamId, expected, options.commandId, digest, conflict.existing);
    }
    if (newKeyItem && writing) keys.keep(streamId, writing.key);
    remember(streamId, command.lastVersion);
    return { streamId, firstVersion: command.firstVersion, lastVersion: command.lastVersion, replayed: false };
  }

  async function keyForWriting(
    streamId: string,
    newStream: boolean,
    adoptedKey: DataKeyState | undefined,
  ): Promise<KeyForWriting> {
    if (adoptedKey === 'erased') throw new StreamErasedError(streamId);
    return adoptedKey ? { key: adoptedKey } : keys.forWriting(streamId, { newStream });
  }

  /** The key already on the stream, once; a second loss in one append would mean keys are being replaced, which they never are. */
  async function adoptExistingKey(
    streamId: string,
    conflict: Conflict,
    adoptedBefore: DataKeyState | undefined,
  ): Promise<DataKeyState | undefined> {
    if (adoptedBefore) throw new StoredEventCorruptError(streamId, undefined, 'its data key changed during one append');
    return keys.existing(streamId, conflict.keyTaken?.item);
  }

  return {
    codec,

    async append(streamId, expectedVersion, newEvents, rawOptions) {
      StreamId.parse(streamId);
      if (typeof expectedVersion === 'number' && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
        throw new RangeError('an expected version is a whole number from 0, "no-stream" or "any"');
      }
      if (newEvents.length === 0) throw new RangeError('an append holds at least one event');
      if (newEvents.length > MAX_TRANSACTION_ITEMS)
        throw new AppendTooLargeError(streamId, 'event-count', newEvents.length, MAX_TRANSACTION_ITEMS);
      const options = AppendOptions.parse(rawOptions);
      const events = newEvents.map((event) => prepareEvent(validateEvent(event)));
      const attempts = expectedVersion === 'any' ? (deps.anyVersionAttempts ?? 10) : 1;
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await appendOnce(streamId, expectedVersion, events, options);
        if (!('kind' in outcome)) return outcome;
        if (attempt >= attempts)
          return resolveConflict(streamId, expectedVersion, options.commandId, '', outcome.existing);
        await pause(attempt);
      }
    },

    async read(streamId, options = {}) {
      StreamId.parse(streamId);
      const fromVersion = options.fromVersion ?? 1;
      const items: EventItem[] = [];
      for await (const page of queryPages({
        TableName: tableName,
        KeyConditionExpression: 'streamId = :s AND version >= :v',
        ExpressionAttributeValues: { ':s': { S: streamId }, ':v': { N: String(fromVersion) } },
        ConsistentRead: true,
      })) {
        items.push(...page);
      }
      const events = await Promise.all(items.map((item) => codec.fromItem(item)));
      const last = events.at(-1);
      if (last) remember(streamId, last.version);
      return events;
    },

    async erase(streamId) {
      StreamId.parse(streamId);
      await keys.erase(streamId);
    },
  };
}
