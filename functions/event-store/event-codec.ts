// How an event is laid out in the events table, and back. Used by the store's reads and by
// every DynamoDB Streams consumer (router, projector), so they decode exactly as the store does:
// zod-checked item -> personal part opened with the referral's data key (or the erased marker)
// -> upcast to the current schema version -> checked against the catalogue.
//
// Item layout (one item per event):
//   streamId S (partition key) | version N (sort key) | eventId S | type S | schemaVersion N
//   occurredAt S | recordedAt S | actor M{organisation,user,role} | correlationId S
//   causationId S (absent when null) | commandId S | commandDigest S
//   commandFirstVersion N | commandLastVersion N   (the versions the whole command took)
//   data S (JSON of the non-personal facts)
//   personal B (only for events with a personal part: AES-256-GCM sealed JSON, see personal-data-cipher.ts)
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import {
  type DomainEvent,
  type EventType,
  type RecordedEvent,
  definitionOf,
  describeIssues,
  isEventType,
  validateRecordedPersonal,
} from '../../events/catalogue.js';
import { ERASED, type EventMetadata, EventMetadata as EventMetadataSchema } from '../../events/envelope.js';
import { currentSchemaVersion, upcast } from '../../events/upcasters.js';
import { type DataKeys } from './data-keys.js';
import { StoredEventCorruptError } from './errors.js';
import { COMMAND_DIGEST_LENGTH } from './command-digest.js';
import { itemSizeBytes } from './item-size.js';
import { SEAL_OVERHEAD_BYTES, openPersonal } from './personal-data-cipher.js';

export type EventItem = Record<string, AttributeValue>;

/** What every item of one command records about the command. */
export interface CommandRecord {
  digest: string;
  firstVersion: number;
  lastVersion: number;
}

const S = z.object({ S: z.string() }).transform((v) => v.S);
const N = z.object({ N: z.string().regex(/^-?\d+$/) }).transform((v) => Number(v.N));
// Binary arrives as bytes from the SDK and as base64 text in a Lambda's stream event.
const B = z
  .object({ B: z.union([z.instanceof(Uint8Array), z.base64()]) })
  .transform((v) => (typeof v.B === 'string' ? new Uint8Array(Buffer.from(v.B, 'base64')) : v.B));

export const StoredEventItem = z.object({
  streamId: S,
  version: N,
  eventId: S,
  type: S,
  schemaVersion: N,
  occurredAt: S,
  recordedAt: S,
  actor: z.object({ M: z.object({ organisation: S, user: S, role: S }) }).transform((v) => v.M),
  correlationId: S,
  causationId: S.optional(),
  commandId: S,
  commandDigest: S,
  commandFirstVersion: N,
  commandLastVersion: N,
  data: S,
  personal: B.optional(),
});
export type StoredEventItem = z.output<typeof StoredEventItem>;

/** The personal part as the bytes that get sealed, or undefined when the event has none. */
export function personalPlaintext(event: DomainEvent): Uint8Array | undefined {
  return event.personal === undefined ? undefined : Buffer.from(JSON.stringify(event.personal), 'utf8');
}

/** An event's item before its command digest is known and its personal part sealed, already measured. */
export interface UnsealedEventItem {
  item: EventItem;
  /** The personal part's plaintext, to be sealed into the item. */
  plaintext: Uint8Array | undefined;
  /** The finished item's size as DynamoDB counts it (digest and sealed personal part included). */
  sizeBytes: number;
}

const DIGEST_PLACEHOLDER = 'x'.repeat(COMMAND_DIGEST_LENGTH);
/** `personal` (the attribute's name) and the sealing's overhead around the plaintext. */
const SEALED_PERSONAL_EXTRA_BYTES = 'personal'.length + SEAL_OVERHEAD_BYTES;

/**
 * Builds an event's item once: `data` is the JSON of the event's data. The digest has a fixed
 * length and sealing adds a fixed overhead, so the finished size is known before either exists.
 */
export function encodeUnsealedEventItem(
  metadata: EventMetadata,
  data: string,
  command: Omit<CommandRecord, 'digest'>,
  plaintext: Uint8Array | undefined,
): UnsealedEventItem {
  const item: EventItem = {
    streamId: { S: metadata.streamId },
    version: { N: String(metadata.version) },
    eventId: { S: metadata.eventId },
    type: { S: metadata.type },
    schemaVersion: { N: String(metadata.schemaVersion) },
    occurredAt: { S: metadata.occurredAt },
    recordedAt: { S: metadata.recordedAt },
    actor: {
      M: {
        organisation: { S: metadata.actor.organisation },
        user: { S: metadata.actor.user },
        role: { S: metadata.actor.role },
      },
    },
    correlationId: { S: metadata.correlationId },
    commandId: { S: metadata.commandId },
    commandDigest: { S: DIGEST_PLACEHOLDER },
    commandFirstVersion: { N: String(command.firstVersion) },
    commandLastVersion: { N: String(command.lastVersion) },
    data: { S: data },
  };
  if (metadata.causationId !== null) item.causationId = { S: metadata.causationId };
  const sizeBytes = itemSizeBytes(item) + (plaintext ? SEALED_PERSONAL_EXTRA_BYTES + plaintext.byteLength : 0);
  return { item, plaintext, sizeBytes };
}

