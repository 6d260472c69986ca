// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /organisations, PUT /organisations/{organisationId}, the people of an organisation.
// Built once per execution environment from the configuration, with only this group's pieces
// (functions/api/administration/administration-composition.ts); tokens are verified against Cognito.
import { awsClients, dynamo, sqs } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { composeAdministrationRoutes } from './administration-composition.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const clients = awsClients(config, { dynamo, sqs });
const ctx = createCompositionContext(config, clients);
export const handler = createRouteGroup(composeAdministrationRoutes(ctx), {
  identity: apiIdentity(ctx),
});
