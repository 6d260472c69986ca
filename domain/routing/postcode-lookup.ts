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

/**
 * The table's lists of numbers as bytes, the way the project stores them (compressed, in
 * data/geography/postcode-ranges.json: functions/geography/postcode-table-file.ts): unsigned
 * LEB128 varints, 7 bits a byte, low bits first, the high bit set on every byte but a number's
 * last. The deltas are mostly small, so most numbers take one byte.
 */
const VARINT_BASE = 128;

export function packVarints(numbers: readonly number[]): Uint8Array {
  const bytes: number[] = [];
  for (const number of numbers) {
    if (!Number.isSafeInteger(number) || number < 0)
      throw new Error(`postcode table: ${number} is not a whole number of 0 or more`);
    let rest = number;
    while (rest >= VARINT_BASE) {
      bytes.push((rest % VARINT_BASE) + VARINT_BASE);
      rest = Math.floor(rest / VARINT_BASE);
    }
    bytes.push(rest);
  }
  return Uint8Array.from(bytes);
}

/** The numbers of `bytes`; throws unless they hold exactly `count` whole numbers. */
export function unpackVarints(name: string, bytes: Uint8Array, count: number): number[] {
  // An indexed loop into a preallocated list: this runs once per cold start of a function that
  // routes, over about 170,000 bytes, mostly before the engine has optimised it (an iterator and a
  // growing list took 30-40 ms of CPU there; this takes a few).
  const numbers: number[] = new Array<number>(count);
  let found = 0;
  let value = 0;
  let scale = 1;
  const length = bytes.length;
  for (let index = 0; index < length; index += 1) {
    const byte = bytes[index] as number;
    if (byte >= VARINT_BASE) {
      value += (byte - VARINT_BASE) * scale;
      scale *= VARINT_BASE;
      continue;
    }
    if (found < count) numbers[found] = value + byte * scale;
    found += 1;
    value = 0;
    scale = 1;
  }
  if (scale !== 1 || found !== count)
    throw new Error(
      `postcode table: ${name} holds ${found} whole numbers${scale !== 1 ? ' and a cut-off one' : ''}, not ${count}`,
    );
  return numbers;
}

export interface PostcodeLookup {
  /** The GSS code of the authority the postcode falls in, or null when the table has none. */
  authorityOf(postcode: Postcode): string | null;
  readonly rangeCount: number;
  /** The postcode areas ("CV", "B") at least one range starts in: the only ones the lookup answers for. */
  readonly areas: ReadonlySet<string>;
}

const BASE = 36;
const LOWER_A = 'a'.charCodeAt(0);

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
  // The area is the leading letters of the start read in base 36 (digits 0-9 come before a-z),
  // compared by character code. The starts are in order, so once one start's area is read, every
  // later start below the end of its block (the same letters, then a digit, then as many
  // characters as it has) has the same area and is skipped: a few hundred starts are read in
  // base 36, not every one of the table's (that took 17 ms of a cold start).
  let blockEnd = -1;
  for (let index = 0; index < count; index += 1) {
    const start = starts[index] as number;
    if (start < blockEnd) continue;
    const text = start.toString(BASE);
    let end = 0;
    while (end < text.length && text.charCodeAt(end) >= LOWER_A) end += 1;
    knownAreas.add(text.slice(0, end).toUpperCase());
    blockEnd =
      end < text.length
        ? ((end === 0 ? 0 : Number.parseInt(text.slice(0, end), BASE)) * BASE + 10) * BASE ** (text.length - end - 1)
        : start + 1;
  }

  return {
    rangeCount: count,
    areas: knownAreas,
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
