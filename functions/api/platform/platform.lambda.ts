// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /health, GET /openapi.json, GET /routing/preview.
// Built once per execution environment with only the platform group. The OpenAPI document covers
// every route of the API, so the first GET /openapi.json composes them all (functions/api/api.ts),
// imported then: a cold start for a health probe or a preview does not initialise every group.
import { awsClients, dynamo, ses, sqs } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { composePlatformRoutes } from './platform-composition.js';

const config = readServiceConfig();
const clients = awsClients(config, { dynamo, sqs, ses });
const everyRoute = async () => (await import('../api.js')).composeApi(config, clients).all();
export const handler = createRouteGroup(composePlatformRoutes(createCompositionContext(config, clients), everyRoute), {
  identity: apiIdentity(config, clients),
});
