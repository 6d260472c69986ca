// The content digest of one command's events, kept on every event item so that a retried
// command can be told apart from a different command reusing its id.
//
// It is taken over exactly what the store writes for each event: its type, the `data` JSON and
// the personal part's plaintext JSON. That JSON is produced from the catalogue's zod output, whose
// objects carry their keys in the schema's order whatever order the caller built them in (the
// catalogue has no records and no pass-through objects; test/functions/event-store/command-digest.unit.test.ts
// checks every event type with its keys shuffled), so equal commands give equal text without
// sorting keys. When the command has a personal part the whole digest is an HMAC under a key
// derived from the referral's data key: it reveals nothing that could be guessed back (a postcode,
// say), and after erasure it cannot even be checked. Otherwise it is a plain SHA-256.
import { createHash, createHmac } from 'node:crypto';

export const COMMAND_DIGEST_LENGTH = 43;

/** One event as the store writes it: `data` is its JSON, `personal` the plaintext JSON bytes (before sealing). */
export interface DigestedEvent {
  type: string;
  data: string;
  personal: Uint8Array | undefined;
}

const NEWLINE = Buffer.from('\n');
const HAS_PERSONAL = Buffer.from('\nP');
const NO_PERSONAL = Buffer.from('\nN');

/**
 * Per event: type, newline, data JSON, then `\nP` and the personal JSON or `\nN`, then a newline.
 * JSON text never holds a raw newline (JSON.stringify escapes it) and types are catalogue names,
 * so no two different commands frame to the same bytes.
 */
export function commandDigest(events: readonly DigestedEvent[], digestKey: Uint8Array | undefined): string {
  const personal = events.some((event) => event.personal !== undefined);
  if (personal && !digestKey) throw new Error('a digest of personal data needs the data key');
  const hash = personal && digestKey ? createHmac('sha256', digestKey) : createHash('sha256');
  for (const event of events) {
    hash.update(event.type).update(NEWLINE).update(event.data);
    if (event.personal) hash.update(HAS_PERSONAL).update(event.personal);
    else hash.update(NO_PERSONAL);
    hash.update(NEWLINE);
  }
  return hash.digest('base64url');
}
