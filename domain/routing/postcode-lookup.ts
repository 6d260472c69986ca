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
 * The table as the project stores it (data/geography/postcode-ranges.json, about 230 KB instead of
 * 378 KB of JSON numbers, and so in every bundle that routes): each list of numbers packed as
 * unsigned LEB128 varints (7 bits a byte, low bits first, the high bit set on every byte but a
 * number's last), written as base64. The numbers are the same as in PostcodeRangeTable.
 */
export const PACKED_POSTCODE_TABLE_FORMAT = 'leb128-base64/1';

export const packedPostcodeRangeTableSchema = z.object({
  format: z.literal(PACKED_POSTCODE_TABLE_FORMAT),
  /** How many ranges (numbers in each packed list). */
  ranges: z.number().int().positive(),
  postcode_keys: z.base64(),
  value_key: z.base64(),
  value_values: z.array(z.string().nullable()),
});
export type PackedPostcodeRangeTable = z.infer<typeof packedPostcodeRangeTableSchema>;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VARINT_BASE = 128;

function packNumbers(numbers: readonly number[]): string {
  const bytes: number[] = [];
  for (const number of numbers) {
    if (!Number.isSafeInteger(number) || number < 0) throw new Error(`postcode table: ${number} is not a whole number of 0 or more`);
    let rest = number;
    while (rest >= VARINT_BASE) {
      bytes.push((rest % VARINT_BASE) + VARINT_BASE);
      rest = Math.floor(rest / VARINT_BASE);
    }
    bytes.push(rest);
  }
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    text += BASE64[(triple >> 18) & 63];
    text += BASE64[(triple >> 12) & 63];
    text += i + 1 < bytes.length ? BASE64[(triple >> 6) & 63] : '=';
    text += i + 2 < bytes.length ? BASE64[triple & 63] : '=';
  }
  return text;
}

const BASE64_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i += 1) BASE64_VALUES[BASE64.charCodeAt(i)] = i;

function unpackNumbers(name: string, text: string, count: number): number[] {
  const numbers: number[] = [];
  let value = 0;
  let scale = 1;
  let pending = false;
  const take = (byte: number) => {
    value += (byte % VARINT_BASE) * scale;
    if (byte >= VARINT_BASE) {
      scale *= VARINT_BASE;
      pending = true;
      return;
    }
    numbers.push(value);
    value = 0;
    scale = 1;
    pending = false;
  };
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j += 1) {
      const code = text.charCodeAt(i + j);
      const sextet = code === 61 ? 0 : (BASE64_VALUES[code] ?? -1);
      if (sextet < 0) throw new Error(`postcode table: ${name} is not base64`);
      triple = triple * 64 + sextet;
    }
    const last = i + 4 >= text.length;
    take(Math.floor(triple / 65536) % 256);
    if (!last || padding < 2) take(Math.floor(triple / 256) % 256);
    if (!last || padding < 1) take(triple % 256);
  }
  if (pending || numbers.length !== count) throw new Error(`postcode table: ${name} holds ${numbers.length} whole numbers, not ${count}`);
  return numbers;
}

/** The stored form of a table (the importer writes it). */
export function packPostcodeRanges(table: PostcodeRangeTable): PackedPostcodeRangeTable {
  return {
    format: PACKED_POSTCODE_TABLE_FORMAT,
    ranges: table.postcode_keys.length,
    postcode_keys: packNumbers(table.postcode_keys),
    value_key: packNumbers(table.value_key),
    value_values: table.value_values,
  };
}

/** The table from its stored form; throws when a list does not hold exactly `ranges` numbers. */
export function unpackPostcodeRanges(packed: PackedPostcodeRangeTable): PostcodeRangeTable {
  return {
    postcode_keys: unpackNumbers('postcode_keys', packed.postcode_keys, packed.ranges),
    value_key: unpackNumbers('value_key', packed.value_key, packed.ranges),
    value_values: packed.value_values,
  };
}

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
