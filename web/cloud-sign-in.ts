// Sign-in for the pages in the cloud: Cognito's hosted UI (COGNITO_DOMAIN, the user pool and its
// app client, from the service configuration) calling back to /sign-in/callback. Without a
// domain, sign-in says it is not set up and the referral form still works.
import { type ServiceConfig } from '../functions/composition/service-config.js';
import { cognitoIdentity } from '../functions/identity/cloud-identity.js';
import { createCognitoSignIn, unavailableSignIn } from './sign-in/cognito-sign-in.js';
import { type SignInMethod } from './sign-in/sign-in-method.js';

export function cloudSignIn(config: ServiceConfig): SignInMethod {
  if (!config.COGNITO_DOMAIN || !config.COGNITO_USER_POOL_ID || !config.COGNITO_CLIENT_ID) return unavailableSignIn();
  return createCognitoSignIn({
    domain: config.COGNITO_DOMAIN,
    clientId: config.COGNITO_CLIENT_ID,
    callbackUrl: new URL('/sign-in/callback', config.PUBLIC_BASE_URL).toString(),
    identity: cognitoIdentity({
      region: config.AWS_REGION,
      userPoolId: config.COGNITO_USER_POOL_ID,
      clientId: config.COGNITO_CLIENT_ID,
    }),
  });
}
