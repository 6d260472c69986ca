// The service's rate limiters, from its configuration: submissions per client address and
// acknowledgement mails per recipient address, counted in the idempotency table and named by
// hashes under one key (kept wrapped in the keys table).
import { type AwsClients } from '../composition/clients.js';
import { createKeyProvider } from '../composition/event-store.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { type KeyProvider } from '../event-store/key-provider.js';
import { idempotencyTable, keyTable, tableName } from '../tables/table-definitions.js';
import { type RateLimiter, createDynamoRateLimiter } from './rate-limiter.js';
import { type SubjectHasher, createSubjectHasher } from './subject-key.js';

export const SUBMISSION_SCOPE = 'submission';
export const ACKNOWLEDGEMENT_SCOPE = 'acknowledgement-mail';

export function createServiceSubjectHasher(
  config: ServiceConfig,
  clients: AwsClients,
  keyProvider: KeyProvider = createKeyProvider(config, clients),
): SubjectHasher {
  return createSubjectHasher({
    client: clients.dynamo,
    tableName: tableName(config.SERVICE_PREFIX, keyTable),
    keyProvider,
  });
}

function limiter(
  config: ServiceConfig,
  clients: AwsClients,
  hasher: SubjectHasher,
  scope: string,
  limit: number,
  windowSeconds: number,
  clock: () => Date,
): RateLimiter {
  return createDynamoRateLimiter({
    client: clients.dynamo,
    tableName: tableName(config.SERVICE_PREFIX, idempotencyTable),
    scope,
    limit,
    windowSeconds,
    hash: (subject) => hasher.hash(scope, subject),
    clock,
  });
}

/** Referral submissions per client address (the source IP API Gateway reports). */
export function submissionRateLimiter(
  config: ServiceConfig,
  clients: AwsClients,
  options: { clock?: () => Date; hasher?: SubjectHasher } = {},
): RateLimiter {
  const hasher = options.hasher ?? createServiceSubjectHasher(config, clients);
  return limiter(
    config,
    clients,
    hasher,
    SUBMISSION_SCOPE,
    config.SUBMISSION_RATE_LIMIT,
    config.SUBMISSION_RATE_WINDOW_SECONDS,
    options.clock ?? (() => new Date()),
  );
}

/** Acknowledgement mails per recipient address (lower-cased). */
export function acknowledgementMailLimiter(
  config: ServiceConfig,
  clients: AwsClients,
  options: { clock?: () => Date; hasher?: SubjectHasher } = {},
): RateLimiter {
  const hasher = options.hasher ?? createServiceSubjectHasher(config, clients);
  const counted = limiter(
    config,
    clients,
    hasher,
    ACKNOWLEDGEMENT_SCOPE,
    config.ACKNOWLEDGEMENT_MAIL_LIMIT,
    config.ACKNOWLEDGEMENT_MAIL_WINDOW_SECONDS,
    options.clock ?? (() => new Date()),
  );
  return { take: (address) => counted.take(address.trim().toLowerCase()) };
}
