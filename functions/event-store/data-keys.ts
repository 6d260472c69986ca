// Each referral's data key, kept wrapped in the referral's own partition of the events table
// (decision 0004, "where the key lives"), so that a new referral's first append is one write to
// one table:
// - when the stream's first append creates it (the usual case: a referral starts with its
//   submission), on the item of version 1 itself (`dataKey`, `dataKeyMaster`): one conditional
//   PutItem for one event, one single-table TransactWriteItems for several;
// - when the first personal part comes after anonymous events, as an item of the stream at
//   version 0 (the store reads events from version 1, consumers skip it), written in the same
//   transaction as the events and conditioned on version 0 being free, so it never replaces
//   another key nor an erasure tombstone.
// Erasure takes the key away where it is (the version-1 item is put back without it, carrying
// `dataKeyErasedAt`; a version-0 tombstone otherwise), which crypto-shreds every personal part at
// once. Keys kept in the `keys` table by earlier versions of the store are still read (and
// erased) there when the stream holds none. Unwrapped keys are cached (LRU + time to live) so
// that, after the first, appends and reads make no key round trip.
import { type KeyObject, createSecretKey, hkdfSync } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type Put,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { BoundedCache } from './bounded-cache.js';
import { StoredEventCorruptError, StreamErasedError, StreamNotFoundError } from './errors.js';
import { type KeyProvider } from './key-provider.js';

export interface DataKey {
  /** AES-256-GCM key for the personal parts, imported once (personal-data-cipher.ts, `SealingKey`). */
  encryptionKey: KeyObject;
  /** HMAC key for command digests, derived from the data key, so digests die with it. */
  digestKey: Uint8Array;
}

export type DataKeyState = DataKey | 'erased';

/** A new key's stored form, to be written with the events that need it. */
export interface NewWrappedKey {
  wrapped: Uint8Array;
  masterKeyId: string;
}

/** A key for writing; `newKey` is set when the stream has none yet and the caller must write it. */
export interface KeyForWriting {
  key: DataKey;
  /**
   * The stream's new key in wrapped form: on the append's first item (`keyAttributes`) when the
   * append starts the stream, else as the stream's key item (`keyItem`) in the same transaction.
   * Until `keep` is called after that write, the key is not the stream's and is not cached.
   */
  newKey?: NewWrappedKey;
}

export interface DataKeys {
  /**
   * The stream's key, or a new one to be written with the events. Throws StreamErasedError once
   * the stream was erased. `newStream` (an append to an empty stream) skips the lookup: a key
   * already there is on the version-1 item, whose condition then fails, and the caller uses `existing`.
   */
  forWriting(streamId: string, options?: { newStream?: boolean }): Promise<KeyForWriting>;
  /** The write that carried `newKey` succeeded: the key is the stream's from now on. */
  keep(streamId: string, key: DataKey): void;
  /**
   * The stream's key after a new key's condition failed: from the item the failed condition
   * returned (version 1 or the key item), or looked up when the engine did not return it.
   * Undefined if there is none.
   */
  existing(streamId: string, item?: Record<string, AttributeValue>): Promise<DataKeyState | undefined>;
  /**
   * Learns the stream's key from its items at versions 0 and 1 as a consistent read returned
   * them, when it is not cached yet: a cold read then needs no lookup of its own.
   */
  learn(streamId: string, items: readonly Record<string, AttributeValue>[]): Promise<void>;
  /** The stream's key, or 'erased'. */
  forReading(streamId: string): Promise<DataKeyState>;
  /** Destroys the stream's key. Idempotent. A stream with no event yet has nothing to erase: StreamNotFoundError. */
  erase(streamId: string): Promise<void>;
}

export interface DataKeysDeps {
  client: DynamoDBClient;
  /** The events table: each stream's key lives in its own partition. */
  eventsTableName: string;
  /**
   * The keys table where the store kept data keys before (item `data-key#<streamId>`): read when
   * a stream holds no key of its own, and erased there. Nothing new is written to it.
   */
  legacyKeysTableName?: string;
  keyProvider: KeyProvider;
  now: () => Date;
  /** Defaults: 10,000 keys for 5 minutes. A key erased elsewhere stays usable here for at most ttlMs. */
  cache?: { maxEntries: number; ttlMs: number };
}

