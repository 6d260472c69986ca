// Each referral's data key, kept wrapped in the `keys` table (one item per stream). The first
// event with a personal part creates it: the store writes the key item in the same transaction
// as the events, conditioned on no key item (nor an erasure tombstone) being there, so a key is
// never overwritten and a failed append leaves no key behind. Reads unwrap it; erasure
// overwrites it with a tombstone, which crypto-shreds every personal part of the stream at once.
// Unwrapped keys are cached (LRU + time to live) so that, after the first, appends and reads
// make no key round trip.
import { hkdfSync } from 'node:crypto';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type Put,
} from '@aws-sdk/client-dynamodb';
import { BoundedCache } from './bounded-cache.js';
import { StoredEventCorruptError, StreamErasedError } from './errors.js';
import { type KeyProvider } from './key-provider.js';

export interface DataKey {
  /** AES-256-GCM key for the personal parts. */
  encryptionKey: Uint8Array;
  /** HMAC key for command digests, derived from the data key, so digests die with it. */
  digestKey: Uint8Array;
}

export type DataKeyState = DataKey | 'erased';

/** A key for writing; `newKeyItem` is set when the stream has none yet and the caller must write it. */
export interface KeyForWriting {
  key: DataKey;
  /**
   * The key item to put in the same transaction as the events (condition: no key item there).
   * Until `keep` is called after that transaction, the key is not the stream's and is not cached.
   */
  newKeyItem?: Put;
}

export interface DataKeys {
  /**
   * The stream's key, or a new one to be written with the events. Throws StreamErasedError once
   * the stream was erased. `newStream` (an append to an empty stream) skips the lookup: a key
   * already there makes the new key item's condition fail, and the caller then uses `existing`.
   */
  forWriting(streamId: string, options?: { newStream?: boolean }): Promise<KeyForWriting>;
  /** The transaction that carried `newKeyItem` succeeded: the key is the stream's from now on. */
  keep(streamId: string, key: DataKey): void;
  /**
   * The stream's key after a new key item's condition failed: from the item the failed condition
   * returned, or read again when the engine did not return it. Undefined if there is none.
   */
  existing(streamId: string, item?: Record<string, AttributeValue>): Promise<DataKeyState | undefined>;
  /** The stream's key, or 'erased'. */
  forReading(streamId: string): Promise<DataKeyState>;
  /** Destroys the stream's key. Idempotent. */
  erase(streamId: string): Promise<void>;
}

export interface DataKeysDeps {
  client: DynamoDBClient;
  tableName: string;
  keyProvider: KeyProvider;
  now: () => Date;
  /** Defaults: 10,000 keys for 5 minutes. A key erased elsewhere stays usable here for at most ttlMs. */
  cache?: { maxEntries: number; ttlMs: number };
}

export function dataKeyItemId(streamId: string): string {
  return `data-key#${streamId}`;
}

export function createDataKeys(deps: DataKeysDeps): DataKeys {
  const cache = new BoundedCache<string, DataKeyState>(deps.cache ?? { maxEntries: 10_000, ttlMs: 5 * 60_000 });
  const inFlight = new Map<string, Promise<DataKeyState | undefined>>();

  function derive(plaintext: Uint8Array): DataKey {
    return {
      encryptionKey: plaintext,
      digestKey: new Uint8Array(hkdfSync('sha256', plaintext, new Uint8Array(0), 'command-digest', 32)),
    };
  }

  async function load(streamId: string): Promise<DataKeyState | undefined> {
    const { Item } = await deps.client.send(
      new GetItemCommand({
        TableName: deps.tableName,
        Key: { keyId: { S: dataKeyItemId(streamId) } },
        ConsistentRead: true,
      }),
    );
    return Item ? fromItem(streamId, Item) : undefined;
  }

  async function fromItem(streamId: string, Item: Record<string, AttributeValue>): Promise<DataKeyState> {
    if (Item.erasedAt?.S) return 'erased';
    const wrapped = Item.wrappedKey?.B;
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
      newKeyItem: {
        TableName: deps.tableName,
        Item: {
          keyId: { S: dataKeyItemId(streamId) },
          streamId: { S: streamId },
          wrappedKey: { B: generated.wrapped },
          masterKeyId: { S: generated.masterKeyId },
          createdAt: { S: deps.now().toISOString() },
        },
        // Never over another key or an erasure tombstone: what is there comes back instead.
        ConditionExpression: 'attribute_not_exists(keyId)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
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
      if (!item) return cachedOrLoad(streamId);
      const state = await fromItem(streamId, item);
      cache.set(streamId, state);
      return state;
    },
    async forReading(streamId) {
      const state = await cachedOrLoad(streamId);
      if (!state)
        throw new StoredEventCorruptError(streamId, undefined, 'it holds personal data but the stream has no data key');
      return state;
    },
    async erase(streamId) {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: {
            keyId: { S: dataKeyItemId(streamId) },
            streamId: { S: streamId },
            erasedAt: { S: deps.now().toISOString() },
          },
        }),
      );
      cache.set(streamId, 'erased');
    },
  };
}
