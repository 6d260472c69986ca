import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import postcodeRanges from '../../../data/geography/postcode-ranges.json' with { type: 'json' };
import { readPostcode } from '../../../domain/routing/postcode.js';
import { readStoredPostcodeTable } from '../../../functions/geography/postcode-table-file.js';
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

/** The lookup as it was first written, plainly: the reference the faster build must agree with. */
function referenceAreas(table: PostcodeRangeTable): Set<string> {
  const starts: number[] = [];
  table.postcode_keys.forEach((delta, i) => starts.push(delta + (i === 0 ? 0 : (starts[i - 1] as number))));
  return new Set(starts.map((start) => /^[A-Z]+/.exec(start.toString(36).toUpperCase())?.[0] ?? ''));
}

function referenceAuthorityOf(table: PostcodeRangeTable, compact: string, area: string): string | null {
  const starts: number[] = [];
  table.postcode_keys.forEach((delta, i) => starts.push(delta + (i === 0 ? 0 : (starts[i - 1] as number))));
  if (!referenceAreas(table).has(area)) return null;
  const n = postcodeNumber(compact);
  const found = starts.findLastIndex((start) => start <= n);
  if (found < 0) return null;
  const valueOf = (i: number): string | null => {
    const key = table.value_key[i] as number;
    return key === 0 ? valueOf(i - 2) : (table.value_values[key - 1] ?? null);
  };
  return valueOf(found);
}

describe('the postcode range lookup, against a plain reference', () => {
  const arbitraryPostcode = fc
    .tuple(
      fc.constantFrom('B', 'CV', 'E', 'EC', 'L', 'LL', 'N', 'NP', 'SA', 'W', 'WS', 'ZE'),
      fc.integer({ min: 1, max: 99 }),
      fc.constantFrom('', 'A', 'W'),
      fc.integer({ min: 0, max: 9 }),
      fc.constantFrom('AA', 'AB', 'HX', 'ZZ'),
    )
    .filter(([, district, letter]) => letter === '' || district < 10)
    .map(([area, district, letter, sector, unit]) => postcode(`${area}${district}${letter} ${sector}${unit}`));

  it('finds the same authority (or none) for any postcode, the known areas included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryPostcode, { minLength: 3, maxLength: 30, selector: (p) => p.compact }),
        fc.array(arbitraryPostcode, { minLength: 1, maxLength: 20 }),
        (rangeStarts, asked) => {
          const sorted = rangeStarts.map((p) => postcodeNumber(p.compact)).sort((a, b) => a - b);
          const generated: PostcodeRangeTable = {
            postcode_keys: sorted.map((start, i) => start - (i === 0 ? 0 : (sorted[i - 1] as number))),
            value_key: sorted.map((_, i) => (i >= 2 && i % 3 === 2 ? 0 : (i % 4) + 1)),
            value_values: ['E00000001', 'W00000002', null, 'E00000003'],
          };
          const built = buildPostcodeLookup(generated);
          expect(built.areas).toEqual(referenceAreas(generated));
          for (const p of [...asked, ...rangeStarts])
            expect(built.authorityOf(p)).toBe(referenceAuthorityOf(generated, p.compact, p.area));
        },
      ),
    );
  });
});

describe('the postcode table of England and Wales', () => {
  it('knows the same areas as a reading of every range start', () => {
    const stored = readStoredPostcodeTable(postcodeRanges);
    const built = buildPostcodeLookup(stored);
    expect(built.areas.size).toBeGreaterThan(100);
    expect(built.areas).toEqual(referenceAreas(stored));
  });
});
