// How the postcode table is stored in data/geography/postcode-ranges.json: each list of numbers
// as unsigned LEB128 varints (domain/routing/postcode-lookup.ts), Brotli-compressed and written as
// base64, beside the source's list of authority codes. About 86 KB instead of 378 KB of JSON
// numbers, which matters because every function that routes inlines the file; unpacking it takes
// a couple of milliseconds, once per process.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import * as z from 'zod';
import { ONCE } from '../../domain/parse-once.js';
import { packVarints, type PostcodeRangeTable, unpackVarints } from '../../domain/routing/postcode-lookup.js';

export const POSTCODE_TABLE_FILE_FORMAT = 'leb128-brotli-base64/1';

export const StoredPostcodeTable = z.object({
  format: z.literal(POSTCODE_TABLE_FILE_FORMAT),
  /** How many ranges: the count of numbers in each packed list. */
  ranges: z.number().int().positive(),
  postcode_keys: z.base64(),
  value_key: z.base64(),
  /** GSS codes; null where the source has no authority. */
  value_values: z.array(z.string().nullable()),
});
export type StoredPostcodeTable = z.infer<typeof StoredPostcodeTable>;

/** Fixed settings, so the same table always gives the same bytes (the importer's output is compared byte for byte). */
const BROTLI = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
  },
};

const pack = (numbers: readonly number[]) => brotliCompressSync(packVarints(numbers), BROTLI).toString('base64');

function unpack(name: string, text: string, count: number): number[] {
  let bytes: Uint8Array;
  try {
    bytes = brotliDecompressSync(Buffer.from(text, 'base64'));
  } catch {
    throw new Error(`postcode table: ${name} is not Brotli-compressed`);
  }
  return unpackVarints(name, bytes, count);
}

export function storePostcodeTable(table: PostcodeRangeTable): StoredPostcodeTable {
  return {
    format: POSTCODE_TABLE_FILE_FORMAT,
    ranges: table.postcode_keys.length,
    postcode_keys: pack(table.postcode_keys),
    value_key: pack(table.value_key),
    value_values: table.value_values,
  };
}

/** The table from the file's contents; throws, naming the list, when the file is not one. */
export function readStoredPostcodeTable(stored: unknown): PostcodeRangeTable {
  const parsed = StoredPostcodeTable.safeParse(stored, ONCE);
  if (!parsed.success)
    throw new Error(
      `postcode table: not a stored postcode table (${parsed.error.issues[0]?.path.join('.') ?? ''}): run npm run import:geography`,
    );
  const { ranges, postcode_keys: keys, value_key: values, value_values: codes } = parsed.data;
  return {
    postcode_keys: unpack('postcode_keys', keys, ranges),
    value_key: unpack('value_key', values, ranges),
    value_values: codes,
  };
}
