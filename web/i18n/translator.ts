// Every string the pages show comes from a locale file (web/locales/en.json, cy.json), looked up
// by a dotted key, with {placeholders} filled in. A key missing from a locale is a programming
// error: it throws, and a unit test checks that both files have exactly the same keys.
import * as z from 'zod';
import en from '../locales/en.json' with { type: 'json' };
import cy from '../locales/cy.json' with { type: 'json' };

export const Locale = z.enum(['en', 'cy']);
export type Locale = z.infer<typeof Locale>;
export const locales: readonly Locale[] = Locale.options;

export type Translator = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export interface LocaleTree {
  [key: string]: string | LocaleTree;
}

export const localeFiles: Readonly<Record<Locale, LocaleTree>> = { en, cy };

export class MissingTranslationError extends Error {
  constructor(locale: Locale, key: string) {
    super(`the ${locale} locale has no string for "${key}"`);
    this.name = 'MissingTranslationError';
  }
}

/** Every key of a locale tree, dotted, in file order. */
export function keysOf(tree: LocaleTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'string' ? [`${prefix}${name}`] : keysOf(value, `${prefix}${name}.`),
  );
}

function flatten(tree: LocaleTree): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const walk = (node: LocaleTree, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') out.set(`${prefix}${name}`, value);
      else walk(value, `${prefix}${name}.`);
    }
  };
  walk(tree, '');
  return out;
}

const flattened = new Map(locales.map((locale) => [locale, flatten(localeFiles[locale])]));

export function hasTranslation(locale: Locale, key: string): boolean {
  return flattened.get(locale)?.has(key) ?? false;
}

export function translatorFor(locale: Locale): Translator {
  const strings = flattened.get(locale) as ReadonlyMap<string, string>;
  return (key, values) => {
    const template = strings.get(key);
    if (template === undefined) throw new MissingTranslationError(locale, key);
    return values
      ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
      : template;
  };
}

/** A label from the versioned reference data (which carries en and cy labels itself). */
export function referenceLabel(item: { en: string; cy: string }, locale: Locale): string {
  return item[locale];
}
