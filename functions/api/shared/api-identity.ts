// Who signs tokens for the API in the cloud: the Cognito user pool the configuration names.
import { ConfigurationError, type ServiceConfig } from '../../composition/service-config.js';
import { cognitoIdentity } from '../../identity/cloud-identity.js';
import { type IdentityConfig } from '../../identity/identity.js';

export function apiIdentity(config: ServiceConfig): IdentityConfig {
  if (!config.COGNITO_USER_POOL_ID || !config.COGNITO_CLIENT_ID)
    throw new ConfigurationError('the API needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
  return cognitoIdentity({
    region: config.AWS_REGION,
    userPoolId: config.COGNITO_USER_POOL_ID,
    clientId: config.COGNITO_CLIENT_ID,
  });
}
