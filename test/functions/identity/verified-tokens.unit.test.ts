// The cache of verified tokens (functions/identity/verified-tokens.ts) through the token check that
// uses it: a token is verified once and then taken from the cache, never at or after its expiry,
// before its not-before time or past the longest life the service takes a token for; an altered
// or forged token is always verified (and refused); the cache is bounded; a revocation still
// refuses a cached token. The clock is faked for the token check and the signer alike.
import { type JWTVerifyGetKey } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type IdentityConfig,
  MAX_TOKEN_AGE_SECONDS,
  type VerifiedCaller,
  authenticate,
} from '../../../functions/identity/identity.js';
import { VERIFIED_TOKEN_MAX_AGE_MS, createVerifiedTokens } from '../../../functions/identity/verified-tokens.js';
import { createDevIdentity, type DevIdentity } from '../../../local/dev-identity.js';
import { findPersona } from '../../../local/personas.js';

let identity: DevIdentity;
beforeAll(async () => {
  identity = await createDevIdentity();
});
afterEach(() => {
  vi.useRealTimers();
});

function persona(id: string) {
  const found = findPersona(id);
  if (!found) throw new Error(`no persona ${id}`);
  return found;
}

/** The dev identity's check with a fresh cache and a count of signature verifications (each asks for the key). */
function counted(options: { maxEntries?: number; maxAgeMs?: number; revokedAt?: (user: string) => Date | null } = {}) {
  let verifications = 0;
  const keys: JWTVerifyGetKey = (header, token) => {
    verifications += 1;
    return identity.config.keys(header, token);
  };
  const verified = createVerifiedTokens<VerifiedCaller>({
    ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
    ...(options.maxAgeMs === undefined ? {} : { maxAgeMs: options.maxAgeMs }),
  });
  const config: IdentityConfig = {
    issuer: identity.config.issuer,
    audience: identity.config.audience,
    keys,
    verified,
    ...(options.revokedAt ? { revocations: { revokedAt: async (user) => options.revokedAt!(user) } } : {}),
  };
  return { config, verified, verifications: () => verifications };
}

const at = (iso: string) => vi.setSystemTime(new Date(iso));

