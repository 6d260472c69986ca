// Identity in the cloud: Cognito's JWKS for the user pool, and the tokens this container verified.
import { createRemoteJWKSet } from 'jose';
import { type IdentityConfig, type VerifiedCaller } from './identity.js';
import { createVerifiedTokens } from './verified-tokens.js';

export function cognitoIdentity(options: { region: string; userPoolId: string; clientId: string }): IdentityConfig {
  const issuer = `https://cognito-idp.${options.region}.amazonaws.com/${options.userPoolId}`;
  return {
    issuer,
    audience: options.clientId,
    keys: createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
    verified: createVerifiedTokens<VerifiedCaller>(),
  };
}
