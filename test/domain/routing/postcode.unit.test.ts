import { describe, expect, it } from 'vitest';
import { readPostcode } from '../../../domain/routing/postcode.js';

function normalised(raw: string): string | null {
  const reading = readPostcode(raw);
  return reading.ok ? reading.postcode.normalised : null;
}

function reason(raw: string): string {
  const reading = readPostcode(raw);
  if (reading.ok) throw new Error(`"${raw}" was read as ${reading.postcode.normalised}`);
  return reading.reason;
}

describe('reading a postcode', () => {
  it.each([
    ['CV1 2NJ', 'CV1 2NJ'],
    ['cv1 2nj', 'CV1 2NJ'],
    ['CV12NJ', 'CV1 2NJ'],
    ['cv12nj', 'CV1 2NJ'],
    ['  Cv1   2nJ  ', 'CV1 2NJ'],
    ['\tWS13 6YY\n', 'WS13 6YY'],
    ['ws136yy', 'WS13 6YY'],
    ['b11aa', 'B1 1AA'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['w1a 0ax', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['m11ae', 'M1 1AE'],
    ['gir0aa', 'GIR 0AA'],
  ])('reads %j as %s', (raw, expected) => {
    expect(normalised(raw)).toBe(expected);
  });

  it('gives the area and the compact form', () => {
    const reading = readPostcode('ws13 6yy');
    expect(reading).toEqual({ ok: true, postcode: { normalised: 'WS13 6YY', compact: 'WS136YY', area: 'WS' } });
  });

  it.each([
    ['', /no postcode/],
    ['   ', /no postcode/],
    ['CV1-2NJ', /only letters, digits/],
    ['CV1 2NJ!', /only letters, digits/],
    ['WS13', /only the first half/],
    ['ws13', /only the first half/],
    ['SW1A', /only the first half/],
    ['CV1', /only the first half/],
    ['hello', /format of a UK postcode/],
    ['WS13 6', /format of a UK postcode/],
    ['CV1 2NJX', /format of a UK postcode/],
    ['CV1 2NJXX', /5 to 7 letters and digits/],
    ['1234', /5 to 7 letters and digits/],
    ['ABCDEFGH', /5 to 7 letters and digits/],
    ['CV1 2CJ', /format of a UK postcode/], // C is never in the inward code
    ['QV1 2NJ', /format of a UK postcode/], // Q never starts a postcode
    ['CV1 NJ2', /format of a UK postcode/],
    ['12345', /format of a UK postcode/],
    ['ZZ99 9ZZ', /format of a UK postcode/],
  ])('rejects %j with a plain reason', (raw, expected) => {
    expect(reason(raw)).toMatch(expected);
  });
});
