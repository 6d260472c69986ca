// The content digest of one command's events, kept on every event item so that a retried
// command can be told apart from a different command reusing its id. Personal parts enter
// only as an HMAC under a key derived from the referral's data key: the digest reveals nothing
// that could be guessed back (a postcode, say), and after erasure it cannot even be checked.
import { createHash, createHmac } from 'node:crypto';
import { type DomainEvent } from '../../events/catalogue.js';

export const COMMAND_DIGEST_LENGTH = 43;

export function commandDigest(events: readonly DomainEvent[], digestKey: Uint8Array | undefined): string {
  const summary = events.map((event) => {
    if (event.personal === undefined) return [event.type, canonicalJson(event.data), null];
    if (!digestKey) throw new Error('a digest of personal data needs the data key');
    return [event.type, canonicalJson(event.data), createHmac('sha256', digestKey).update(canonicalJson(event.personal)).digest('base64url')];
  });
  return createHash('sha256').update(JSON.stringify(summary)).digest('base64url');
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
