// The API's one composition root: every route group at once, for the local server, the web
// pages' local mount and the OpenAPI document, sharing one composition context (one event store,
// one guard...). Each group lives in its own folder (functions/api/<group>/) with its Lambda
// entry, routes, composition and services; a Lambda builds only its own group through that
// group's composition, so its bundle carries nothing else. functions/api/shared/ holds what
// several groups use: the composition context, the access guard, the guarded decider.
import { type AwsClients } from '../composition/clients.js';
import { type ServiceConfig } from '../composition/service-config.js';
import { openApiDocument } from '../http/openapi.js';
import { type RouteDefinition } from '../http/route.js';
import { composeAdministrationRoutes } from './administration/administration-composition.js';
import { type ApiServices, apiServicesOf } from './api-services.js';
import { composeCaseCommandRoutes } from './case-commands/case-commands-composition.js';
import { type ApiOptions, type CompositionContext, createCompositionContext } from './shared/composition-context.js';
import { composeOversightRoutes } from './oversight/oversight-composition.js';
import { composePlatformRoutes } from './platform/platform-composition.js';
import { apiInfo } from './platform/platform-routes.js';
import { composeReferralRoutes } from './referrals/referrals-composition.js';
import { composeStatisticsRoutes } from './statistics/statistics-composition.js';
import { composeTriageQueueRoutes } from './triage-queues/triage-queues-composition.js';

export type { ApiOptions } from './shared/composition-context.js';
export type { ApiServices } from './api-services.js';

/** The route groups, one per Lambda function (infra/function-catalogue.ts). */
export const routeGroupNames = [
  'referrals',
  'caseCommands',
  'triageQueues',
  'statistics',
  'administration',
  'oversight',
  'platform',
] as const;
export type RouteGroupName = (typeof routeGroupNames)[number];

/** The Lambda entry that serves each group (the CDK app bundles exactly these files). */
export const lambdaEntries: Readonly<Record<RouteGroupName, string>> = {
  referrals: 'functions/api/referrals/referrals.lambda.ts',
  caseCommands: 'functions/api/case-commands/case-commands.lambda.ts',
  triageQueues: 'functions/api/triage-queues/triage-queues.lambda.ts',
  statistics: 'functions/api/statistics/statistics.lambda.ts',
  administration: 'functions/api/administration/administration.lambda.ts',
  oversight: 'functions/api/oversight/oversight.lambda.ts',
  platform: 'functions/api/platform/platform.lambda.ts',
};

export interface ApiComposition {
  group(name: RouteGroupName): RouteDefinition[];
  /** The application services, built on first use (for the web pages: same checks, audit and idempotency). */
  services(): ApiServices;
  /** Every route of every group, in group order. */
  all(): RouteDefinition[];
  /** The context every group is composed in (the token check reads its revocation record). */
  readonly context: CompositionContext;
}

/** The OpenAPI document of these routes, as GET /openapi.json serves it (and `npm run openapi` writes it). */
export function apiDocumentOf(routes: readonly RouteDefinition[]): unknown {
  return openApiDocument(routes, apiInfo);
}

export function composeApi(config: ServiceConfig, clients: AwsClients, options: ApiOptions = {}): ApiComposition {
  const ctx = createCompositionContext(config, clients, options);
  const builders: Record<RouteGroupName, () => RouteDefinition[]> = {
    referrals: () => composeReferralRoutes(ctx),
    caseCommands: () => composeCaseCommandRoutes(ctx),
    triageQueues: () => composeTriageQueueRoutes(ctx),
    statistics: () => composeStatisticsRoutes(ctx),
    administration: () => composeAdministrationRoutes(ctx),
    oversight: () => composeOversightRoutes(ctx),
    platform: () => composePlatformRoutes(ctx, () => apiDocumentOf(api.all())),
  };
  const api: ApiComposition = {
    context: ctx,
    services: () => apiServicesOf(ctx),
    group: (name) => ctx.once(`routes:${name}`, builders[name]),
    all: () => routeGroupNames.flatMap((name) => api.group(name)),
  };
  return api;
}
