// Answers as entered (strings, kept in the session and shown again) and as the command wants them
// (booleans, numbers, ISO dates, lists). Reading never fails: what cannot be converted is passed
// on as it is, and the command's schema says what is wrong with it.
import { type FormFields } from '../http/form-body.js';
import { type FieldSpec } from './field-spec.js';

export type RawAnswers = Record<string, string | string[]>;

const DATE_PARTS = ['day', 'month', 'year'] as const;

/** The raw answers of these fields from a posted form. */
export function readAnswers(fields: readonly FieldSpec[], form: FormFields): RawAnswers {
  const out: RawAnswers = {};
  for (const field of fields) {
    if (field.kind === 'date') {
      for (const part of DATE_PARTS) out[`${field.name}-${part}`] = (form.get(`${field.name}-${part}`) ?? '').trim();
    } else if (field.kind === 'checkboxes' || field.kind === 'flags') {
      const allowed = new Set((field.options ?? []).map((option) => option.value));
      out[field.name] = form.all(field.name).filter((value) => allowed.has(value));
    } else {
      out[field.name] = form.get(field.name) ?? '';
    }
  }
  return out;
}

function text(raw: RawAnswers, name: string): string {
  const value = raw[name];
  return typeof value === 'string' ? value.trim() : '';
}

function list(raw: RawAnswers, name: string): string[] {
  const value = raw[name];
  return Array.isArray(value) ? value : [];
}

/** One field's answer as the command takes it; undefined (or the field's absentAs) when not answered. */
export function commandValue(field: FieldSpec, raw: RawAnswers): unknown {
  const value = answerValue(field, raw);
  return value === undefined && field.absentAs !== undefined ? field.absentAs : value;
}

function answerValue(field: FieldSpec, raw: RawAnswers): unknown {
  switch (field.kind) {
    case 'text':
    case 'email':
    case 'tel':
    case 'textarea':
    case 'radios': {
      const value = text(raw, field.name);
      return value === '' ? undefined : value;
    }
    case 'number': {
      const value = text(raw, field.name);
      if (value === '') return undefined;
      return /^[0-9]{1,4}$/.test(value) ? Number(value) : value;
    }
    case 'yes-no': {
      const value = text(raw, field.name);
      return value === 'yes' ? true : value === 'no' ? false : undefined;
    }
    case 'date': {
      const [day, month, year] = DATE_PARTS.map((part) => text(raw, `${field.name}-${part}`));
      if (!day && !month && !year) return undefined;
      if (!/^[0-9]{1,2}$/.test(day ?? '') || !/^[0-9]{1,2}$/.test(month ?? '') || !/^[0-9]{4}$/.test(year ?? ''))
        return 'not-a-date';
      const iso = `${year}-${(month as string).padStart(2, '0')}-${(day as string).padStart(2, '0')}`;
      const date = new Date(`${iso}T00:00:00Z`);
      return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? 'not-a-date' : iso;
    }
    case 'checkboxes':
      return list(raw, field.name);
    case 'flags': {
      const ticked = new Set(list(raw, field.name));
      return Object.fromEntries((field.options ?? []).map((option) => [option.value, ticked.has(option.value)]));
    }
    case 'list':
      return text(raw, field.name)
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
  }
}

/** The id an error summary links to: the field's input, or the first of its inputs. */
export function fieldAnchor(field: FieldSpec): string {
  return field.kind === 'date' ? `${field.name}-day` : field.name;
}
