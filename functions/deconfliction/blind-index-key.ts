// The key of the person blind index, kept like the referrals' data keys: generated once by the
// key provider (KMS, or the local master key), stored only in wrapped form in the keys table,
// unwrapped on first use and cached for the life of the process. Two processes that race to
// create it agree: the first write wins and the other reads it back.
import { ConditionalCheckFailedException, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from '../event-store/key-provider.js';

/** The key's item id in the keys table, and the context it is bound to when wrapped. */
export const BLIND_INDEX_KEY_ID = 'blind-index-key#person';
const BINDING = 'blind-index-person';

export class BlindIndexKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BlindIndexKeyError';
  }
}

export interface BlindIndexKeySource {
  key(): Promise<Uint8Array>;
}

export function createBlindIndexKeySource(deps: { client: DynamoDBClient; tableName: string; keyProvider: KeyProvider }): BlindIndexKeySource {
  let pending: Promise<Uint8Array> | undefined;

  async function stored(): Promise<Uint8Array | undefined> {
    const { Item } = await deps.client.send(new GetItemCommand({ TableName: deps.tableName, Key: { keyId: { S: BLIND_INDEX_KEY_ID } }, ConsistentRead: true }));
    if (!Item) return undefined;
    const wrapped = Item.wrappedKey?.B;
    if (!wrapped) throw new BlindIndexKeyError('the blind-index key item holds no wrapped key');
    return deps.keyProvider.unwrapDataKey(BINDING, wrapped);
  }

  async function loadOrCreate(): Promise<Uint8Array> {
    const existing = await stored();
    if (existing) return existing;
    const generated = await deps.keyProvider.generateDataKey(BINDING);
    try {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: { keyId: { S: BLIND_INDEX_KEY_ID }, wrappedKey: { B: generated.wrapped }, masterKeyId: { S: generated.masterKeyId } },
          ConditionExpression: 'attribute_not_exists(keyId)',
        }),
      );
      return generated.plaintext;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const winner = await stored();
      if (!winner) throw new BlindIndexKeyError('the blind-index key was created elsewhere but cannot be read back');
      return winner;
    }
  }

  return {
    key() {
      pending ??= loadOrCreate().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
  };
}