/** Finishes an item: the command's digest, and the personal part sealed from its `plaintext`. */
export function completeEventItem(
  unsealed: UnsealedEventItem,
  digest: string,
  sealed: Uint8Array | undefined,
): EventItem {
  if (digest.length !== COMMAND_DIGEST_LENGTH)
    throw new Error(`a command digest has ${COMMAND_DIGEST_LENGTH} characters`);
  if (
    (sealed === undefined) !== (unsealed.plaintext === undefined) ||
    (sealed && sealed.byteLength !== (unsealed.plaintext?.byteLength ?? 0) + SEAL_OVERHEAD_BYTES)
  ) {
    throw new Error('the sealed personal part does not match the measured plaintext');
  }
  const { item } = unsealed;
  item.commandDigest = { S: digest };
  if (sealed) item.personal = { B: sealed };
  return item;
}

export interface EventCodec {
  /** Decodes an item read from the table. */
  fromItem(item: EventItem): Promise<RecordedEvent>;
  /** Decodes a DynamoDB Streams NewImage, from the SDK (bytes) or from a Lambda event (base64). */
  fromStreamImage(newImage: Record<string, unknown>): Promise<RecordedEvent>;
  /** Just the stored fields, without opening the personal part: for consumers that only need the envelope. */
  parseItem(item: Record<string, unknown>): StoredEventItem;
}

export function createEventCodec(keys: DataKeys): EventCodec {
  function parseItem(item: Record<string, unknown>): StoredEventItem {
    const parsed = StoredEventItem.safeParse(item);
    if (!parsed.success) {
      const streamId =
        typeof (item.streamId as { S?: unknown } | undefined)?.S === 'string'
          ? (item.streamId as { S: string }).S
          : '?';
      throw new StoredEventCorruptError(
        streamId,
        undefined,
        `it is not an event item (${describeIssues(parsed.error)})`,
      );
    }
    return parsed.data;
  }

  async function decode(stored: StoredEventItem): Promise<RecordedEvent> {
    const { streamId, version, type } = stored;
    if (!isEventType(type))
      throw new StoredEventCorruptError(streamId, version, `${type} is not an event type of the catalogue`);
    const personal = stored.personal ? await openStoredPersonal(stored, type) : undefined;
    try {
      const lifted = upcast(type, stored.schemaVersion, { data: JSON.parse(stored.data) as unknown, personal });
      const definition = definitionOf(type);
      const data = definition?.data.safeParse(lifted.data);
      if (!data?.success)
        throw new Error(
          `its data does not match ${type} v${currentSchemaVersion(type)}${data ? `: ${describeIssues(data.error)}` : ''}`,
        );
      const metadata = EventMetadataSchema.parse({
        eventId: stored.eventId,
        streamId,
        version,
        type,
        schemaVersion: currentSchemaVersion(type),
        occurredAt: stored.occurredAt,
        recordedAt: stored.recordedAt,
        actor: stored.actor,
        correlationId: stored.correlationId,
        causationId: stored.causationId ?? null,
        commandId: stored.commandId,
      });
      return {
        ...metadata,
        type,
        data: data.data,
        personal: validateRecordedPersonal(type, lifted.personal),
      } as RecordedEvent;
    } catch (error) {
      if (error instanceof StoredEventCorruptError) throw error;
      throw new StoredEventCorruptError(
        streamId,
        version,
        error instanceof z.ZodError ? describeIssues(error) : (error as Error).message,
        { cause: error },
      );
    }
  }

  async function openStoredPersonal(stored: StoredEventItem, type: EventType): Promise<unknown> {
    const key = await keys.forReading(stored.streamId);
    if (key === 'erased') return { ...ERASED };
    try {
      const plaintext = openPersonal(key.encryptionKey, stored.personal as Uint8Array, {
        streamId: stored.streamId,
        version: stored.version,
        type,
      });
      return JSON.parse(Buffer.from(plaintext).toString('utf8')) as unknown;
    } catch (error) {
      throw new StoredEventCorruptError(
        stored.streamId,
        stored.version,
        'its personal part does not open with the referral key (changed, or moved from another event)',
        { cause: error },
      );
    }
  }

  return {
    fromItem: (item) => decode(parseItem(item)),
    fromStreamImage: (newImage) => decode(parseItem(newImage)),
    parseItem,
  };
}
