// The blind index of a person: a keyed HMAC-SHA256 of the normalised name and the date of
// birth. Two referrals of the same person (however the name was typed) get the same value;
// without the key nobody can test a guessed name against it, and neither the name nor the date
// of birth is ever stored or compared in plaintext.
import { createHmac } from 'node:crypto';

/**
 * The name as compared: letters and digits only, lower case, diacritics removed (é -> e), so
 * "  JOSÉ  o'Brien-Smith " and "Jose OBrien Smith" are the same. Spaces and punctuation go
 * entirely: a deconfliction that misses a match is worse than one a person has to dismiss.
 */
export function normalisedName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en-GB')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export interface IndexedPerson {
  name: string;
  dateOfBirth?: string | undefined;
}

/**
 * The person's blind index (64 hex characters), or null when there is nothing reliable to match
 * on: no date of birth (an approximate age is not enough) or an empty name.
 */
export function personBlindIndex(key: Uint8Array, person: IndexedPerson): string | null {
  const name = normalisedName(person.name);
  if (name.length === 0 || person.dateOfBirth === undefined) return null;
  return createHmac('sha256', key).update(`person-v1\u0000${name}\u0000${person.dateOfBirth}`, 'utf8').digest('hex');
}
