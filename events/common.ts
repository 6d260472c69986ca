// Field schemas several events share.
import * as z from 'zod';

/**
 * Characters free text may not hold: C0 and C1 control characters other than tab, line feed and
 * carriage return (browsers send a textarea's line breaks as CR LF), the bidirectional
 * embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069), which reorder what a
 * reader sees, and lone surrogates (not text at all).
 */
const FORBIDDEN_IN_FREE_TEXT =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule's message (it names the rule, never the value); the web pages word it from `params.rule`. */
export const FREE_TEXT_CHARACTERS_MESSAGE =
  'must not contain control characters or characters that change the direction of text';
export const FREE_TEXT_RULE = 'free-text-characters';

export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN_IN_FREE_TEXT.test(text);
}

/** Text a person typed, trimmed, 1 to `max` characters, without hidden or reordering characters. */
export function FreeText(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !hasForbiddenCharacters(text), {
      message: FREE_TEXT_CHARACTERS_MESSAGE,
      params: { rule: FREE_TEXT_RULE },
    });
}

export const ShortText = FreeText(200);
export const LongText = FreeText(10_000);
export const DestinationId = z
  .string()
  .regex(
    /^(police|la|vsh|ctp):[A-Z0-9-]{3,40}$|^national-triage$/,
    'a destination id is police:<code>, la:<code>, vsh:<code>, ctp:<region code> or national-triage',
  );
export const AreaCode = z.string().regex(/^[A-Z][0-9]{8}$/, 'an area code is an ONS GSS code such as E08000026');
export const NamedArea = z.strictObject({ code: z.string().min(1).max(40), name: z.string().min(1).max(200) });
export const Gender = z.enum(['female', 'male', 'other', 'unknown']);
export type Gender = z.infer<typeof Gender>;
export const Postcode = FreeText(10).min(2);
