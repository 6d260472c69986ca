// The key of the rate limiter's hashes, kept like the blind-index key: generated once by the key
// provider (KMS, or the local master key), stored only wrapped in the keys table, unwrapped on
// first use and cached for the life of the process. Two processes that race to create it agree.
// Client and mail addresses are hashed under it with HMAC-SHA-256, so a counter's name tells
// nothing about whom it counts, even to someone who can read the table and try every IPv4 address.
import { createHmac } from 'node:crypto';
import { ConditionalCheckFailedException, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from '../event-store/key-provider.js';

export const RATE_LIMIT_KEY_ID = 'rate-limit-key#subjects';
const BINDING = 'rate-limit-subjects';

export interface SubjectHasher {
  hash(scope: string, subject: string): Promise<string>;
}

export function createSubjectHasher(deps: {
  client: DynamoDBClient;
  tableName: string;
  keyProvider: KeyProvider;
  /** The key item's id; tests sharing one keys table under several master keys give their own. */
  keyId?: string;
}): SubjectHasher {
  const keyId = deps.keyId ?? RATE_LIMIT_KEY_ID;
  let pending: Promise<Uint8Array> | undefined;

  async function stored(): Promise<Uint8Array | undefined> {
    const { Item } = await deps.client.send(new GetItemCommand({ TableName: deps.tableName, Key: { keyId: { S: keyId } }, ConsistentRead: true }));
    if (!Item) return undefined;
    const wrapped = Item.wrappedKey?.B;
    if (!wrapped) throw new Error('the rate-limit key item holds no wrapped key');
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
          Item: { keyId: { S: keyId }, wrappedKey: { B: generated.wrapped }, masterKeyId: { S: generated.masterKeyId } },
          ConditionExpression: 'attribute_not_exists(keyId)',
        }),
      );
      return generated.plaintext;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const winner = await stored();
      if (!winner) throw new Error('the rate-limit key was created elsewhere but cannot be read back');
      return winner;
    }
  }

  const key = () => {
    pending ??= loadOrCreate().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };

  return {
    async hash(scope, subject) {
      return createHmac('sha256', await key()).update(`${scope}\n${subject}`).digest('base64url');
    },
  };
}
