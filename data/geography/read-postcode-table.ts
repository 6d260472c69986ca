// Reads the range-compressed postcode table (mysociety mini-postcode-lookup format). The source
// writes `NaN` for ranges with no authority, which is not JSON: it becomes null in the project's copy.
import { buildPostcodeLookup, type PostcodeRangeTable, postcodeRangeTableSchema } from '../../domain/routing/postcode-lookup.js';

const BARE_NAN = /(?<=[[,:]\s*)NaN(?=\s*[\],}])/g;

export function readPostcodeTable(name: string, text: string): PostcodeRangeTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(BARE_NAN, 'null'));
  } catch (error) {
    throw new Error(`${name}: not a postcode table (${(error as Error).message})`);
  }
  const result = postcodeRangeTableSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${name}: not a postcode table (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`);
  }
  try {
    buildPostcodeLookup(result.data); // order and value references
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return result.data;
}
