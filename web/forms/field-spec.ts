// One question of a form page: its name (the form field, its id and its locale keys under
// fields.<name>), where its answer goes in the command (a dotted path, whose schema in the
// command validates it: no second schema for the same field), and how it is asked.
import { type Locale, type Translator } from '../i18n/translator.js';

export type FieldKind =
  'text' | 'email' | 'tel' | 'textarea' | 'number' | 'date' | 'radios' | 'checkboxes' | 'yes-no' | 'flags' | 'list';

/** An option's text: a locale key, or the reference data's own en/cy labels. */
export type OptionText = { key: string } | { en: string; cy: string };

export interface FieldOption {
  value: string;
  text: OptionText;
}

export interface FieldSpec {
  name: string;
  /** Dotted path into the command: "personal.person.name". */
  path: string;
  kind: FieldKind;
  /** radios, checkboxes; for flags, each value is a boolean property under `path`. */
  options?: readonly FieldOption[];
  autocomplete?: string;
  /** Input width class (govuk-input--width-N) for short answers. */
  width?: 2 | 3 | 4 | 5 | 10 | 20;
  /** What an unanswered question means to the command when it is not simply left out (a nullable field). */
  absentAs?: null;
}

export function optionText(text: OptionText, locale: Locale, t: Translator): string {
  return 'key' in text ? t(text.key) : text[locale];
}

/** Options of a zod enum, labelled from the locale file under options.<group>.<value>. */
export function enumOptions(group: string, values: readonly string[]): FieldOption[] {
  return values.map((value) => ({ value, text: { key: `options.${group}.${value}` } }));
}

/** Options from versioned reference data (en and cy labels in data/reference). */
export function referenceOptions(items: readonly { code: string; en: string; cy: string }[]): FieldOption[] {
  return items.map((item) => ({ value: item.code, text: { en: item.en, cy: item.cy } }));
}
