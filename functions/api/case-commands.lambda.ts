// Lambda entry point (API Gateway HTTP API, payload 2.0): the case commands, POST /referrals/{referralId}/<command>.
// Built once per execution environment from the configuration; tokens are verified against Cognito.
import { createAwsClients } from '../composition/clients.js';
import { readServiceConfig } from '../composition/service-config.js';
import { createRouteGroup } from '../http/route-group.js';
import { composeApi } from './api-composition.js';
import { apiIdentity } from './api-identity.js';

const config = readServiceConfig();
export const handler = createRouteGroup(composeApi(config, createAwsClients(config)).group('caseCommands'), { identity: apiIdentity(config) });
