// The event store as the service configures it: the events table under the service prefix, with
// each referral's data key in the referral's own partition (and the keys table read for keys kept
// there before), wrapped by KMS in the cloud or by the local master key offline.
import { type DataKeys, type DataKeysDeps, createDataKeys } from '../event-store/data-keys.js';
import { type EventStore, createEventStore } from '../event-store/event-store.js';
import { type KeyProvider } from '../event-store/key-provider.js';
import { createKmsKeyProvider } from '../event-store/kms-key-provider.js';
import { createLocalKeyProvider, loadLocalMasterKey } from '../event-store/local-key-provider.js';
import { eventStoreTable, keyTable, tableName } from '../tables/table-definitions.js';
import { type AwsClients } from './clients.js';
import { type ServiceConfig } from './service-config.js';

export function createKeyProvider(config: ServiceConfig, clients: AwsClients): KeyProvider {
  if (config.KEY_PROVIDER === 'kms') {
    // The KMS client is asked for at the first key, not at start: a function that never creates or
    // unwraps a key (an organisation's stream, a read model) neither needs the client nor builds it.
    let kmsKeys: KeyProvider | undefined;
    const keys = () =>
      (kmsKeys ??= createKmsKeyProvider({ kms: clients.kms, keyId: config.PERSONAL_DATA_KEY_ID as string }));
    return {
      generateDataKey: async (streamId) => keys().generateDataKey(streamId),
      unwrapDataKey: async (streamId, wrapped) => keys().unwrapDataKey(streamId, wrapped),
    };
  }
  return createLocalKeyProvider(loadLocalMasterKey({ env: { LOCAL_MASTER_KEY: config.LOCAL_MASTER_KEY } }));
}

/** Per-referral data keys in the events table (the keys table for older keys), unwrapped by the configured key provider. */
export function createServiceDataKeys(
  config: ServiceConfig,
  clients: AwsClients,
  now: () => Date = () => new Date(),
  keyProvider: KeyProvider = createKeyProvider(config, clients),
  cache?: DataKeysDeps['cache'],
): DataKeys {
  return createDataKeys({
    client: clients.dynamo,
    eventsTableName: tableName(config.SERVICE_PREFIX, eventStoreTable),
    legacyKeysTableName: tableName(config.SERVICE_PREFIX, keyTable),
    keyProvider,
    now,
    ...(cache ? { cache } : {}),
  });
}

/**
 * The service's event store. `keyCache` bounds how long unwrapped data keys are kept; a reader
 * watching the service from outside (a test) keeps none, so it sees another process's erasure at once.
 */
export function createServiceEventStore(
  config: ServiceConfig,
  clients: AwsClients,
  now: () => Date = () => new Date(),
  options: { keyCache?: DataKeysDeps['cache'] } = {},
): EventStore {
  return createEventStore({
    client: clients.dynamo,
    tableName: tableName(config.SERVICE_PREFIX, eventStoreTable),
    keys: createServiceDataKeys(config, clients, now, undefined, options.keyCache),
    now,
  });
}
