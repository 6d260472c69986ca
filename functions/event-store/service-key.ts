// A key of the service's own (the blind index's, the rate limiter's), kept like the referrals'
// data keys: generated once by the key provider (KMS, or the local master key), stored only in
// wrapped form in the keys table, unwrapped on first use and cached for the life of the process.
// Two processes that race to create it agree: the first write wins and the other reads it back.
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from './key-provider.js';

export class ServiceKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceKeyError';
  }
}

export interface ServiceKey {
  key(): Promise<Uint8Array>;
}

export function createServiceKey(deps: {
  client: DynamoDBClient;
  tableName: string;
  keyProvider: KeyProvider;
  /** The key's item id in the keys table. */
  keyId: string;
  /** The context it is bound to when wrapped. */
  binding: string;
  /** What the key is for, in errors ("the blind-index key"). */
  name: string;
}): ServiceKey {
  let pending: Promise<Uint8Array> | undefined;

  async function stored(): Promise<Uint8Array | undefined> {
    const { Item } = await deps.client.send(
      new GetItemCommand({ TableName: deps.tableName, Key: { keyId: { S: deps.keyId } }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const wrapped = Item.wrappedKey?.B;
    if (!wrapped) throw new ServiceKeyError(`the ${deps.name} item holds no wrapped key`);
    return deps.keyProvider.unwrapDataKey(deps.binding, wrapped);
  }

  async function loadOrCreate(): Promise<Uint8Array> {
    const existing = await stored();
    if (existing) return existing;
    const generated = await deps.keyProvider.generateDataKey(deps.binding);
    try {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: {
            keyId: { S: deps.keyId },
            wrappedKey: { B: generated.wrapped },
            masterKeyId: { S: generated.masterKeyId },
          },
          ConditionExpression: 'attribute_not_exists(keyId)',
        }),
      );
      return generated.plaintext;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const winner = await stored();
      if (!winner) throw new ServiceKeyError(`the ${deps.name} was created elsewhere but cannot be read back`);
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
