// The key of the person blind index: a service key (functions/event-store/service-key.ts), kept
// wrapped in the keys table like the referrals' data keys.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type KeyProvider } from '../event-store/key-provider.js';
import { type ServiceKey, createServiceKey } from '../event-store/service-key.js';

/** The key's item id in the keys table. */
export const BLIND_INDEX_KEY_ID = 'blind-index-key#person';

export type BlindIndexKeySource = ServiceKey;

export function createBlindIndexKeySource(deps: {
  client: DynamoDBClient;
  tableName: string;
  keyProvider: KeyProvider;
}): BlindIndexKeySource {
  return createServiceKey({
    ...deps,
    keyId: BLIND_INDEX_KEY_ID,
    binding: 'blind-index-person',
    name: 'blind-index key',
  });
}
