// A case's version travels as its ETag ("7"); a change names the version it was made against in
// If-Match. A missing If-Match is 428, a malformed one 400; a stale one is found by the decider
// wrapper and answered 409 with the current version.
import { problems } from '../../http/problem.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function expectedVersionFrom(headers: Readonly<Record<string, string | undefined>>): number {
  const value = headers['if-match'];
  if (value === undefined || value.trim() === '') throw problems.preconditionRequired();
  const match = /^(?:W\/)?"?([0-9]{1,9})"?$/.exec(value.trim());
  if (!match?.[1])
    throw problems.badRequest('Check the If-Match header: it holds the version (the ETag) of the case, such as "7".', [
      { field: 'If-Match', message: 'a version is a whole number in quotes, such as "7"' },
    ]);
  return Number(match[1]);
}

export const ifMatchHeader = {
  name: 'If-Match',
  required: true,
  description:
    'The version (ETag) of the case the change was made against; a stale one is answered 409 with the current version.',
};
