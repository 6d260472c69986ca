// Opaque pagination cursors: DynamoDB's LastEvaluatedKey, base64url JSON, checked on the way
// back in so a cursor made for one queue cannot be replayed against another, and a cursor that is
// not exactly a key of the index read (other attributes, other types) never reaches DynamoDB.
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

const CursorKey = z.record(z.string(), z.string().max(1024));

export class PageCursorError extends Error {
  constructor() {
    super('the page cursor is not valid for this list');
    this.name = 'PageCursorError';
  }
}

export function encodeCursor(key: Record<string, AttributeValue> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(unmarshall(key)), 'utf8').toString('base64url') : undefined;
}

/**
 * The start key a cursor stands for. It must hold exactly `keyAttributes` (the string key
 * attributes of the table and index read), and the `expected` ones must hold exactly these values.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: Record<string, string>,
  keyAttributes: readonly string[],
): Record<string, AttributeValue> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: z.infer<typeof CursorKey>;
  try {
    parsed = CursorKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new PageCursorError();
  }
  const names = Object.keys(parsed);
  if (names.length !== keyAttributes.length || !keyAttributes.every((name) => typeof parsed[name] === 'string'))
    throw new PageCursorError();
  for (const [name, value] of Object.entries(expected)) if (parsed[name] !== value) throw new PageCursorError();
  return marshall(parsed);
}
