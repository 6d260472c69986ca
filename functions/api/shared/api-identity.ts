// Who signs tokens for the API in the cloud: the Cognito user pool the configuration names; a
// token issued before its person's access was revoked is refused (functions/people/revocations.ts).
import { ConfigurationError, type ServiceConfig } from '../../composition/service-config.js';
import { cognitoIdentity } from '../../identity/cloud-identity.js';
import { type IdentityConfig } from '../../identity/identity.js';
import { type AwsClients } from '../../composition/clients.js';
import { createRevocations } from '../../people/revocations.js';
import { revocationTable, tableName } from '../../tables/table-definitions.js';

export function apiIdentity(config: ServiceConfig, clients: AwsClients): IdentityConfig {
  if (!config.COGNITO_USER_POOL_ID || !config.COGNITO_CLIENT_ID)
    throw new ConfigurationError('the API needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
  return {
    ...cognitoIdentity({
      region: config.AWS_REGION,
      userPoolId: config.COGNITO_USER_POOL_ID,
      clientId: config.COGNITO_CLIENT_ID,
    }),
    revocations: createRevocations({
      client: clients.dynamo,
      tableName: tableName(config.SERVICE_PREFIX, revocationTable),
    }),
  };
}
