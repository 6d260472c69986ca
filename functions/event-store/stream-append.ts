// Appending to a stream: the events and options are validated and measured once, then written
// at the versions after the expected one in one round trip (conditional-write.ts), each personal
// part sealed under the referral's data key, a new key riding on the stream's first event (or,
// after anonymous events, as the stream's key item in the same transaction). The answer is the versions written, the first result of a command already
// recorded (command-replay.ts), or why nothing was written. An `any` append tries again, after a
// short pause, when another append takes its version first.
import * as z from 'zod';
import { type DomainEvent, type EventType, validateEvent } from '../../events/catalogue.js';
import { Actor, IsoDateTime, StreamId } from '../../events/envelope.js';
import { currentSchemaVersion } from '../../events/upcasters.js';
import { type DigestedEvent, commandDigest } from './command-digest.js';
import { replayOf, resolveConflict } from './command-replay.js';
import { type Conflict, pause, writeConditionally } from './conditional-write.js';
import { type DataKeyState, type DataKeys, type KeyForWriting, keyAttributes, keyItemPut } from './data-keys.js';
import {
  AppendTooLargeError,
  EventTooLargeError,
  type ExpectedVersion,
  StoredEventCorruptError,
  StreamErasedError,
} from './errors.js';
import { type EventItem, completeEventItem, encodeUnsealedEventItem, personalPlaintext } from './event-codec.js';
import { type EventsTable } from './events-table.js';
import { assertVersionExists, versionAndCommand } from './expected-version.js';
import { MAX_TRANSACTION_BYTES, MAX_TRANSACTION_ITEMS, itemSizeBytes } from './item-size.js';
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

export interface StreamAppendDeps {
  keys: DataKeys;
  now: () => Date;
  newEventId: (at: Date) => string;
  /** How often an `any` append tries when another append takes its version first. */
  anyVersionAttempts: number;
  maxItemBytes: number;
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

export function createStreamAppend(table: EventsTable, deps: StreamAppendDeps) {
  const { keys, now, maxItemBytes } = deps;
  const makeEventId = deps.newEventId;

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
    else if (expected === 'any')
      ({ version: base, recorded } = await versionAndCommand(table, streamId, options.commandId));
    else {
      await assertVersionExists(table, streamId, expected);
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
    if (recorded) return replayOf(table, streamId, options.commandId, digest, recorded);

    const items = unsealed.map((item, index) => {
      const binding = { streamId, version: base + index + 1, type: (events[index] as PreparedEvent).type };
      return completeEventItem(
        item,
        digest,
        item.plaintext && writing ? sealPersonal(writing.key.encryptionKey, item.plaintext, binding) : undefined,
      );
    });
    // A new key rides on the item of version 1 when this append starts the stream (one PutItem, or
    // one transaction of the events alone); otherwise it is the stream's key item (version 0) in
    // the same transaction as the events.
    const newKey = writing?.newKey;
    let newKeyItem = newKey && base > 0 ? keyItemPut(table.tableName, streamId, newKey, recordedAtText) : undefined;
    if (newKey && base === 0) {
      const attributes = keyAttributes(newKey);
      const extra = itemSizeBytes(attributes);
      const first = unsealed[0] as (typeof unsealed)[number];
      if (first.sizeBytes + extra > maxItemBytes)
        throw new EventTooLargeError(
          streamId,
          (events[0] as PreparedEvent).type,
          first.sizeBytes + extra,
          maxItemBytes,
        );
      total += extra;
      if (events.length > 1 && total > MAX_TRANSACTION_BYTES)
        throw new AppendTooLargeError(streamId, 'total-size', total, MAX_TRANSACTION_BYTES);
      Object.assign(items[0] as EventItem, attributes);
    }
    if (newKeyItem && !fitsOneTransaction(items.length + 1, total + itemSizeBytes(newKeyItem.Item ?? {}))) {
      // A new key item with the largest appends would break DynamoDB's transaction limits: write it alone first.
      const keyConflict = await writeConditionally(table, streamId, [], newKeyItem);
      if (keyConflict) {
        const existingKey = await adoptExistingKey(streamId, keyConflict, adoptedKey);
        if (existingKey) return appendOnce(streamId, expected, events, options, existingKey);
        return keyConflict; // Other transactions kept holding the key item: nothing was written.
      }
      keys.keep(streamId, (writing as KeyForWriting).key);
      newKeyItem = undefined;
    }
    const conflict = await writeConditionally(table, streamId, items, newKeyItem);
    if (conflict) {
      // Our new key lost to a key already there (another writer's first event or key item, or an
      // erasure tombstone), or the version held our own command: decide again with the stream's
      // real key, which the digest needs.
      if (newKey && base === 0 && !conflict.keyTaken) {
        const first = conflict.existing.find((item) => item.version?.N === '1');
        if (first && (first.dataKey !== undefined || first.dataKeyErasedAt !== undefined))
          conflict.keyTaken = { item: first };
      }
      if (
        newKey &&
        (newKeyItem || base === 0) &&
        (conflict.keyTaken || conflict.existing.some((item) => item.commandId?.S === options.commandId))
      ) {
        const existingKey = await adoptExistingKey(streamId, conflict, adoptedKey);
        if (existingKey) return appendOnce(streamId, expected, events, options, existingKey);
      }
      if (expected === 'any' && !conflict.existing.some((item) => item.commandId?.S === options.commandId))
        return conflict;
      return resolveConflict(table, streamId, expected, options.commandId, digest, conflict.existing);
    }
    if (newKey && writing) keys.keep(streamId, writing.key);
    table.remember(streamId, command.lastVersion);
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

  return async function append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    newEvents: readonly NewEvent[],
    rawOptions: AppendOptions,
  ): Promise<AppendResult> {
    StreamId.parse(streamId);
    if (typeof expectedVersion === 'number' && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
      throw new RangeError('an expected version is a whole number from 0, "no-stream" or "any"');
    }
    if (newEvents.length === 0) throw new RangeError('an append holds at least one event');
    if (newEvents.length > MAX_TRANSACTION_ITEMS)
      throw new AppendTooLargeError(streamId, 'event-count', newEvents.length, MAX_TRANSACTION_ITEMS);
    const options = AppendOptions.parse(rawOptions);
    const events = newEvents.map((event) => prepareEvent(validateEvent(event)));
    const attempts = expectedVersion === 'any' ? deps.anyVersionAttempts : 1;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await appendOnce(streamId, expectedVersion, events, options);
      if (!('kind' in outcome)) return outcome;
      if (attempt >= attempts)
        return resolveConflict(table, streamId, expectedVersion, options.commandId, '', outcome.existing);
      await pause(attempt);
    }
  };
}
