// A new referral's identifiers: its id (the stream is referral-<id>) and its short human
// reference PRV-XXXX-XXXX in Crockford base32 (no I, L, O or U), both from the platform's
// cryptographic random source. 40 bits of reference make a clash vanishingly rare; the id, not
// the reference, is what the service keys on.
import { randomBytes } from 'node:crypto';
import { ReferralReference } from '../../../events/submission.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function referenceFrom(bytes: Uint8Array): string {
  if (bytes.length < 5) throw new RangeError('a reference needs 40 random bits');
  let bits = 0n;
  for (const byte of bytes.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let symbols = '';
  for (let index = 7; index >= 0; index -= 1) symbols += CROCKFORD[Number((bits >> BigInt(index * 5)) & 31n)];
  return ReferralReference.parse(`PRV-${symbols.slice(0, 4)}-${symbols.slice(4)}`);
}

export interface ReferralIdentifiers {
  referralId: string;
  reference: string;
}

export function newReferralIdentifiers(random: (size: number) => Uint8Array = randomBytes): ReferralIdentifiers {
  return { referralId: Buffer.from(random(16)).toString('base64url'), reference: referenceFrom(random(5)) };
}
