// An answer as a person reads it back (check your answers, case pages): option labels in the
// reader's language, Yes / No, dates written out, lists one item a line.
import { type Locale, type Translator } from '../i18n/translator.js';
import { type RawAnswers, commandValue } from './field-answers.js';
import { type FieldSpec, optionText } from './field-spec.js';

export function formatDate(iso: string, locale: Locale, t: Translator): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})/.exec(iso);
  if (!match) return iso;
  return `${Number(match[3])} ${t(`common.months.${Number(match[2])}`)} ${match[1]}`;
}

/** Lines of text for an answer; an empty list when it was not given. */
export function answerLines(field: FieldSpec, raw: RawAnswers, locale: Locale, t: Translator): string[] {
  const value = commandValue(field, raw);
  if (value === undefined || value === null) return [];
  const label = (code: string) => {
    const option = field.options?.find((candidate) => candidate.value === code);
    return option ? optionText(option.text, locale, t) : code;
  };
  switch (field.kind) {
    case 'yes-no':
      return [t(value ? 'common.yes' : 'common.no')];
    case 'radios':
      return [label(String(value))];
    case 'checkboxes':
      return (value as string[]).map(label);
    case 'flags':
      return Object.entries(value as Record<string, boolean>)
        .filter(([, ticked]) => ticked)
        .map(([code]) => label(code));
    case 'date':
      return [formatDate(String(value), locale, t)];
    case 'list':
      return [(value as string[]).join(', ')];
    default:
      return String(value).split('\n');
  }
}
