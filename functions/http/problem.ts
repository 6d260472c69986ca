// Errors as RFC 9457 problem details: plain words, which field and why, never a submitted value.
import { type z } from 'zod';

export interface FieldProblem {
  /** Where the problem is, as a dotted path ("person.dateOfBirth"), or a header/parameter name. */
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: {
      errors?: FieldProblem[];
      currentVersion?: number;
      headers?: Record<string, string>;
      /** A stable code for programs (a decider's refusal). */ code?: string;
    } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problems = {
  badRequest: (detail: string, errors?: FieldProblem[]) =>
    new HttpProblem(400, 'The request is not valid', detail, errors ? { errors } : {}),
  unauthenticated: (detail: string) =>
    new HttpProblem(401, 'Sign in first', detail, { headers: { 'www-authenticate': 'Bearer' } }),
  forbidden: (detail: string) => new HttpProblem(403, 'Not allowed', detail),
  notFound: (detail = 'There is nothing at this address, or you may not see it.') =>
    new HttpProblem(404, 'Not found', detail),
  conflict: (detail: string, currentVersion: number) =>
    new HttpProblem(409, 'The case has changed since you loaded it', detail, {
      currentVersion,
      headers: { etag: `"${currentVersion}"` },
    }),
  tooLarge: (limit: number) =>
    new HttpProblem(413, 'The request is too large', `The body may be at most ${limit} bytes.`),
  unsupportedMediaType: () =>
    new HttpProblem(415, 'Send JSON', 'The body must be JSON, with Content-Type: application/json.'),
  unprocessable: (detail: string, errors?: FieldProblem[], code?: string) =>
    new HttpProblem(422, 'The request cannot be carried out', detail, {
      ...(errors ? { errors } : {}),
      ...(code ? { code } : {}),
    }),
  tooManyRequests: (retryAfterSeconds: number, detail: string) =>
    new HttpProblem(429, 'Too many requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } }),
  preconditionRequired: () =>
    new HttpProblem(
      428,
      'Say which version you are changing',
      'Send If-Match with the version (the ETag) of the case you loaded.',
    ),
};

/** Field problems from a zod error; messages name the rule that failed, never the value. */
export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const field = path || '(body)';
    if (issue.code === 'unrecognized_keys') {
      // The names are the caller's own words, so they are counted, never sent back.
      const count = issue.keys.length;
      return {
        field,
        message: `Remove the ${count === 1 ? 'field' : `${count} fields`} this form does not have: check the names against the API document (/openapi.json)`,
      };
    }
    return { field, message: issue.message };
  });
}
