// The referrer's link as a capability (decision 0016, part 5): whoever holds the link of the
// acknowledgement mail may read that referral's plain-language status, and whoever holds the link
// of a question mail may also answer that question, without signing in. A link is unguessable,
// bound to one referral and one purpose, and expires: an HMAC-SHA-256, under a service key, over
// the referral's id, the purpose (with the question's number) and the expiry. It carries neither
// the reference nor any personal data. Checking it compares in constant time, and says only
// whether it holds, and if not whether it had expired (for the access audit; the caller answers
// "not found" either way).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type ReferrerLinkCheck, type ReferrerLinkGrant } from '../../domain/access/referrer-link.js';

const VERSION = 'v1';
/** `v1.s.<expiry>.<mac>` or `v1.q<request>.<expiry>.<mac>`: the expiry in seconds since 1970, the MAC base64url. */
const LINK = /^v1\.(s|q([1-9][0-9]{0,5}))\.([1-9][0-9]{8,11})\.([A-Za-z0-9_-]{43})$/;

function mac(key: Uint8Array, referralId: string, purposePart: string, expiresAt: number): Buffer {
  return createHmac('sha256', key)
    .update(`referrer-link/${VERSION}\n${referralId}\n${purposePart}\n${expiresAt}`)
    .digest();
}

/** The link's value for `grant`, valid until `expiresAt` (rounded down to the second). */
export function mintReferrerLink(key: Uint8Array, grant: ReferrerLinkGrant, expiresAt: Date): string {
  const purposePart = grant.purpose === 'status' ? 's' : `q${grant.requestNumber}`;
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  return `${VERSION}.${purposePart}.${expiry}.${mac(key, grant.referralId, purposePart, expiry).toString('base64url')}`;
}

/** Whether `link` holds for the referral `referralId` at `now`. */
export function checkReferrerLink(key: Uint8Array, referralId: string, link: string, now: Date): ReferrerLinkCheck {
  const match = LINK.exec(link);
  if (!match) return { holds: false, why: 'not-valid' };
  const [, purposePart = '', requestNumber, expiryText = '', macText = ''] = match;
  const expiry = Number(expiryText);
  // Compared as text (43 characters each, fixed by the pattern), in constant time: the text, not the
  // bytes it decodes to, so that no other spelling of the last character passes.
  const given = Buffer.from(macText, 'ascii');
  const expected = Buffer.from(mac(key, referralId, purposePart, expiry).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { holds: false, why: 'not-valid' };
  if (now.getTime() >= expiry * 1000) return { holds: false, why: 'expired' };
  return {
    holds: true,
    grant:
      purposePart === 's'
        ? { purpose: 'status', referralId }
        : { purpose: 'question', referralId, requestNumber: Number(requestNumber) },
  };
}
