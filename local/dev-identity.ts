// The local identity provider behind `POST /dev/token`: an ES256 key made at start-up signs
// tokens with the same claims Cognito issues, and the API verifies them through the same code.
// Local only: the cloud build has no route to it and no key.
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { claimNames, type IdentityConfig, type VerifiedCaller } from '../functions/identity/identity.js';
import { createVerifiedTokens } from '../functions/identity/verified-tokens.js';
import { type RevocationCheck } from '../functions/people/revocations.js';
import { type Persona } from './personas.js';

export interface DevIdentity {
  config: IdentityConfig;
  issue(persona: Persona, options?: { expiresIn?: string }): Promise<string>;
  /** Signs any claims with the local key: for tests of tokens that lack something. */
  sign(subject: string, claims: Record<string, unknown>, options?: { expiresIn?: string }): Promise<string>;
}

export async function createDevIdentity(
  options: { issuer?: string; audience?: string; revocations?: RevocationCheck } = {},
): Promise<DevIdentity> {
  const issuer = options.issuer ?? 'urn:prevent-referrals:local-identity';
  const audience = options.audience ?? 'prevent-referrals-local';
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'ES256', use: 'sig' };
  const sign: DevIdentity['sign'] = (subject, claims, signOptions = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'local-1' })
      .setSubject(subject)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(signOptions.expiresIn ?? '8h')
      .sign(privateKey);
  return {
    config: {
      issuer,
      audience,
      keys: createLocalJWKSet({ keys: [jwk] }),
      verified: createVerifiedTokens<VerifiedCaller>(),
      ...(options.revocations ? { revocations: options.revocations } : {}),
    },
    sign,
    issue: (persona, issueOptions) =>
      sign(
        persona.id,
        {
          [claimNames.groups]: [persona.role],
          [claimNames.organisation]: persona.organisation,
          [claimNames.displayName]: persona.name,
          token_use: 'id',
        },
        issueOptions,
      ),
  };
}
