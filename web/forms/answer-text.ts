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

// Built on first use, not at the web function's cold start (a formatter with a time zone loads its rules).
let londonClockFormatter: Intl.DateTimeFormat | undefined;
const londonClock = (): Intl.DateTimeFormat =>
  (londonClockFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));

/** An instant as people in England and Wales read it: "22 November 2026 at 14:05", UK time. */
export function formatDateTime(iso: string, locale: Locale, t: Translator): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  // One formatting of the instant, its parts read by type (not formatted again for each part).
  const parts = londonClock().formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? '';
  return t('common.dateTime', {
    date: formatDate(`${part('year')}-${part('month')}-${part('day')}`, locale, t),
    time: `${part('hour')}:${part('minute')}`,
  });
}

/** Items joined as a sentence says them: "A, B and C" ("A, B ac C" before a vowel in Welsh). */
export function listText(items: readonly string[], t: Translator): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items.at(-1) as string;
  const and = /^[aeiouwyâêîôûŵŷAEIOUWY]/.test(last) ? t('common.andBeforeVowel') : t('common.and');
  return `${items.slice(0, -1).join(', ')} ${and} ${last}`;
}
