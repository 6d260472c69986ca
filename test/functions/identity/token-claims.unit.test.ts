// Tokens must say when they expire and may not claim to be issued in the future; a person in more
// than one role group is refused with a 403 that says why (no role is picked for them).
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRouteGroup } from '../../../functions/http/route-group.js';
import { defineRoute } from '../../../functions/http/route.js';
import {
  AmbiguousRoleError,
  authenticate,
  claimNames,
  type IdentityConfig,
} from '../../../functions/identity/identity.js';

const issuer = 'urn:test:identity';
const audience = 'test-audience';
let config: IdentityConfig;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  config = {
    issuer,
    audience,
    keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] }),
  };
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function token(options: { exp?: number | null; iat?: number | null; groups?: string[] } = {}): Promise<string> {
  const jwt = new SignJWT({
    [claimNames.groups]: options.groups ?? ['police-prevent-officer'],
    [claimNames.organisation]: 'police:E23000014',
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('officer-1')
    .setIssuer(issuer)
    .setAudience(audience);
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? nowSeconds());
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowSeconds() + 3600);
  return jwt.sign(privateKey);
}

describe('token lifetimes', () => {
  it('accepts a token with exp ahead and iat now', async () => {
    await expect(authenticate(`Bearer ${await token()}`, config)).resolves.toMatchObject({
      role: 'police-prevent-officer',
    });
  });

  it('refuses a token without exp, saying so', async () => {
    await expect(authenticate(`Bearer ${await token({ exp: null })}`, config)).rejects.toThrow(
      /does not say when it expires/,
    );
  });

  it('refuses a token without iat, or issued in the future', async () => {
    await expect(authenticate(`Bearer ${await token({ iat: null })}`, config)).rejects.toThrow(/when it was issued/);
    await expect(authenticate(`Bearer ${await token({ iat: nowSeconds() + 600 })}`, config)).rejects.toThrow(
      /issued in the future/,
    );
  });

  it('refuses a token issued more than a day ago even if its exp is later', async () => {
    await expect(
      authenticate(`Bearer ${await token({ iat: nowSeconds() - 25 * 3600, exp: nowSeconds() + 3600 })}`, config),
    ).rejects.toThrow(/expired/);
  });
});

describe('role groups', () => {
  it('takes the one role group a person is in, ignoring groups that are not roles', async () => {
    const viewer = await authenticate(
      `Bearer ${await token({ groups: ['eu-west-2_pool_Google', 'analyst'] })}`,
      config,
    );
    expect(viewer.role).toBe('analyst');
    expect(viewer.roles).toEqual(['analyst']);
  });

  it('refuses a person in two role groups, whichever is listed first', async () => {
    for (const groups of [
      ['analyst', 'police-prevent-officer'],
      ['police-prevent-officer', 'analyst'],
    ]) {
      await expect(authenticate(`Bearer ${await token({ groups })}`, config)).rejects.toBeInstanceOf(
        AmbiguousRoleError,
      );
    }
  });

  it('answers 403 on the API with a plain reason', async () => {
    const group = createRouteGroup(
      [
        defineRoute({
          method: 'GET',
          path: '/who',
          operationId: 'who',
          summary: 'who',
          tags: ['t'],
          access: 'signed-in',
          responses: { 200: { description: 'ok' } },
          handle: async ({ viewer }) => ({ status: 200, body: { role: viewer?.role } }),
        }),
      ],
      { identity: config },
    );
    const call = async (authorization: string) =>
      (await group(
        {
          version: '2.0',
          routeKey: 'GET /who',
          rawPath: '/who',
          rawQueryString: '',
          headers: { authorization },
          isBase64Encoded: false,
          requestContext: { http: { method: 'GET', path: '/who', sourceIp: '203.0.113.9' }, requestId: 'req-12345678' },
        } as unknown as APIGatewayProxyEventV2,
        {} as Context,
      )) as APIGatewayProxyStructuredResultV2;
    const refused = await call(`Bearer ${await token({ groups: ['analyst', 'administrator'] })}`);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body ?? '{}').detail).toMatch(/more than one role/);
    expect((await call(`Bearer ${await token({ groups: ['administrator'] })}`)).statusCode).toBe(200);
  });
});
