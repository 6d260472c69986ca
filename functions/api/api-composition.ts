// The API's composition root: every route group built from the service configuration and the
// AWS clients, each on first use (a Lambda builds only its own group and what that needs; the
// local server and the OpenAPI document take them all). Route groups are
// `createXRoutes(deps): RouteDefinition[]`; this is the one place their deps are made.
import { randomUUID } from 'node:crypto';
import { type ReferralDecider, createReferralDecider } from '../../domain/referral/decider.js';
import { type Geography } from '../../domain/routing/geography.js';
import { NATIONAL_TRIAGE_ID, queueNameFor } from '../../domain/routing/directory.js';
import { createAccessAudit } from '../audit/access-audit.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { type AwsClients } from '../composition/clients.js';
import { createServiceEventStore } from '../composition/event-store.js';
import { type EventStore } from '../event-store/event-store.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { loadGeography } from '../geography/load-geography.js';
import { type RouteDefinition } from '../http/route.js';
import { composeDirectoryOverlay } from '../organisations/directory-composition.js';
import { createOrganisationAdministration } from '../organisations/organisation-administration.js';
import { createDeconflictionReader } from '../read-models/deconfliction-reader.js';
import { createProjectionVersions } from '../read-models/projection-versions.js';
import { type StatisticsReader, createStatisticsReader } from '../read-models/statistics-reader.js';
import { type TriageQueueReader, createTriageQueueReader } from '../read-models/triage-queue-reader.js';
import { auditTable, idempotencyTable, readModelTable, tableName } from '../tables/table-definitions.js';
import { type AccessGuard, createAccessGuard } from './access-guard.js';
import { createAdministrationRoutes } from './administration-routes.js';
import { createCaseCommandRoutes } from './case-command-routes.js';
import { type CaseCommands, createCaseCommands } from './case-commands.js';
import { createHealthCheck } from './health-check.js';
import { createPlatformRoutes } from './platform-routes.js';
import { newReferralIdentifiers } from './referral-identifiers.js';
import { createReferralRoutes } from './referral-routes.js';
import { type ReferralSubmission, createReferralSubmission } from './referral-submission.js';
import { createStatisticsRoutes } from './statistics-routes.js';
import { createSubmissionIdempotency } from './submission-idempotency.js';
import { createTriageQueueRoutes } from './triage-queue-routes.js';

/** The route groups, one per Lambda function (infra/function-catalogue.ts). */
export const routeGroupNames = ['referrals', 'caseCommands', 'triageQueues', 'statistics', 'administration', 'platform'] as const;
export type RouteGroupName = (typeof routeGroupNames)[number];

/** The Lambda entry that serves each group (the CDK app bundles exactly these files). */
export const lambdaEntries: Readonly<Record<RouteGroupName, string>> = {
  referrals: 'functions/api/referrals.lambda.ts',
  caseCommands: 'functions/api/case-commands.lambda.ts',
  triageQueues: 'functions/api/triage-queues.lambda.ts',
  statistics: 'functions/api/statistics.lambda.ts',
  administration: 'functions/api/administration.lambda.ts',
  platform: 'functions/api/platform.lambda.ts',
};

/** The application services behind the routes; the web pages use these same instances' makers. */
export interface ApiServices {
  store: EventStore;
  decider: ReferralDecider;
  guard: AccessGuard;
  submission: ReferralSubmission;
  caseCommands: CaseCommands;
  queues: TriageQueueReader;
  statistics: StatisticsReader;
}

export interface ApiComposition {
  group(name: RouteGroupName): RouteDefinition[];
  /** The application services, built on first use (for the web pages: same checks, audit and idempotency). */
  services(): ApiServices;
  /** Every route of every group, in group order. */
  all(): RouteDefinition[];
}

export interface ApiOptions {
  clock?: () => Date;
  newId?: () => string;
  geography?: Geography;
  /** How long the directory overlay keeps what it read (default 30 s). */
  directoryTtlMs?: number;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

export function composeApi(config: ServiceConfig, clients: AwsClients, options: ApiOptions = {}): ApiComposition {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const table = (definition: Parameters<typeof tableName>[1]) => tableName(config.SERVICE_PREFIX, definition);
  const geography = once(() => options.geography ?? loadGeography());
  const store = once(() => createServiceEventStore(config, clients, clock));
  const decider = once(() => createReferralDecider());
  const audit = once(() => createAccessAudit({ client: clients.dynamo, tableName: table(auditTable), newId }));
  const guard = once(() => createAccessGuard({ audit: audit(), clock }));
  const versions = once(() => createProjectionVersions({ client: clients.dynamo, tableName: table(readModelTable) }));
  const directory = once(() => composeDirectoryOverlay(config, clients, geography(), options.directoryTtlMs === undefined ? {} : { ttlMs: options.directoryTtlMs }));

  const submission = once(() =>
    createReferralSubmission({
      commands: createCommandHandler({ store: store(), decider: decider() }),
      idempotency: createSubmissionIdempotency({ client: clients.dynamo, tableName: table(idempotencyTable), clock }),
      clock,
      newIdentifiers: () => newReferralIdentifiers(),
    }),
  );
  const caseCommands = once(() => createCaseCommands({ store: store(), decider: decider(), guard: guard(), clock, newId }));
  const queues = once(() =>
    createTriageQueueReader({ client: clients.dynamo, tableName: table(readModelTable), versions: versions(), deconfliction: createDeconflictionReader({ client: clients.dynamo, tableName: table(readModelTable) }) }),
  );
  const statistics = once(() => createStatisticsReader({ client: clients.dynamo, tableName: table(readModelTable), versions: versions() }));
  const services = once((): ApiServices => ({ store: store(), decider: decider(), guard: guard(), submission: submission(), caseCommands: caseCommands(), queues: queues(), statistics: statistics() }));

  const builders: Record<RouteGroupName, () => RouteDefinition[]> = {
    referrals: () => createReferralRoutes({ store: store(), decider: decider(), guard: guard(), submission: submission() }),
    caseCommands: () => createCaseCommandRoutes({ commands: caseCommands() }),
    triageQueues: () => createTriageQueueRoutes({ guard: guard(), queues: queues() }),
    statistics: () => createStatisticsRoutes({ guard: guard(), statistics: statistics() }),
    administration: () =>
      createAdministrationRoutes({
        organisations: createOrganisationAdministration({ store: store(), directory: geography().organisations }),
        directory: directory(),
        audit: audit(),
        guard: guard(),
        clock,
        newId,
      }),
    platform: () =>
      createPlatformRoutes({
        health: createHealthCheck({ dynamo: clients.dynamo, sqs: clients.sqs, ses: clients.ses, servicePrefix: config.SERVICE_PREFIX, probeQueueUrl: `${config.QUEUE_URL_BASE}${queueNameFor(NATIONAL_TRIAGE_ID)}` }),
        geography: geography(),
        documentedRoutes: () => api.all(),
      }),
  };
  const groups = new Map<RouteGroupName, RouteDefinition[]>();
  const api: ApiComposition = {
    services,
    group(name) {
      let routes = groups.get(name);
      if (!routes) {
        routes = builders[name]();
        groups.set(name, routes);
      }
      return routes;
    },
    all: () => routeGroupNames.flatMap((name) => api.group(name)),
  };
  return api;
}
