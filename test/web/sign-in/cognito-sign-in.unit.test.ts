// Sign-in with Cognito's hosted UI (authorisation code with PKCE), against a fake token endpoint
// on a local node:http server that checks the code verifier against the challenge the browser
// was sent with, and answers an ID token signed by a local key (the pool's JWKS in the cloud).
import { createHash } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { claimNames } from '../../../functions/identity/identity.js';
import { FormFields } from '../../../web/http/form-body.js';
import { type PageRequest } from '../../../web/http/page-route.js';
import { translatorFor } from '../../../web/i18n/translator.js';
import { createCognitoSignIn, pkceChallenge } from '../../../web/sign-in/cognito-sign-in.js';
import { type WebSession } from '../../../web/session/web-session.js';
import { type SessionContents } from '../../../web/session/session-contents.js';

const clientId = 'web-client-1';
const issuer = 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TEST';
let server: Server;
let domain = '';
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let jwks: ReturnType<typeof createLocalJWKSet>;
let received: URLSearchParams[] = [];
let answerWith: (form: URLSearchParams) => Promise<{ status: number; body: unknown }>;

async function idToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({
    [claimNames.groups]: ['police-prevent-officer'],
    [claimNames.organisation]: 'police:E23000014',
    name: 'Priya Sandhu',
    token_use: 'id',
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('user-123')
    .setIssuer(issuer)
    .setAudience(clientId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);
}

beforeAll(async () => {
  keys = await generateKeyPair('ES256');
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256' }] });
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      void (async () => {
        const form = new URLSearchParams(body);
        received.push(form);
        const ok =
          request.method === 'POST' &&
          request.url === '/oauth2/token' &&
          request.headers['content-type'] === 'application/x-www-form-urlencoded';
        const answer = ok ? await answerWith(form) : { status: 404, body: {} };
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
});

/** A page request with a session that keeps its contents in memory. */
function request(
  query: Record<string, string> = {},
  contents: { value: SessionContents } = { value: {} },
): { page: PageRequest; contents: { value: SessionContents } } {
  const session = {
    get contents() {
      return contents.value;
    },
    update(change: (current: SessionContents) => SessionContents) {
      contents.value = change({ ...contents.value });
    },
  } as unknown as WebSession;
  const page: PageRequest = {
    method: 'GET',
    path: '/sign-in',
    params: {},
    query: new URLSearchParams(query),
    form: FormFields.empty(),
    session,
    locale: 'en',
    t: translatorFor('en'),
    person: null,
    correlationId: 'corr-12345678',
    origin: 'https://prevent.example',
  };
  return { page, contents };
}

function signIn() {
  return createCognitoSignIn({
    domain,
    clientId,
    callbackUrl: 'https://prevent.example/sign-in/callback',
    identity: { issuer, audience: clientId, keys: jwks },
  });
}

/** Begins a sign-in and returns what the hosted UI was asked for. */
async function begin() {
  const first = request();
  const result = await signIn().begin(first.page);
  if (result.kind !== 'redirect') throw new Error('sign-in did not redirect');
  return { authorize: new URL(result.location), contents: first.contents };
}

describe('Cognito sign-in', () => {
  it('sends the browser to the hosted UI with state, nonce and an S256 challenge of a verifier kept in the session', async () => {
    const { authorize, contents } = await begin();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: 'https://prevent.example/sign-in/callback',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    const pending = contents.value.signIn;
    expect(pending).toBeDefined();
    expect(authorize.searchParams.get('state')).toBe(pending?.state);
    expect(authorize.searchParams.get('code_challenge')).toBe(
      createHash('sha256')
        .update(pending?.codeVerifier ?? '')
        .digest('base64url'),
    );
    expect(authorize.searchParams.get('code_challenge')).toBe(pkceChallenge(pending?.codeVerifier ?? ''));
    expect(authorize.toString()).not.toContain(pending?.codeVerifier ?? 'never');
  });

  it('exchanges the code with the verifier and signs in the identity the ID token carries', async () => {
    const { authorize, contents } = await begin();
    answerWith = async (form) => {
      if (pkceChallenge(form.get('code_verifier') ?? '') !== authorize.searchParams.get('code_challenge'))
        return { status: 400, body: { error: 'invalid_grant' } };
      return {
        status: 200,
        body: {
          id_token: await idToken({ nonce: authorize.searchParams.get('nonce') }),
          access_token: 'a',
          token_type: 'Bearer',
          expires_in: 3600,
        },
      };
    };
    const callback = request({ code: 'the-code', state: authorize.searchParams.get('state') ?? '' }, contents);
    const outcome = await signIn().complete(callback.page);
    expect(received).toHaveLength(1);
    expect(Object.fromEntries(received[0] ?? [])).toMatchObject({
      grant_type: 'authorization_code',
      client_id: clientId,
      code: 'the-code',
      redirect_uri: 'https://prevent.example/sign-in/callback',
    });
    expect(outcome).toMatchObject({
      kind: 'signed-in',
      name: 'Priya Sandhu',
      viewer: { user: 'user-123', organisation: 'police:E23000014', role: 'police-prevent-officer' },
    });
    // The pending sign-in is used once.
    expect(contents.value.signIn).toBeUndefined();
  });

  it('refuses a callback whose state is not the one sent, without calling the token endpoint', async () => {
    const { contents } = await begin();
    const outcome = await signIn().complete(request({ code: 'the-code', state: 'x'.repeat(32) }, contents).page);
    expect(outcome.kind).toBe('not-signed-in');
    expect(received).toHaveLength(0);
  });

  it('refuses an ID token with another nonce, from another issuer, or a refused code', async () => {
    for (const [claims, status] of [
      [{ nonce: 'n'.repeat(32) }, 200],
      [{ iss: 'https://elsewhere.example' }, 200],
      [{}, 400],
    ] as const) {
      const { authorize, contents } = await begin();
      answerWith = async () => {
        if (status !== 200) return { status, body: { error: 'invalid_grant' } };
        const token =
          'iss' in claims
            ? await new SignJWT({
                [claimNames.groups]: ['analyst'],
                [claimNames.organisation]: 'home-office',
                nonce: authorize.searchParams.get('nonce'),
              })
                .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
                .setSubject('u')
                .setIssuer(claims.iss)
                .setAudience(clientId)
                .setExpirationTime('1h')
                .sign(keys.privateKey)
            : await idToken(claims);
        return { status: 200, body: { id_token: token, token_type: 'Bearer' } };
      };
      const outcome = await signIn().complete(
        request({ code: 'c', state: authorize.searchParams.get('state') ?? '' }, contents).page,
      );
      expect(outcome.kind).toBe('not-signed-in');
    }
  });

  it('refuses a person in two role groups with a 403 page that says why', async () => {
    const { authorize, contents } = await begin();
    answerWith = async () => ({
      status: 200,
      body: {
        id_token: await idToken({
          nonce: authorize.searchParams.get('nonce'),
          [claimNames.groups]: ['police-prevent-officer', 'administrator'],
        }),
        token_type: 'Bearer',
      },
    });
    const outcome = await signIn().complete(
      request({ code: 'c', state: authorize.searchParams.get('state') ?? '' }, contents).page,
    );
    expect(outcome.kind).toBe('not-signed-in');
    if (outcome.kind !== 'not-signed-in' || outcome.result.kind !== 'view') throw new Error('expected a page');
    expect(outcome.result.status).toBe(403);
    expect(outcome.result.context).toMatchObject({ title: 'Your account has more than one role', ambiguousRole: true });
  });
});
