import { describe, expect, it } from 'vitest';
import { readPostcode } from '../../../domain/routing/postcode.js';
import {
  buildPostcodeLookup,
  postcodeNumber,
  type PostcodeRangeTable,
} from '../../../domain/routing/postcode-lookup.js';

function postcode(raw: string) {
  const reading = readPostcode(raw);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.postcode;
}

// Four ranges: CV1 1AA -> A, CV1 5AA -> B, CV2 1AA -> A again ("two back"), CV3 1AA -> no authority.
const starts = ['CV11AA', 'CV15AA', 'CV21AA', 'CV31AA'].map(postcodeNumber);
const table: PostcodeRangeTable = {
  postcode_keys: starts.map((start, i) => start - (i === 0 ? 0 : (starts[i - 1] as number))),
  value_key: [1, 2, 0, 3],
  value_values: ['E00000001', 'E00000002', null],
};
const lookup = buildPostcodeLookup(table);

describe('the postcode range lookup', () => {
  it.each([
    ['CV1 1AA', 'E00000001'], // a range start
    ['CV1 4ZZ', 'E00000001'], // inside the first range
    ['CV1 5AA', 'E00000002'],
    ['CV1 9ZZ', 'E00000002'],
    ['CV2 1AA', 'E00000001'], // value key 0: the value two ranges back
    ['CV2 9ZZ', 'E00000001'],
    ['CV3 1AA', null], // a range with no authority
    ['CV9 9ZZ', null],
    ['CV1 0AA', null], // before the first range
    ['WS1 1AA', null], // an area no range starts in
  ])('finds %s in %s', (raw, expected) => {
    expect(lookup.authorityOf(postcode(raw))).toBe(expected);
  });

  it('refuses a table out of order, or with values it cannot resolve', () => {
    expect(() => buildPostcodeLookup({ ...table, postcode_keys: [10, 0], value_key: [1, 1] })).toThrow(/out of order/);
    expect(() => buildPostcodeLookup({ ...table, value_key: [0, 1, 1, 1] })).toThrow(/two ranges back/);
    expect(() => buildPostcodeLookup({ ...table, value_key: [1, 2, 9, 1] })).toThrow(/past the list/);
    expect(() => buildPostcodeLookup({ ...table, value_key: [1] })).toThrow(/4 range starts but 1 values/);
  });
});
