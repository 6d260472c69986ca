// The web function's own settings, beside the service configuration: where Cognito's hosted UI
// is (its domain) and the address it calls back. Without a domain, sign-in says it is not set up
// and the referral form still works.
import * as z from 'zod';
import { type ServiceConfig } from '../composition/service-config.js';
import { cognitoIdentity } from '../identity/cloud-identity.js';
import { createCognitoSignIn, unavailableSignIn } from '../../web/sign-in/cognito-sign-in.js';
import { type SignInMethod } from '../../web/sign-in/sign-in-method.js';

const WebConfig = z.object({
  /** https://<prefix>.auth.<region>.amazoncognito.com (the user pool's hosted UI domain). */
  COGNITO_DOMAIN: z.url().startsWith('https://').optional(),
});

export function cloudSignIn(config: ServiceConfig, environment: Record<string, string | undefined> = process.env): SignInMethod {
  const web = WebConfig.parse(environment);
  if (!web.COGNITO_DOMAIN || !config.COGNITO_USER_POOL_ID || !config.COGNITO_CLIENT_ID) return unavailableSignIn();
  return createCognitoSignIn({
    domain: web.COGNITO_DOMAIN,
    clientId: config.COGNITO_CLIENT_ID,
    callbackUrl: new URL('/sign-in/callback', config.PUBLIC_BASE_URL).toString(),
    identity: cognitoIdentity({ region: config.AWS_REGION, userPoolId: config.COGNITO_USER_POOL_ID, clientId: config.COGNITO_CLIENT_ID }),
  });
}
