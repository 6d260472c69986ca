import { describe, expect, it } from 'vitest';
import { normalisedName, personBlindIndex } from '../../../functions/deconfliction/person-blind-index.js';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);

describe('the person blind index', () => {
  it('normalises case, spacing, punctuation and diacritics', () => {
    expect(normalisedName("  JOSÉ  o'Brien-Smith ")).toBe('joseobriensmith');
    expect(normalisedName('Zoë Ann-Marie Okafor')).toBe(normalisedName('ZOE  annmarie   OKAFOR'));
    expect(normalisedName('Łukasz Żółć')).toBe('łukaszzołc');
  });

  it('gives the same value for the same person however the name was typed, and a different one otherwise', () => {
    const first = personBlindIndex(key, { name: 'Zoë Ann-Marie Okafor', dateOfBirth: '2009-07-21' });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(personBlindIndex(key, { name: ' zoe annmarie okafor', dateOfBirth: '2009-07-21' })).toBe(first);
    expect(personBlindIndex(key, { name: 'Zoë Ann-Marie Okafor', dateOfBirth: '2009-07-22' })).not.toBe(first);
    expect(personBlindIndex(key, { name: 'Zoë Ann Okafor', dateOfBirth: '2009-07-21' })).not.toBe(first);
    expect(personBlindIndex(otherKey, { name: 'Zoë Ann-Marie Okafor', dateOfBirth: '2009-07-21' })).not.toBe(first);
  });

  it('indexes nobody without a date of birth or a name to match on', () => {
    expect(personBlindIndex(key, { name: 'Alex Person' })).toBeNull();
    expect(personBlindIndex(key, { name: ' -- ', dateOfBirth: '2009-07-21' })).toBeNull();
  });
});
