// Postcode -> local authority (GSS code), from the range-compressed table described in
// data/geography/SOURCES.md: a postcode without its space, read as a base-36 number, belongs to
// the last range whose start is <= that number. Built once; each lookup is a binary search.
import * as z from 'zod';
import { type Postcode } from './postcode.js';

export const postcodeRangeTableSchema = z.object({
  /** Range starts, delta-encoded (the first is absolute, each next one is added to the previous). */
  postcode_keys: z.array(z.number().int().nonnegative()),
  /** Per range: 1 + an index into value_values, or 0 for "the same value as two ranges back". */
  value_key: z.array(z.number().int().nonnegative()),
  /** GSS codes; null where the source has no authority (terminated or non-geographic postcodes). */
  value_values: z.array(z.string().nullable()),
});
export type PostcodeRangeTable = z.infer<typeof postcodeRangeTableSchema>;

export interface PostcodeLookup {
  /** The GSS code of the authority the postcode falls in, or null when the table has none. */
  authorityOf(postcode: Postcode): string | null;
  readonly rangeCount: number;
}

const BASE = 36;
const AREA = /^[A-Z]+/;

export function postcodeNumber(compact: string): number {
  return Number.parseInt(compact, BASE);
}

export function buildPostcodeLookup(table: PostcodeRangeTable): PostcodeLookup {
  const count = table.postcode_keys.length;
  if (table.value_key.length !== count) {
    throw new Error(`postcode table: ${count} range starts but ${table.value_key.length} values`);
  }
  const starts = new Float64Array(count);
  const values = new Int32Array(count); // index into value_values, or -1 for none
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    start += table.postcode_keys[i] as number;
    if (i > 0 && start <= (starts[i - 1] as number)) throw new Error(`postcode table: range ${i} is out of order`);
    starts[i] = start;
    const key = table.value_key[i] as number;
    if (key === 0) {
      if (i < 2) throw new Error(`postcode table: range ${i} repeats a value two ranges back, before there is one`);
      values[i] = values[i - 2] as number;
    } else {
      if (key > table.value_values.length) throw new Error(`postcode table: range ${i} points past the list of values`);
      values[i] = table.value_values[key - 1] === null ? -1 : key - 1;
    }
  }
  // A range answers for any string inside it, so a made-up area ("ZZ99 9ZZ") would borrow its
  // neighbour's authority: only areas that start at least one range are known.
  const knownAreas = new Set<string>();
  for (const value of starts) knownAreas.add(AREA.exec(value.toString(BASE).toUpperCase())?.[0] ?? '');

  return {
    rangeCount: count,
    authorityOf(postcode) {
      if (!knownAreas.has(postcode.area)) return null;
      const n = postcodeNumber(postcode.compact);
      let low = 0;
      let high = count - 1;
      let found = -1;
      while (low <= high) {
        const mid = (low + high) >>> 1;
        if ((starts[mid] as number) <= n) {
          found = mid;
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      if (found < 0) return null;
      const valueIndex = values[found] as number;
      return valueIndex < 0 ? null : (table.value_values[valueIndex] ?? null);
    },
  };
}
