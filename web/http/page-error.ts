// A page that cannot be shown, said in the reader's language: the status and the locale key of
// the explanation. Never carries a value from the request.
export class PageError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 500,
    readonly messageKey: string,
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
};
