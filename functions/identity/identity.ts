// Who is calling: verified from a JWT signed by the identity provider (Cognito in the cloud,
// a local signer under `npm start`). The same claims are read in both places.
import { type JWTVerifyGetKey, jwtVerify, errors as joseErrors } from 'jose';
import * as z from 'zod';
import { Role } from '../../events/envelope.js';
import { type Viewer } from '../../domain/access/policy.js';
import { type RevocationCheck, issuedBeforeRevocation } from '../people/revocations.js';
import { type VerifiedTokens } from './verified-tokens.js';

/** Claim names, as Cognito issues them: groups carry the role, a custom attribute the organisation. */
export const claimNames = {
  groups: 'cognito:groups',
  organisation: 'custom:organisation',
  user: 'sub',
  displayName: 'name',
} as const;

const Claims = z.object({
  sub: z.string().min(1).max(200),
  [claimNames.groups]: z.array(z.string()).min(1, 'the token carries no role'),
  [claimNames.organisation]: z.string().min(1).max(120),
  token_use: z.enum(['id', 'access']).optional(),
  iat: z.number(),
  exp: z.number(),
  nbf: z.number().optional(),
});

export interface IdentityConfig {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  /**
   * Revoked access (functions/people/revocations.ts): a token issued before its person's access
   * was revoked (they left, or their role changed) is refused, however long it has left to run.
   */
  revocations?: RevocationCheck;
  /**
   * Tokens this container has verified, by a digest of the whole token, each until its expiry
   * (functions/identity/verified-tokens.ts): a caller's next requests skip the signature. The
   * revocation check is still made on every request.
   */
  verified?: VerifiedTokens<VerifiedCaller>;
}

/** What a verified token says: who is calling, and when the token was issued (its `iat`, seconds). */
export interface VerifiedCaller {
  viewer: AuthenticatedViewer;
  issuedAt: number;
}

export class UnauthenticatedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnauthenticatedError';
  }
}

/**
 * The token is genuine but names more than one role group. No role is chosen for the person (the
 * first listed would be an accident of group order): an administrator must leave them in one.
 */
export class AmbiguousRoleError extends Error {
  constructor() {
    super(
      'this account is in more than one role group; an administrator must leave it in exactly one before it can be used',
    );
    this.name = 'AmbiguousRoleError';
  }
}

/** Longest a token is taken after it was issued (Cognito's ID tokens last at most a day). */
export const MAX_TOKEN_AGE_SECONDS = 24 * 3600;
/** Clock difference allowed between the issuer and this service. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface AuthenticatedViewer extends Viewer {
  /** The role groups the token carries: always exactly one (a token with more is refused). */
  roles: Role[];
}

/** Reads the bearer token of an Authorization header and returns who is calling. */
export async function authenticate(
  authorization: string | undefined,
  config: IdentityConfig,
): Promise<AuthenticatedViewer> {
  if (!authorization) throw new UnauthenticatedError('sign in first: the request has no Authorization header');
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
  const token = match[1];
  const { viewer, issuedAt } = config.verified?.get(token) ?? (await verify(token, config));
  if (config.revocations && issuedBeforeRevocation(issuedAt, await config.revocations.revokedAt(viewer.user)))
    throw new UnauthenticatedError('your access was changed or removed since you signed in: sign in again');
  return { ...viewer, roles: [...viewer.roles] };
}

/** Verifies the token's signature, issuer, audience and times, reads who it is for, and keeps that in `config.verified`. */
async function verify(token: string, config: IdentityConfig): Promise<VerifiedCaller> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, config.keys, {
      issuer: config.issuer,
      audience: config.audience,
      algorithms: ['RS256', 'ES256'],
      // exp must be there (a token without one would never expire); iat must be there and not in the future.
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('the token has expired: sign in again');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === 'exp')
        throw new UnauthenticatedError('the token does not say when it expires: sign in again');
      if (error.claim === 'iat' && error.reason === 'missing')
        throw new UnauthenticatedError('the token does not say when it was issued: sign in again');
      if (error.claim === 'iat')
        throw new UnauthenticatedError('the token says it was issued in the future: check the clock and sign in again');
    }
    throw new UnauthenticatedError('the token is not valid for this service');
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new UnauthenticatedError('the token does not say which organisation and role it is for');
  const roles = claims.data[claimNames.groups]
    .map((group) => Role.safeParse(group))
    .flatMap((parsed) => (parsed.success && parsed.data !== 'system' ? [parsed.data] : []));
  const role = roles[0];
  if (!role) throw new UnauthenticatedError('the token carries no role this service knows');
  if (new Set(roles).size > 1) throw new AmbiguousRoleError();
  const { sub, iat, exp, nbf } = claims.data;
  const caller: VerifiedCaller = {
    viewer: { user: sub, organisation: claims.data[claimNames.organisation], role, roles },
    issuedAt: iat,
  };
  // Taken from the cache only while the verification above would take it without its clock tolerance.
  config.verified?.set(token, {
    claims: caller,
    expiresAt: Math.min(exp, iat + MAX_TOKEN_AGE_SECONDS),
    ...(nbf === undefined ? {} : { notBefore: nbf }),
  });
  return caller;
}
