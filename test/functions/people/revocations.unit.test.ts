// The token check refuses a token issued at or before its person's access was revoked, and only
// that person's: a token issued after (a new sign-in) is taken again.
import { describe, expect, it } from 'vitest';
import { UnauthenticatedError, authenticate } from '../../../functions/identity/identity.js';
import { issuedBeforeRevocation } from '../../../functions/people/revocations.js';
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
