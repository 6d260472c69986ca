// Who signs tokens for the API in the cloud: the Cognito user pool the configuration names; a
// token issued before its person's access was revoked is refused (functions/people/revocations.ts),
// read through the context's one revocation record (the one its people administration writes).
import { ConfigurationError } from '../../composition/service-config.js';
import { cognitoIdentity } from '../../identity/cloud-identity.js';
import { type IdentityConfig } from '../../identity/identity.js';
import { type CompositionContext } from './composition-context.js';
import { revocations } from './revocations-composition.js';

export function apiIdentity(ctx: CompositionContext): IdentityConfig {
  const { config } = ctx;
  if (!config.COGNITO_USER_POOL_ID || !config.COGNITO_CLIENT_ID)
    throw new ConfigurationError('the API needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
  return {
    ...cognitoIdentity({
      region: config.AWS_REGION,
      userPoolId: config.COGNITO_USER_POOL_ID,
      clientId: config.COGNITO_CLIENT_ID,
    }),
    revocations: revocations(ctx),
  };
}
