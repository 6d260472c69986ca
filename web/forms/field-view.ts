// What a view needs to ask one question: texts in the reader's language, the answer given so far,
// and the inline error. The view (views/partials/fields.njk) turns it into GOV.UK components.
import { hasTranslation, type Locale, type Translator } from '../i18n/translator.js';
import { type RawAnswers } from './field-answers.js';
import { type FieldSpec, optionText } from './field-spec.js';
import { type FieldError } from './field-validation.js';

export interface FieldView {
  kind: FieldSpec['kind'];
  name: string;
  label: string;
  hint?: string;
  value: string;
  values: string[];
  date: { day: string; month: string; year: string };
  items: { value: string; text: string; checked: boolean }[];
  errorMessage?: { text: string };
  autocomplete?: string;
  width?: number;
  /** The step's only question: its label is the page's heading. */
  isPageHeading: boolean;
}

export function fieldViews(
  fields: readonly FieldSpec[],
  raw: RawAnswers,
  errors: readonly FieldError[],
  locale: Locale,
  t: Translator,
  options: { headingFor?: string } = {},
): FieldView[] {
  const single = fields.length === 1;
  return fields.map((field) => {
    const answer = raw[field.name];
    const value = typeof answer === 'string' ? answer : '';
    const values = Array.isArray(answer) ? answer : [];
    const hintKey = `fields.${field.name}.hint`;
    const error = errors.find((candidate) => candidate.name === field.name);
    const yesNo =
      field.kind === 'yes-no'
        ? [
            { value: 'yes', text: { key: 'common.yes' } },
            { value: 'no', text: { key: 'common.no' } },
          ]
        : undefined;
    return {
      kind: field.kind,
      name: field.name,
      label: single && options.headingFor ? options.headingFor : t(`fields.${field.name}.label`),
      ...(hasTranslation(locale, hintKey) ? { hint: t(hintKey) } : {}),
      value,
      values,
      date: {
        day: String(raw[`${field.name}-day`] ?? ''),
        month: String(raw[`${field.name}-month`] ?? ''),
        year: String(raw[`${field.name}-year`] ?? ''),
      },
      items: (yesNo ?? field.options ?? []).map((option) => ({
        value: option.value,
        text: optionText(option.text, locale, t),
        checked:
          field.kind === 'checkboxes' || field.kind === 'flags'
            ? values.includes(option.value)
            : value === option.value,
      })),
      ...(error ? { errorMessage: { text: error.text } } : {}),
      ...(field.autocomplete ? { autocomplete: field.autocomplete } : {}),
      ...(field.width ? { width: field.width } : {}),
      isPageHeading: single && Boolean(options.headingFor),
    };
  });
}
