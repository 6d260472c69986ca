// Opaque pagination cursors: DynamoDB's LastEvaluatedKey, base64url JSON, checked on the way
// back in so a cursor made for one queue cannot be replayed against another.
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

const CursorKey = z.record(z.string(), z.union([z.string(), z.number()]));

export class PageCursorError extends Error {
  constructor() {
    super('the page cursor is not valid for this list');
    this.name = 'PageCursorError';
  }
}

export function encodeCursor(key: Record<string, AttributeValue> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(unmarshall(key)), 'utf8').toString('base64url') : undefined;
}

/** The start key a cursor stands for; `expected` attributes must hold exactly these values. */
export function decodeCursor(cursor: string | undefined, expected: Record<string, string>): Record<string, AttributeValue> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: z.infer<typeof CursorKey>;
  try {
    parsed = CursorKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new PageCursorError();
  }
  for (const [name, value] of Object.entries(expected)) if (parsed[name] !== value) throw new PageCursorError();
  return marshall(parsed);
}