describe('verified tokens', () => {
  it('verifies a token once and answers the same caller from the cache afterwards', async () => {
    const { config, verifications } = counted();
    const token = await identity.issue(persona('wm-officer'));
    const first = await authenticate(`Bearer ${token}`, config);
    const second = await authenticate(`Bearer ${token}`, config);
    expect(second).toEqual(first);
    expect(second).toEqual({
      user: 'wm-officer',
      organisation: 'police:E23000014',
      role: 'police-prevent-officer',
      roles: ['police-prevent-officer'],
    });
    expect(verifications()).toBe(1);
    // What the caller gets is its own: changing it leaves the cached entry as it was.
    second.roles.push('administrator');
    expect(await authenticate(`Bearer ${token}`, config)).toEqual(first);
  });

  it('never answers a token from the cache at or after its expiry, which the check then refuses', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-12-07T10:00:00Z');
    const { config, verifications } = counted();
    const token = await identity.issue(persona('coventry-lead'), { expiresIn: '5m' });
    await authenticate(`Bearer ${token}`, config);
    at('2026-12-07T10:04:59Z');
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(1);
    // At the expiry itself the cache no longer answers: the token is verified again (the check
    // allows a minute of clock difference beyond it)...
    at('2026-12-07T10:05:00Z');
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(2);
    // ... and after that minute it is refused, though it was verified a moment ago.
    at('2026-12-07T10:06:01Z');
    await expect(authenticate(`Bearer ${token}`, config)).rejects.toThrow(/expired/);
    expect(verifications()).toBe(3);
  });

  it('never answers a token from the cache before its not-before time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-12-07T10:00:00Z');
    const { config, verified, verifications } = counted();
    // Thirty seconds ahead: within the check's clock tolerance, so the check takes it.
    const nbf = Math.floor(Date.now() / 1000) + 30;
    const token = await identity.sign('wm-officer', {
      'cognito:groups': ['police-prevent-officer'],
      'custom:organisation': 'police:E23000014',
      nbf,
    });
    await authenticate(`Bearer ${token}`, config);
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(2);
    expect(verified.size).toBe(0);
    at('2026-12-07T10:00:30Z');
    await authenticate(`Bearer ${token}`, config);
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(3);
  });

  it('takes one verification for at most ten minutes, as long as a fetched JWKS is kept', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-12-07T10:00:00Z');
    const { config, verifications } = counted();
    const token = await identity.issue(persona('wm-officer'), { expiresIn: '1h' });
    await authenticate(`Bearer ${token}`, config);
    expect(VERIFIED_TOKEN_MAX_AGE_MS).toBe(10 * 60 * 1000);
    at('2026-12-07T10:09:59Z');
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(1);
    at('2026-12-07T10:10:00Z');
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(2);
    at('2026-12-07T10:19:59Z');
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(2);
  });

  it('takes a token from the cache no longer than the longest life the service allows after its issue', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2026-12-07T10:00:00Z');
    // Verifications kept for longer than the token's life, to see the token's own bound.
    const { config, verifications } = counted({ maxAgeMs: 48 * 3600 * 1000 });
    const token = await identity.issue(persona('wm-officer'), { expiresIn: '48h' });
    await authenticate(`Bearer ${token}`, config);
    vi.setSystemTime(Date.parse('2026-12-07T10:00:00Z') + MAX_TOKEN_AGE_SECONDS * 1000 - 1000);
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(1);
    vi.setSystemTime(Date.parse('2026-12-07T10:00:00Z') + MAX_TOKEN_AGE_SECONDS * 1000);
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(2);
    vi.setSystemTime(Date.parse('2026-12-07T10:00:00Z') + (MAX_TOKEN_AGE_SECONDS + 120) * 1000);
    await expect(authenticate(`Bearer ${token}`, config)).rejects.toThrow(/expired/);
  });

  it('verifies, and refuses, an altered or forged token even while the genuine one is cached', async () => {
    const { config, verified, verifications } = counted();
    const token = await identity.issue(persona('wm-officer'));
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(1);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = [
      // Claims altered, the genuine signature kept.
      `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['administrator'], 'custom:organisation': 'platform' })).toString('base64url')}.${signature}`,
      // One character of the signature changed.
      `${header}.${payload}.${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`,
      // The same claims signed by a key the service does not trust.
      await (await createDevIdentity()).issue(persona('wm-officer')),
    ];
    for (const [index, forged] of altered.entries()) {
      await expect(authenticate(`Bearer ${forged}`, config)).rejects.toThrow(/not valid/);
      expect(verifications()).toBe(2 + index);
    }
    // Nothing refused was kept, and the genuine token is still answered from the cache.
    expect(verified.size).toBe(1);
    await authenticate(`Bearer ${token}`, config);
    expect(verifications()).toBe(1 + altered.length);
  });

  it('keeps no token whose claims the service refuses', async () => {
    const { config, verified, verifications } = counted();
    const unknownRole = await identity.sign('x', {
      'cognito:groups': ['superuser'],
      'custom:organisation': 'platform',
    });
    await expect(authenticate(`Bearer ${unknownRole}`, config)).rejects.toThrow(/no role this service knows/);
    await expect(authenticate(`Bearer ${unknownRole}`, config)).rejects.toThrow(/no role this service knows/);
    const twoRoles = await identity.sign('y', {
      'cognito:groups': ['analyst', 'administrator'],
      'custom:organisation': 'platform',
    });
    await expect(authenticate(`Bearer ${twoRoles}`, config)).rejects.toThrow(/more than one role group/);
    expect(verified.size).toBe(0);
    expect(verifications()).toBe(3);
  });

  it('holds at most its bound, the least recently used going first', async () => {
    const { config, verified, verifications } = counted({ maxEntries: 2 });
    const [a, b, c] = await Promise.all(
      ['wm-officer', 'coventry-lead', 'administrator'].map((id) => identity.issue(persona(id))),
    );
    for (const token of [a, b, c]) await authenticate(`Bearer ${token}`, config);
    expect(verified.size).toBe(2);
    expect(verifications()).toBe(3);
    await authenticate(`Bearer ${c}`, config);
    await authenticate(`Bearer ${b}`, config);
    expect(verifications()).toBe(3);
    await authenticate(`Bearer ${a}`, config);
    expect(verifications()).toBe(4);
    expect(verified.size).toBe(2);
  });

  it('still refuses a cached token once its person is revoked, checked on every request', async () => {
    const revoked = new Map<string, Date>();
    const { config, verifications } = counted({ revokedAt: (user) => revoked.get(user) ?? null });
    const token = await identity.issue(persona('wm-officer'));
    await authenticate(`Bearer ${token}`, config);
    await authenticate(`Bearer ${token}`, config);
    revoked.set('wm-officer', new Date());
    await expect(authenticate(`Bearer ${token}`, config)).rejects.toThrow(/access was changed or removed/);
    await expect(authenticate(`Bearer ${token}`, config)).rejects.toThrow(/access was changed or removed/);
    expect(verifications()).toBe(1);
  });

  it('is what the cloud and the local identity verify through', async () => {
    const { cognitoIdentity } = await import('../../../functions/identity/cloud-identity.js');
    const cloud = cognitoIdentity({ region: 'eu-west-2', userPoolId: 'eu-west-2_x', clientId: 'c' });
    expect(cloud.verified).toBeDefined();
    expect(identity.config.verified).toBeDefined();
    const token = await identity.issue(persona('wm-officer'));
    await authenticate(`Bearer ${token}`, identity.config);
    expect(identity.config.verified?.get(token)?.viewer.user).toBe('wm-officer');
  });
});
