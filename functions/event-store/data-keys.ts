// Each referral's data key, kept wrapped in the `keys` table (one item per stream). The first
// event with a personal part creates it; reads unwrap it; erasure overwrites it with a
// tombstone, which crypto-shreds every personal part of the stream at once. Unwrapped keys are
// cached (LRU + time to live) so that, after the first, appends and reads make no key round trip.
import { hkdfSync } from 'node:crypto';
import { type AttributeValue, ConditionalCheckFailedException, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
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

export interface DataKeys {
  /**
   * The stream's key, created on first use. Throws StreamErasedError once the stream was erased.
   * `newStream` (an append expecting no stream) skips the lookup and creates the key straight away:
   * one write instead of a read and a write; an existing key comes back with the failed condition.
   */
  forWriting(streamId: string, options?: { newStream?: boolean }): Promise<DataKey>;
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
    return { encryptionKey: plaintext, digestKey: new Uint8Array(hkdfSync('sha256', plaintext, new Uint8Array(0), 'command-digest', 32)) };
  }

  async function load(streamId: string): Promise<DataKeyState | undefined> {
    const { Item } = await deps.client.send(new GetItemCommand({ TableName: deps.tableName, Key: { keyId: { S: dataKeyItemId(streamId) } }, ConsistentRead: true }));
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

  async function create(streamId: string): Promise<DataKeyState> {
    const generated = await deps.keyProvider.generateDataKey(streamId);
    try {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: {
            keyId: { S: dataKeyItemId(streamId) },
            streamId: { S: streamId },
            wrappedKey: { B: generated.wrapped },
            masterKeyId: { S: generated.masterKeyId },
            createdAt: { S: deps.now().toISOString() },
          },
          ConditionExpression: 'attribute_not_exists(keyId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      // The stream already has a key (another writer was first) or a tombstone: use what is there.
      if (error instanceof ConditionalCheckFailedException && error.Item) {
        const existing = await fromItem(streamId, error.Item);
        cache.set(streamId, existing);
        return existing;
      }
      throw error;
    }
    const key = derive(generated.plaintext);
    cache.set(streamId, key);
    return key;
  }

  return {
    async forWriting(streamId, options = {}) {
      const cached = cache.get(streamId);
      const state = cached ?? (options.newStream ? await create(streamId) : ((await cachedOrLoad(streamId)) ?? (await create(streamId))));
      if (state === 'erased') throw new StreamErasedError(streamId);
      return state;
    },
    async forReading(streamId) {
      const state = await cachedOrLoad(streamId);
      if (!state) throw new StoredEventCorruptError(streamId, undefined, 'it holds personal data but the stream has no data key');
      return state;
    },
    async erase(streamId) {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: { keyId: { S: dataKeyItemId(streamId) }, streamId: { S: streamId }, erasedAt: { S: deps.now().toISOString() } },
        }),
      );
      cache.set(streamId, 'erased');
    },
  };
}
