// The Idempotency-Key header: a caller's name for one attempt at a change, kept across its
// retries. It is scoped to the caller (organisation and user), so nobody can collide with, or
// replay, someone else's key.
import { createHash } from 'node:crypto';
import { type HttpProblem, problems } from '../../http/problem.js';

const KEY = /^[A-Za-z0-9_-]{16,64}$/;

export const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'A key of 16 to 64 letters, digits, - or _ (a UUID will do) kept across retries of the same request: a retry gets the first answer and changes nothing twice.',
};

export function idempotencyKeyFrom(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (!KEY.test(value))
    throw problems.badRequest('Check the Idempotency-Key header.', [
      { field: 'Idempotency-Key', message: 'a key has 16 to 64 letters, digits, - or _' },
    ]);
  return value;
}

/** A stable id for (caller, key), short enough for a command id or a table key. */
export function scopedKey(caller: string, key: string): string {
  return createHash('sha256').update(`${caller}\n${key}`).digest('base64url').slice(0, 40);
}

/** Another request under a key already used: refused, so that a key never runs, replays or erases through another command. */
export function keyReusedProblem(): HttpProblem {
  return problems.unprocessable(
    'This Idempotency-Key was already used for a different request. Send a new key with each new request; reuse a key only to retry exactly the same request.',
    undefined,
    'idempotency-key-reused',
  );
}
