// The stored form of the postcode table (leb128-base64/1): packing and unpacking give back the
// same numbers, for the real table and for the edges of the encoding, and a damaged table is refused.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import storedTable from '../../../data/geography/postcode-ranges.json' with { type: 'json' };
import { DEFAULT_SOURCES } from '../../../data/geography/import-geography.js';
import { readPostcodeTable } from '../../../data/geography/read-postcode-table.js';
import { packedPostcodeRangeTableSchema, packPostcodeRanges, type PostcodeRangeTable, unpackPostcodeRanges } from '../../../domain/routing/postcode-lookup.js';

const table = (postcodeKeys: number[], valueKey: number[]): PostcodeRangeTable => ({ postcode_keys: postcodeKeys, value_key: valueKey, value_values: ['E00000001', null] });

describe('the packed postcode table', () => {
  it('stored in the repository unpacks to exactly the numbers of the source table', () => {
    const source = readPostcodeTable('local_authorities.json', readFileSync(DEFAULT_SOURCES.postcodes, 'utf8'));
    const unpacked = unpackPostcodeRanges(packedPostcodeRangeTableSchema.parse(storedTable));
    expect(unpacked.postcode_keys).toHaveLength(66_851);
    expect(unpacked).toEqual(source);
  });

  it.each([
    ['zero and the one-byte limit', [0, 127, 128, 16_383, 16_384]],
    ['numbers past 32 bits (a postcode read in base 36)', [2 ** 31, 2 ** 32 + 5, 78_364_164_095]],
    ['one number (two bytes of padding)', [1]],
    ['two bytes (one of padding)', [300]],
    ['three bytes (no padding)', [70_000]],
  ])('gives back %s', (_, numbers) => {
    const original = table(numbers, numbers.map(() => 1));
    expect(unpackPostcodeRanges(packPostcodeRanges(original))).toEqual(original);
  });

  it('gives back any list of whole numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 50 }), (numbers) => {
        const original = table(numbers, numbers.map((n) => n % 3));
        expect(unpackPostcodeRanges(packPostcodeRanges(original))).toEqual(original);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a list that holds more or fewer numbers than ranges, a cut-off number, or text that is not base64', () => {
    const packed = packPostcodeRanges(table([5, 6, 7], [1, 1, 2]));
    expect(() => unpackPostcodeRanges({ ...packed, ranges: 4 })).toThrow(/postcode_keys holds 3 whole numbers, not 4/);
    expect(() => unpackPostcodeRanges({ ...packed, ranges: 2 })).toThrow(/holds 3 whole numbers, not 2/);
    const cutOff = packPostcodeRanges(table([200], [1])).postcode_keys.replace(/^(..).*/, '$1==');
    expect(() => unpackPostcodeRanges({ ...packed, ranges: 1, postcode_keys: cutOff })).toThrow(/postcode_keys holds 0 whole numbers, not 1/);
    expect(() => unpackPostcodeRanges({ ...packed, value_key: 'AQ*C' })).toThrow(/value_key is not base64/);
    expect(() => packPostcodeRanges(table([-1], [1]))).toThrow(/not a whole number/);
  });
});
