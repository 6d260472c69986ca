// Lambda entry point (API Gateway HTTP API, payload 2.0): POST /referrals, GET /referrals/{referralId}, its timeline and its status, POST /case-search.
// Built once per execution environment from the configuration, with only this group's pieces
// (functions/api/referrals/referrals-composition.ts); tokens are verified against Cognito.
import { awsClients, dynamo, kms } from '../../composition/clients.js';
import { readServiceConfig } from '../../composition/service-config.js';
import { createRouteGroup } from '../../http/route-group.js';
import { apiIdentity } from '../shared/api-identity.js';
import { createCompositionContext } from '../shared/composition-context.js';
import { composeReferralRoutes } from './referrals-composition.js';
import { mapStackTracesOnDemand } from '../../observability/stack-traces.js';

// Stack traces name the TypeScript sources, the source map read only when one is printed.
mapStackTracesOnDemand(import.meta.url);
const config = readServiceConfig();
const clients = awsClients(config, { dynamo, kms });
const ctx = createCompositionContext(config, clients);
export const handler = createRouteGroup(composeReferralRoutes(ctx), {
  identity: apiIdentity(ctx),
});
