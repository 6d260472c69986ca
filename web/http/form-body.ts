// A posted form (application/x-www-form-urlencoded), read into names and their values. Checkboxes
// send a name several times, so every name keeps all its values. Bounded in size and count.
import * as z from 'zod';

export const MAX_FORM_BYTES = 32 * 1024;
const MAX_FIELDS = 200;

export class FormBodyError extends Error {
  constructor(readonly reason: 'too-large' | 'wrong-content-type' | 'too-many-fields') {
    super(`the form could not be read (${reason})`);
    this.name = 'FormBodyError';
  }
}

export class FormFields {
  private constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  static empty(): FormFields {
    return new FormFields(new Map());
  }

  static parse(body: string | undefined, contentType: string | undefined): FormFields {
    if (body === undefined || body === '') return FormFields.empty();
    if (!/^application\/x-www-form-urlencoded(\s*;.*)?$/i.test((contentType ?? '').trim()))
      throw new FormBodyError('wrong-content-type');
    if (Buffer.byteLength(body, 'utf8') > MAX_FORM_BYTES) throw new FormBodyError('too-large');
    const values = new Map<string, string[]>();
    let count = 0;
    for (const [name, value] of new URLSearchParams(body)) {
      count += 1;
      if (count > MAX_FIELDS) throw new FormBodyError('too-many-fields');
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
    }
    return new FormFields(values);
  }

  /** The first value of a field, or undefined. */
  get(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  all(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }
}

/** A hidden field the pages send back unchanged (versions, keys): short and plain. */
export const HiddenToken = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
