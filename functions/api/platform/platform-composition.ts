// The platform group (function `platform`): health over the engines the service uses (every
// table, the national triage queue, SES), the routing preview over the whole geography, and the
// OpenAPI document it is given (generated from every route group, or the one generated at build time).
import { NATIONAL_TRIAGE_ID, queueNameFor } from '../../../domain/routing/directory.js';
import { loadGeography } from '../../geography/load-geography.js';
import { type RouteDefinition } from '../../http/route.js';
import { type CompositionContext } from '../shared/composition-context.js';
import { createHealthCheck } from './health-check.js';
import { createPlatformRoutes } from './platform-routes.js';

export function composePlatformRoutes(ctx: CompositionContext, apiDocument: () => unknown): RouteDefinition[] {
  const { config, clients } = ctx;
  return createPlatformRoutes({
    health: createHealthCheck({
      dynamo: clients.dynamo,
      sqs: clients.sqs,
      ses: clients.ses,
      servicePrefix: config.SERVICE_PREFIX,
      probeQueueUrl: `${config.QUEUE_URL_BASE}${queueNameFor(NATIONAL_TRIAGE_ID)}`,
    }),
    geography: loadGeography,
    apiDocument,
  });
}
