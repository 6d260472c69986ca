// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /health, GET /openapi.json, GET /routing/preview.
// Built once per execution environment with only this group's pieces; the OpenAPI document it
// serves was generated from every route group at build time (built-api-document.ts), so the
// bundle carries no other group's code.
import { awsClients, dynamo, ses, sqs } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { builtApiDocument } from './built-api-document.js';
import { composePlatformRoutes } from './platform-composition.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
// Its routes use DynamoDB, SQS and SES (the health probes).
const clients = awsClients(config, { dynamo, sqs, ses });
const ctx = createCompositionContext(config, clients);
export const handler = createRouteGroup(
  composePlatformRoutes(ctx, () => builtApiDocument),
  { identity: apiIdentity(ctx) },
);
