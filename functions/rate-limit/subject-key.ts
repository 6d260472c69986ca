// The key of the rate limiter's hashes, kept like the blind-index key: generated once by the key
// provider (KMS, or the local master key), stored only wrapped in the keys table, unwrapped on
// first use and cached for the life of the process. Two processes that race to create it agree.
// Client and mail addresses are hashed under it with HMAC-SHA-256, so a counter's name tells
// nothing about whom it counts, even to someone who can read the table and try every IPv4 address.
import { createHmac } from 'node:crypto';
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from '../event-store/key-provider.js';
import { createServiceKey } from '../event-store/service-key.js';

export const RATE_LIMIT_KEY_ID = 'rate-limit-key#subjects';

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
  const source = createServiceKey({
    client: deps.client,
    tableName: deps.tableName,
    keyProvider: deps.keyProvider,
    keyId: deps.keyId ?? RATE_LIMIT_KEY_ID,
    binding: 'rate-limit-subjects',
    name: 'rate-limit key',
  });
  return {
    async hash(scope, subject) {
      return createHmac('sha256', await source.key())
        .update(`${scope}\n${subject}`)
        .digest('base64url');
    },
  };
}
