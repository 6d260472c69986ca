// Sign-in in the cloud: Cognito's hosted UI, OAuth 2.0 authorisation code flow with PKCE (S256).
// /sign-in keeps a fresh state, code verifier and nonce in the session (sealed) and sends the
// browser to /oauth2/authorize; the callback checks the state, exchanges the code at
// /oauth2/token with the verifier, verifies the ID token with functions/identity (the pool's
// JWKS: issuer, audience, signature, expiry, and the same claims the API reads) and its nonce.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeJwt } from 'jose';
import * as z from 'zod';
import {
  AmbiguousRoleError,
  authenticate,
  type IdentityConfig,
  UnauthenticatedError,
} from '../../functions/identity/identity.js';
import { logger } from '../../functions/observability/logger.js';
import { type PageRequest, view } from '../http/page-route.js';
import { type SignInMethod, type SignInOutcome } from './sign-in-method.js';

export interface CognitoSignInConfig {
  /** The hosted UI's base address: https://<domain>.auth.<region>.amazoncognito.com */
  domain: string;
  clientId: string;
  /** https://<service>/sign-in/callback, registered on the app client. */
  callbackUrl: string;
  identity: IdentityConfig;
  scopes?: readonly string[];
  random?: (size: number) => Uint8Array;
}

const TokenAnswer = z.object({
  id_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive().optional(),
});
const Callback = z.object({ code: z.string().min(1).max(2_048), state: z.string().min(16).max(128) });

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createCognitoSignIn(config: CognitoSignInConfig): SignInMethod {
  const random = config.random ?? ((size: number) => randomBytes(size));
  const failed = (request: PageRequest): SignInOutcome => ({
    kind: 'not-signed-in',
    result: view('sign-in-failed', { title: request.t('signIn.failedTitle') }, 400),
  });

  return {
    async begin(request) {
      const signIn = {
        state: base64url(random(24)),
        codeVerifier: base64url(random(32)),
        nonce: base64url(random(24)),
      };
      request.session.update((contents) => ({ ...contents, signIn }));
      const authorize = new URL('/oauth2/authorize', config.domain);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: config.callbackUrl,
        scope: (config.scopes ?? ['openid', 'email', 'profile']).join(' '),
        state: signIn.state,
        nonce: signIn.nonce,
        code_challenge: pkceChallenge(signIn.codeVerifier),
        code_challenge_method: 'S256',
        ...(request.locale === 'cy' ? { lang: 'cy' } : {}),
      }).toString();
      return { kind: 'redirect', location: authorize.toString(), status: 302 };
    },
    async complete(request) {
      const pending = request.session.contents.signIn;
      request.session.update(({ signIn: _used, ...rest }) => rest);
      const callback = Callback.safeParse({ code: request.query.get('code'), state: request.query.get('state') });
      if (!pending || !callback.success || !sameText(callback.data.state, pending.state)) return failed(request);
      const response = await fetch(new URL('/oauth2/token', config.domain), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: config.clientId,
          code: callback.data.code,
          redirect_uri: config.callbackUrl,
          code_verifier: pending.codeVerifier,
        }),
      });
      if (!response.ok) {
        logger.warn('sign-in: the token endpoint refused the code', { status: response.status });
        return failed(request);
      }
      const answer = TokenAnswer.safeParse(await response.json());
      if (!answer.success) return failed(request);
      try {
        const viewer = await authenticate(`Bearer ${answer.data.id_token}`, config.identity);
        const claims = decodeJwt(answer.data.id_token);
        if (typeof claims.nonce !== 'string' || !sameText(claims.nonce, pending.nonce)) return failed(request);
        return {
          kind: 'signed-in',
          viewer,
          name: typeof claims.name === 'string' ? claims.name : undefined,
          ...(claims.exp ? { expiresAt: new Date(claims.exp * 1000) } : {}),
        };
      } catch (error) {
        if (error instanceof UnauthenticatedError) {
          logger.warn('sign-in: the ID token was not accepted', { reason: error.message });
          return failed(request);
        }
        if (error instanceof AmbiguousRoleError) {
          logger.warn('sign-in: the account is in more than one role group');
          return {
            kind: 'not-signed-in',
            result: view('sign-in-failed', { title: request.t('signIn.ambiguousRoleTitle'), ambiguousRole: true }, 403),
          };
        }
        throw error;
      }
    },
  };
}

/** Sign-in when no identity provider is configured: says so, signs nobody in. */
export function unavailableSignIn(): SignInMethod {
  const page = (request: PageRequest) =>
    view('sign-in-failed', { title: request.t('signIn.unavailableTitle'), unavailable: true }, 503);
  return {
    begin: async (request) => page(request),
    complete: async (request) => ({ kind: 'not-signed-in', result: page(request) }),
  };
}