/** The version of a stream's key item, when its key is not on its first event. */
export const KEY_ITEM_VERSION = 0;

/** The legacy keys table's item id of a stream's key. */
export function dataKeyItemId(streamId: string): string {
  return `data-key#${streamId}`;
}

/** The attributes that carry a new key on the first event item of its stream. */
export function keyAttributes(newKey: NewWrappedKey): Record<string, AttributeValue> {
  return { dataKey: { B: newKey.wrapped }, dataKeyMaster: { S: newKey.masterKeyId } };
}

/** True for a stream's key item (version 0): not an event; the store's reads and every stream consumer skip it. */
export function isKeyItem(item: Record<string, unknown> | undefined): boolean {
  return (item?.version as { N?: unknown } | undefined)?.N === String(KEY_ITEM_VERSION);
}

export function createDataKeys(deps: DataKeysDeps): DataKeys {
  const cache = new BoundedCache<string, DataKeyState>(deps.cache ?? { maxEntries: 10_000, ttlMs: 5 * 60_000 });
  const inFlight = new Map<string, Promise<DataKeyState | undefined>>();

  function derive(plaintext: Uint8Array): DataKey {
    return {
      encryptionKey: createSecretKey(plaintext),
      digestKey: new Uint8Array(hkdfSync('sha256', plaintext, new Uint8Array(0), 'command-digest', 32)),
    };
  }

  /** The stream's items at versions 0 and 1 (key attributes only unless `whole`), consistently. */
  async function keyHolders(streamId: string, whole = false): Promise<Record<string, AttributeValue>[]> {
    const { Items } = await deps.client.send(
      new QueryCommand({
        TableName: deps.eventsTableName,
        KeyConditionExpression: 'streamId = :s AND version <= :one',
        ExpressionAttributeValues: { ':s': { S: streamId }, ':one': { N: '1' } },
        ...(whole ? {} : { ProjectionExpression: 'streamId, version, dataKey, dataKeyErasedAt' }),
        ConsistentRead: true,
      }),
    );
    return Items ?? [];
  }

  /** The item among the stream's first two that holds its key or its tombstone (version 0 first). */
  function holderOf(items: readonly Record<string, AttributeValue>[]): Record<string, AttributeValue> | undefined {
    const sorted = [...items].sort((a, b) => Number(a.version?.N) - Number(b.version?.N));
    return sorted.find(
      (item) => Number(item.version?.N) <= 1 && (item.dataKey !== undefined || item.dataKeyErasedAt !== undefined),
    );
  }

  async function legacyItem(streamId: string): Promise<Record<string, AttributeValue> | undefined> {
    if (!deps.legacyKeysTableName) return undefined;
    const { Item } = await deps.client.send(
      new GetItemCommand({
        TableName: deps.legacyKeysTableName,
        Key: { keyId: { S: dataKeyItemId(streamId) } },
        ConsistentRead: true,
      }),
    );
    return Item;
  }

  async function load(streamId: string): Promise<DataKeyState | undefined> {
    const holder = holderOf(await keyHolders(streamId));
    if (holder) return fromItem(streamId, holder);
    const legacy = await legacyItem(streamId);
    return legacy ? fromItem(streamId, legacy) : undefined;
  }

  /** A key from any item that holds one: the version-1 event, the key item, or a legacy key item. */
  async function fromItem(streamId: string, item: Record<string, AttributeValue>): Promise<DataKeyState> {
    if (item.dataKeyErasedAt?.S || item.erasedAt?.S) return 'erased';
    const wrapped = item.dataKey?.B ?? item.wrappedKey?.B;
    if (!wrapped) throw new StoredEventCorruptError(streamId, undefined, 'its data key item holds no wrapped key');
    return derive(await deps.keyProvider.unwrapDataKey(streamId, wrapped));
  }

  /** One lookup per stream at a time, however many events ask for it together. */
  function cachedOrLoad(streamId: string): Promise<DataKeyState | undefined> {
    const cached = cache.get(streamId);
    if (cached) return Promise.resolve(cached);
    let pending = inFlight.get(streamId);
    if (!pending) {
      pending = load(streamId)
        .then((state) => {
          if (state) cache.set(streamId, state);
          return state;
        })
        .finally(() => inFlight.delete(streamId));
      inFlight.set(streamId, pending);
    }
    return pending;
  }

  async function newKey(streamId: string): Promise<KeyForWriting> {
    const generated = await deps.keyProvider.generateDataKey(streamId);
    return {
      key: derive(generated.plaintext),
      newKey: { wrapped: generated.wrapped, masterKeyId: generated.masterKeyId },
    };
  }

  async function putTombstone(streamId: string, at: string): Promise<void> {
    await deps.client.send(
      new PutItemCommand({
        TableName: deps.eventsTableName,
        Item: { streamId: { S: streamId }, version: { N: String(KEY_ITEM_VERSION) }, dataKeyErasedAt: { S: at } },
      }),
    );
  }

  return {
    async forWriting(streamId, options = {}) {
      const state = cache.get(streamId) ?? (options.newStream ? undefined : await cachedOrLoad(streamId));
      if (state === 'erased') throw new StreamErasedError(streamId);
      return state ? { key: state } : newKey(streamId);
    },
    keep(streamId, key) {
      cache.set(streamId, key);
    },
    async existing(streamId, item) {
      if (!item || (item.dataKey === undefined && item.dataKeyErasedAt === undefined)) return cachedOrLoad(streamId);
      const state = await fromItem(streamId, item);
      cache.set(streamId, state);
      return state;
    },
    async learn(streamId, items) {
      if (cache.get(streamId)) return;
      const holder = holderOf(items);
      if (holder) cache.set(streamId, await fromItem(streamId, holder));
    },
    async forReading(streamId) {
      const state = await cachedOrLoad(streamId);
      if (!state)
        throw new StoredEventCorruptError(streamId, undefined, 'it holds personal data but the stream has no data key');
      return state;
    },
    async erase(streamId) {
      const at = deps.now().toISOString();
      const items = await keyHolders(streamId, true);
      const first = items.find((item) => item.version?.N === '1');
      const keyItem = items.find(isKeyItem);
      if (first?.dataKey) {
        // The key rides on the first event: put the event back as it is, without it.
        const { dataKey: _key, dataKeyMaster: _master, ...event } = first;
        await deps.client.send(
          new PutItemCommand({
            TableName: deps.eventsTableName,
            Item: { ...event, dataKeyErasedAt: { S: at } },
            ConditionExpression: 'attribute_exists(version)',
          }),
        );
      } else if (!first?.dataKeyErasedAt) {
        const legacy = await legacyItem(streamId);
        if (!first && !keyItem && !legacy) throw new StreamNotFoundError(streamId, 'it has no event to erase');
        if (legacy && !legacy.erasedAt && deps.legacyKeysTableName) {
          await deps.client.send(
            new PutItemCommand({
              TableName: deps.legacyKeysTableName,
              Item: { keyId: { S: dataKeyItemId(streamId) }, streamId: { S: streamId }, erasedAt: { S: at } },
            }),
          );
        }
        // Over the key item when there is one; otherwise it stops a key from ever being created.
        if (!keyItem?.dataKeyErasedAt) await putTombstone(streamId, at);
      }
      cache.set(streamId, 'erased');
    },
  };
}

/** The Put of a stream's key item (version 0), never over another key or a tombstone: what is there comes back instead. */
export function keyItemPut(tableName: string, streamId: string, newKey: NewWrappedKey, at: string): Put {
  return {
    TableName: tableName,
    Item: {
      streamId: { S: streamId },
      version: { N: String(KEY_ITEM_VERSION) },
      ...keyAttributes(newKey),
      createdAt: { S: at },
    },
    ConditionExpression: 'attribute_not_exists(version)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}
