// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /organisations/{organisationId}/triage-queue.
// Built once per execution environment from the configuration, with only this group's pieces
// (functions/api/triage-queues/triage-queues-composition.ts); tokens are verified against Cognito.
import { awsClients, dynamo } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { composeTriageQueueRoutes } from './triage-queues-composition.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const clients = awsClients(config, { dynamo });
const ctx = createCompositionContext(config, clients);
export const handler = createRouteGroup(composeTriageQueueRoutes(ctx), {
  identity: apiIdentity(ctx),
});
