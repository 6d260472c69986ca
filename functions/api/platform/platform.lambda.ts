// Lambda entry point (API Gateway HTTP API, payload 2.0): GET /health, GET /openapi.json, GET /routing/preview.
// Built once per execution environment: the OpenAPI document covers every route of the API, so this
// function composes them all (functions/api/api.ts) and serves the platform group.
import { awsClients, dynamo, ses, sqs } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { composeApi } from '../api.js';
import { apiIdentity } from '../shared/api-identity.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
// Its own routes use DynamoDB, SQS and SES (the health probes); the other groups are composed
// only for the OpenAPI document and never call AWS from here.
const clients = awsClients(config, { dynamo, sqs, ses });
const api = composeApi(config, clients);
export const handler = createRouteGroup(api.group('platform'), { identity: apiIdentity(api.context) });
