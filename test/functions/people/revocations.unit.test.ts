// The token check refuses a token issued at or before its person's access was revoked, and only
// that person's: a token issued after (a new sign-in) is taken again.
// Read through a cache bounded in time: a revocation recorded elsewhere is taken within the bound.
import { type DynamoDBClient, type GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError, authenticate } from '../../../functions/identity/identity.js';
import {
  REVOCATION_CACHE_MS,
  createRevocations,
  issuedBeforeRevocation,
} from '../../../functions/people/revocations.js';
import { createDevIdentity } from '../../../local/dev-identity.js';
import { findPersona } from '../../../local/personas.js';

describe('issuedBeforeRevocation', () => {
  const revokedAt = new Date('2026-01-05T10:00:00.400Z');
  it('refuses tokens of earlier seconds and of the revocation second itself', () => {
    expect(issuedBeforeRevocation(Date.parse('2026-01-05T09:59:59Z') / 1000, revokedAt)).toBe(true);
    expect(issuedBeforeRevocation(Date.parse('2026-01-05T10:00:00Z') / 1000, revokedAt)).toBe(true);
  });
  it('takes tokens of later seconds, and every token of a person never revoked', () => {
    expect(issuedBeforeRevocation(Date.parse('2026-01-05T10:00:01Z') / 1000, revokedAt)).toBe(false);
    expect(issuedBeforeRevocation(0, null)).toBe(false);
  });
});

describe('authenticate with revocations', () => {
  it("refuses a revoked person's token and takes everyone else's", async () => {
    const revoked = new Map<string, Date>([['coventry-chair', new Date(Date.now() + 5_000)]]);
    const identity = await createDevIdentity({ revocations: { revokedAt: async (user) => revoked.get(user) ?? null } });
    const chair = await identity.issue(findPersona('coventry-chair')!);
    const lead = await identity.issue(findPersona('coventry-lead')!);
    await expect(authenticate(`Bearer ${chair}`, identity.config)).rejects.toThrow(UnauthenticatedError);
    await expect(authenticate(`Bearer ${chair}`, identity.config)).rejects.toThrow(/sign in again/);
    await expect(authenticate(`Bearer ${lead}`, identity.config)).resolves.toMatchObject({ user: 'coventry-lead' });
  });
});

describe('the revocation record read through its cache', () => {
  /** A table of one container's view: reads counted, revocations recorded by "another container" straight into it. */
  function setUp(cacheMs?: number) {
    const stored = new Map<string, string>();
    let reads = 0;
    let failNext = false;
    let clock = 0;
    const client = {
      async send(command: GetItemCommand | PutItemCommand) {
        if (command instanceof PutItemCommand) {
          const item = unmarshall(command.input.Item ?? {}) as { user: string; revokedAt: string };
          stored.set(item.user, item.revokedAt);
          return {};
        }
        reads += 1;
        if (failNext) {
          failNext = false;
          throw new Error('the table did not answer');
        }
        const { user } = unmarshall(command.input.Key ?? {}) as { user: string };
        const revokedAt = stored.get(user);
        return revokedAt ? { Item: marshall({ user, revokedAt, organisation: 'la:E08000026' }) } : {};
      },
    } as unknown as DynamoDBClient;
    const revocations = createRevocations({
      client,
      tableName: 'revocations',
      now: () => clock,
      ...(cacheMs !== undefined ? { cacheMs } : {}),
    });
    return {
      revocations,
      reads: () => reads,
      failNext: () => (failNext = true),
      elsewhere: (user: string, at: Date) => stored.set(user, at.toISOString()),
      advance: (ms: number) => (clock += ms),
    };
  }
  const at = new Date('2026-01-05T10:00:00Z');

  it('reads a person once for a burst of their requests, and again once the bound has passed', async () => {
    const { revocations, reads, advance } = setUp();
    await Promise.all(Array.from({ length: 16 }, () => revocations.revokedAt('coventry-chair')));
    expect(reads()).toBe(1);
    advance(REVOCATION_CACHE_MS - 1);
    expect(await revocations.revokedAt('coventry-chair')).toBeNull();
    expect(reads()).toBe(1);
    advance(1);
    await revocations.revokedAt('coventry-chair');
    expect(reads()).toBe(2);
    await revocations.revokedAt('coventry-lead');
    expect(reads()).toBe(3);
  });

  it('takes a revocation recorded in another container within the bound, and one recorded here at once', async () => {
    const { revocations, elsewhere, advance } = setUp();
    expect(await revocations.revokedAt('coventry-chair')).toBeNull();
    elsewhere('coventry-chair', at);
    advance(REVOCATION_CACHE_MS);
    expect(await revocations.revokedAt('coventry-chair')).toEqual(at);

    expect(await revocations.revokedAt('coventry-lead')).toBeNull();
    await revocations.revoke({ user: 'coventry-lead', organisation: 'la:E08000026', at });
    expect(await revocations.revokedAt('coventry-lead')).toEqual(at);
  });

  it("refuses a revoked person's token within the bound, through the token check", async () => {
    const { revocations, elsewhere, advance } = setUp();
    const identity = await createDevIdentity({ revocations });
    const chair = await identity.issue(findPersona('coventry-chair')!);
    await expect(authenticate(`Bearer ${chair}`, identity.config)).resolves.toMatchObject({ user: 'coventry-chair' });
    elsewhere('coventry-chair', new Date(Date.now() + 1_000));
    advance(REVOCATION_CACHE_MS);
    await expect(authenticate(`Bearer ${chair}`, identity.config)).rejects.toThrow(/sign in again/);
  });

  it('keeps no failed read, and reads on every check with no cache', async () => {
    const cached = setUp();
    cached.failNext();
    await expect(cached.revocations.revokedAt('coventry-chair')).rejects.toThrow('did not answer');
    expect(await cached.revocations.revokedAt('coventry-chair')).toBeNull();
    expect(cached.reads()).toBe(2);
    const uncached = setUp(0);
    await uncached.revocations.revokedAt('coventry-chair');
    await uncached.revocations.revokedAt('coventry-chair');
    expect(uncached.reads()).toBe(2);
  });
});
