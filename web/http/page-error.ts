// A page that cannot be shown, said in the reader's language: the status and the locale key of
// the explanation. Never carries a value from the request.
export class PageError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 429 | 500,
    readonly messageKey: string,
    /** Values the message names (how long to wait), never from the request. */
    readonly messageValues: Readonly<Record<string, string | number>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`page error ${status} (${messageKey})`);
    this.name = 'PageError';
  }
}

export const pageErrors = {
  notFound: () => new PageError(404, 'errors.page.notFound'),
  forbidden: () => new PageError(403, 'errors.page.forbidden'),
  formExpired: () => new PageError(403, 'errors.page.formExpired'),
  badForm: () => new PageError(400, 'errors.page.badForm'),
  methodNotAllowed: () => new PageError(405, 'errors.page.methodNotAllowed'),
  /** Too many submissions from this address: wait `minutes` (at least 2, so the words read "minutes"; Retry-After in seconds). */
  tooManySubmissions: (retryAfterSeconds: number) =>
    new PageError(
      429,
      'errors.page.tooManySubmissions',
      { minutes: Math.max(2, Math.ceil(retryAfterSeconds / 60)) },
      { 'retry-after': String(retryAfterSeconds) },
    ),
};
