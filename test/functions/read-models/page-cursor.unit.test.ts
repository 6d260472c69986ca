// Pagination cursors come back from callers: only exactly a key of the index read, of the list it
// was made for, is taken; anything else is refused before DynamoDB sees it.
import { describe, expect, it } from 'vitest';
import { PageCursorError, decodeCursor, encodeCursor } from '../../../functions/read-models/page-cursor.js';

const keys = ['pk', 'sk', 'queuePk', 'queueSk'] as const;
const real = encodeCursor({
  pk: { S: 'v1#case#a' },
  sk: { S: 'triage#police' },
  queuePk: { S: 'v1#queue#police' },
  queueSk: { S: '1#2026' },
})!;
const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('page cursors', () => {
  it('give back the key they were made from', () => {
    expect(decodeCursor(real, { queuePk: 'v1#queue#police' }, keys)).toEqual({
      pk: { S: 'v1#case#a' },
      sk: { S: 'triage#police' },
      queuePk: { S: 'v1#queue#police' },
      queueSk: { S: '1#2026' },
    });
  });

  it.each([
    ['another list', real, { queuePk: 'v1#queue#council' }],
    [
      'a renamed attribute',
      crafted({ pk: 'a', rk: 'b', queuePk: 'v1#queue#police', queueSk: 'c' }),
      { queuePk: 'v1#queue#police' },
    ],
    [
      'an extra attribute',
      crafted({ pk: 'a', sk: 'b', queuePk: 'v1#queue#police', queueSk: 'c', x: 'd' }),
      { queuePk: 'v1#queue#police' },
    ],
    [
      'a missing attribute',
      crafted({ pk: 'a', queuePk: 'v1#queue#police', queueSk: 'c' }),
      { queuePk: 'v1#queue#police' },
    ],
    [
      'a number for a string',
      crafted({ pk: 'a', sk: 1, queuePk: 'v1#queue#police', queueSk: 'c' }),
      { queuePk: 'v1#queue#police' },
    ],
    ['an array', crafted([1, 2]), { queuePk: 'v1#queue#police' }],
    ['no JSON', 'not-a-cursor', { queuePk: 'v1#queue#police' }],
  ])('refuse %s', (_name, cursor, expected) => {
    expect(() => decodeCursor(cursor, expected, keys)).toThrow(PageCursorError);
  });
});
