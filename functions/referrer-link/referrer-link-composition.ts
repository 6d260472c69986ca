// The referrer's links from the service configuration: the router mints them, the referrer's
// pages and API routes check them, all with the one key kept wrapped in the keys table.
import { type AwsClients } from '../composition/clients.js';
import { createKeyProvider } from '../composition/event-store.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type KeyProvider } from '../event-store/key-provider.js';
import { keyTable, tableName } from '../tables/table-definitions.js';
import { type ReferrerLinks, createReferrerLinkKey, createReferrerLinks } from './referrer-links.js';

export function composeReferrerLinks(
  config: ServiceConfig,
  clients: AwsClients,
  clock: () => Date,
  keyProvider: KeyProvider = createKeyProvider(config, clients),
): ReferrerLinks {
  return createReferrerLinks({
    key: createReferrerLinkKey({
      client: clients.dynamo,
      tableName: tableName(config.SERVICE_PREFIX, keyTable),
      keyProvider,
    }),
    lifetimes: { statusDays: config.REFERRER_STATUS_LINK_DAYS, questionDays: config.REFERRER_QUESTION_LINK_DAYS },
    clock,
  });
}
