// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /referrals/{referralId}/access-audit, GET /organisations/{organisationId}/people/{userId}/access-audit, POST /subject-access-requests.
// Built once per execution environment from the configuration, with only this group's pieces
// (functions/api/oversight/oversight-composition.ts); tokens are verified against Cognito.
import { awsClients, dynamo, kms } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { composeOversightRoutes } from './oversight-composition.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const clients = awsClients(config, { dynamo, kms });
const ctx = createCompositionContext(config, clients);
export const handler = createRouteGroup(composeOversightRoutes(ctx), {
  identity: apiIdentity(ctx),
});
