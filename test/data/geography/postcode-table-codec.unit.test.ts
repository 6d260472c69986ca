// The stored form of the postcode table (leb128-brotli-base64/1): storing and reading give back
// the same numbers, for the real table and at the edges of the varint encoding, and a damaged
// table is refused naming what is wrong.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import storedTable from '../../../data/geography/postcode-ranges.json' with { type: 'json' };
import { DEFAULT_SOURCES } from '../../../data/geography/import-geography.js';
import { readPostcodeTable } from '../../../data/geography/read-postcode-table.js';
import { packVarints, type PostcodeRangeTable, unpackVarints } from '../../../domain/routing/postcode-lookup.js';
import { readStoredPostcodeTable, storePostcodeTable } from '../../../functions/geography/postcode-table-file.js';

const table = (postcodeKeys: number[], valueKey: number[]): PostcodeRangeTable => ({
  postcode_keys: postcodeKeys,
  value_key: valueKey,
  value_values: ['E00000001', null],
});

describe('the stored postcode table', () => {
  it('in the repository reads back as exactly the numbers of the source table, in under a third of its JSON size', () => {
    const sourceText = readFileSync(DEFAULT_SOURCES.postcodes, 'utf8');
    const source = readPostcodeTable('local_authorities.json', sourceText);
    const read = readStoredPostcodeTable(storedTable);
    expect(read.postcode_keys).toHaveLength(66_851);
    expect(read).toEqual(source);
    expect(JSON.stringify(storedTable).length).toBeLessThan(sourceText.length / 3);
  });

  it('gives back any lists of whole numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 50 }), (numbers) => {
        const original = table(
          numbers,
          numbers.map((n) => n % 3),
        );
        expect(readStoredPostcodeTable(JSON.parse(JSON.stringify(storePostcodeTable(original))))).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a list with more or fewer numbers than ranges, text that is not compressed, or another format', () => {
    const stored = storePostcodeTable(table([5, 6, 7], [1, 1, 2]));
    expect(() => readStoredPostcodeTable({ ...stored, ranges: 4 })).toThrow(
      /postcode_keys holds 3 whole numbers, not 4/,
    );
    expect(() =>
      readStoredPostcodeTable({ ...stored, value_key: Buffer.from('not brotli at all').toString('base64') }),
    ).toThrow(/value_key is not Brotli-compressed/);
    expect(() => readStoredPostcodeTable({ ...stored, format: 'json/1' })).toThrow(
      /not a stored postcode table \(format\)/,
    );
  });
});

describe('the varints of the postcode table', () => {
  it.each([
    ['zero and the one-byte limit', [0, 127, 128, 16_383, 16_384], 1 + 1 + 2 + 2 + 3],
    ['numbers past 32 bits (postcodes read in base 36)', [2 ** 31, 2 ** 32 + 5, 78_364_164_095], 5 + 5 + 6],
  ])('give back %s, in the expected number of bytes', (_, numbers, byteCount) => {
    const bytes = packVarints(numbers);
    expect(bytes).toHaveLength(byteCount);
    expect(unpackVarints('list', bytes, numbers.length)).toEqual(numbers);
  });

  it('refuse a cut-off number and anything but whole numbers of 0 or more', () => {
    expect(() => unpackVarints('list', Uint8Array.from([0x05, 0xc8]), 2)).toThrow(
      /list holds 1 whole numbers and a cut-off one, not 2/,
    );
    expect(() => packVarints([-1])).toThrow(/not a whole number/);
    expect(() => packVarints([1.5])).toThrow(/not a whole number/);
  });
});
