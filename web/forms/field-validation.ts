// Checks answers with the command's own schemas, field by field, and says what is wrong in the
// reader's language: the locale's message for the field ("Enter the person's name"), or a
// general one naming the field. Messages never repeat what was entered.
import { type z } from 'zod';
import { FREE_TEXT_RULE } from '../../events/common.js';
import { hasTranslation, type Locale, type Translator } from '../i18n/translator.js';
import { type RawAnswers, commandValue, fieldAnchor } from './field-answers.js';
import { type FieldSpec } from './field-spec.js';
import { schemaAtPath, setAtPath } from './schema-at-path.js';

export interface FieldError {
  /** The field's name (its inline message). */
  name: string;
  /** The error summary's link: #<id of the field's first input>. */
  href: string;
  text: string;
}

type Problem = 'required' | 'invalid' | 'tooLong' | 'tooMany' | 'characters';

function problemOf(issue: z.core.$ZodIssue, value: unknown): Problem {
  if (value === undefined) return 'required';
  if (issue.code === 'custom' && issue.params?.rule === FREE_TEXT_RULE) return 'characters';
  if (issue.code === 'too_small' && (typeof value === 'string' || Array.isArray(value)) && Number(issue.minimum) <= 1)
    return 'required';
  if (issue.code === 'too_big')
    return Array.isArray(value) ? 'tooMany' : typeof value === 'string' ? 'tooLong' : 'invalid';
  return 'invalid';
}

export function fieldMessage(
  field: FieldSpec,
  problem: Problem,
  locale: Locale,
  t: Translator,
  maximum?: number,
): string {
  const own = `fields.${field.name}.errors.${problem}`;
  if (hasTranslation(locale, own)) return t(own, maximum === undefined ? {} : { max: maximum });
  const label = t(`fields.${field.name}.label`);
  return t(`errors.field.${problem}`, { label: label.charAt(0).toLowerCase() + label.slice(1), max: maximum ?? '' });
}

function errorFor(
  field: FieldSpec,
  issue: z.core.$ZodIssue,
  value: unknown,
  locale: Locale,
  t: Translator,
): FieldError {
  const problem = problemOf(issue, value);
  const maximum = issue.code === 'too_big' ? Number(issue.maximum) : undefined;
  return { name: field.name, href: `#${fieldAnchor(field)}`, text: fieldMessage(field, problem, locale, t, maximum) };
}

export interface FieldCheck {
  /** The answers as the command takes them, set at their paths (undefined answers left out). */
  command: Record<string, unknown>;
  errors: FieldError[];
}

/** `into` collects the answers of several pages into one command. */
export function checkFields(
  fields: readonly FieldSpec[],
  raw: RawAnswers,
  schema: z.ZodObject,
  locale: Locale,
  t: Translator,
  into: Record<string, unknown> = {},
): FieldCheck {
  const command = into;
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = commandValue(field, raw);
    const parsed = schemaAtPath(schema, field.path).safeParse(value);
    if (!parsed.success) {
      errors.push(errorFor(field, parsed.error.issues[0] as z.core.$ZodIssue, value, locale, t));
      continue;
    }
    if (parsed.data !== undefined) setAtPath(command, field.path, parsed.data);
  }
  return { command, errors };
}

/**
 * Issues the whole command's schema found (its rules across fields, such as a date of birth after
 * the day of the referral), on the fields they concern. Issues on no field of these are left out.
 */
export function errorsOnFields(
  fields: readonly FieldSpec[],
  issues: readonly z.core.$ZodIssue[],
  raw: RawAnswers,
  locale: Locale,
  t: Translator,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const field = fields.find((candidate) => path === candidate.path || path.startsWith(`${candidate.path}.`));
    if (field && !errors.some((error) => error.name === field.name))
      errors.push(errorFor(field, issue, commandValue(field, raw), locale, t));
  }
  return errors;
}
