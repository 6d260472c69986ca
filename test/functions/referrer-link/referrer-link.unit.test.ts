// The referrer's link as a capability: minted and checked with the service's key, bound to one
// referral and one purpose (and for a question, its request), expiring, and refused when altered
// in any part, forged under another key, or presented for another referral.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReferrerLink, mintReferrerLink } from '../../../functions/referrer-link/referrer-link.js';
import { createReferrerLinks } from '../../../functions/referrer-link/referrer-links.js';

const key = randomBytes(32);
const REFERRAL = 'abc123def456';
const OTHER = 'zzz999yyy888';
const minted = new Date('2026-12-07T10:00:00Z');
const expiry = new Date('2027-03-07T10:00:00Z');
const before = new Date('2027-03-07T09:59:59Z');

const statusLink = mintReferrerLink(key, { purpose: 'status', referralId: REFERRAL }, expiry);
const questionLink = mintReferrerLink(key, { purpose: 'question', referralId: REFERRAL, requestNumber: 2 }, expiry);

describe("the referrer's link", () => {
  it('holds for its referral until it expires, and grants its purpose', () => {
    expect(checkReferrerLink(key, REFERRAL, statusLink, minted)).toEqual({
      holds: true,
      grant: { purpose: 'status', referralId: REFERRAL },
    });
    expect(checkReferrerLink(key, REFERRAL, questionLink, before)).toEqual({
      holds: true,
      grant: { purpose: 'question', referralId: REFERRAL, requestNumber: 2 },
    });
  });

  it('expires at its expiry, to the second', () => {
    expect(checkReferrerLink(key, REFERRAL, statusLink, expiry)).toEqual({ holds: false, why: 'expired' });
    expect(checkReferrerLink(key, REFERRAL, statusLink, new Date('2030-01-01T00:00:00Z'))).toEqual({
      holds: false,
      why: 'expired',
    });
  });

  it('does not hold for another referral, under another key, or when it is not a link at all', () => {
    expect(checkReferrerLink(key, OTHER, statusLink, minted)).toEqual({ holds: false, why: 'not-valid' });
    expect(checkReferrerLink(randomBytes(32), REFERRAL, statusLink, minted)).toEqual({
      holds: false,
      why: 'not-valid',
    });
    for (const nonsense of ['', 'v1', 'v1.s.1.x', `${statusLink}x`, statusLink.replace('v1.', 'v2.'), REFERRAL])
      expect(checkReferrerLink(key, REFERRAL, nonsense, minted)).toEqual({ holds: false, why: 'not-valid' });
  });

  it('carries neither the reference nor anything but its purpose, expiry and code', () => {
    expect(statusLink).toMatch(/^v1\.s\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    expect(questionLink).toMatch(/^v1\.q2\.\d{10}\.[A-Za-z0-9_-]{43}$/);
    expect(statusLink).not.toContain(REFERRAL);
  });

  it('is refused when its purpose, request or expiry is changed (a status link made a question link, a later expiry)', () => {
    const [version, , expirySeconds, code] = statusLink.split('.');
    const asQuestion = [version, 'q1', expirySeconds, code].join('.');
    const later = [version, 's', String(Number(expirySeconds) + 86_400 * 365), code].join('.');
    const [, , , questionCode] = questionLink.split('.');
    const otherRequest = [version, 'q3', expirySeconds, questionCode].join('.');
    for (const altered of [asQuestion, later, otherRequest])
      expect(checkReferrerLink(key, REFERRAL, altered, minted)).toEqual({ holds: false, why: 'not-valid' });
  });

  it('is refused with any one character of it changed (property)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.nat({ max: statusLink.length - 1 }),
        fc.constantFrom(...alphabet.split('')),
        (position, character) => {
          fc.pre(statusLink[position] !== character);
          const altered = statusLink.slice(0, position) + character + statusLink.slice(position + 1);
          expect(checkReferrerLink(key, REFERRAL, altered, minted).holds).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('lasts the configured days from the event it was minted for, and is the same when minted again for it', async () => {
    let now = new Date('2026-12-07T10:00:00Z');
    const links = createReferrerLinks({
      key: { key: async () => key },
      lifetimes: { statusDays: 90, questionDays: 30 },
      clock: () => now,
    });
    const status = await links.statusLink(REFERRAL, minted);
    expect(await links.statusLink(REFERRAL, minted)).toBe(status);
    const question = await links.questionLink(REFERRAL, 1, minted);
    now = new Date('2027-01-06T09:59:59Z');
    expect((await links.check(REFERRAL, question)).holds).toBe(true);
    now = new Date('2027-01-06T10:00:00Z');
    expect(await links.check(REFERRAL, question)).toEqual({ holds: false, why: 'expired' });
    expect((await links.check(REFERRAL, status)).holds).toBe(true);
    now = new Date('2027-03-07T10:00:00Z');
    expect(await links.check(REFERRAL, status)).toEqual({ holds: false, why: 'expired' });
  });
});
