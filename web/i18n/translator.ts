// Every string the pages show comes from a locale file (web/locales/en.json, cy.json), looked up
// by a dotted key, with {placeholders} filled in. A key missing from a locale is a programming
// error: it throws, and a unit test checks that both files have exactly the same keys.
// The files are read from beside the pages' views (web-files.ts; the build copies web/locales
// into the bundle's folder, infra/bundling.ts), each the first time its language is asked for:
// the Lambda's code does not carry 144 KiB of strings, and a cold start parses none of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { locateWebFiles } from '../web-files.js';

export const Locale = z.enum(['en', 'cy']);
export type Locale = z.infer<typeof Locale>;
export const locales: readonly Locale[] = Locale.options;

export type Translator = (key: string, values?: Readonly<Record<string, string | number>>) => string;

export interface LocaleTree {
  [key: string]: string | LocaleTree;
}

const trees = new Map<Locale, LocaleTree>();

/** A locale file as it is written (web/locales/<locale>.json), read once. */
export function localeTree(locale: Locale): LocaleTree {
  let tree = trees.get(locale);
  if (!tree) {
    tree = JSON.parse(
      readFileSync(join(locateWebFiles().root, 'web', 'locales', `${locale}.json`), 'utf8'),
    ) as LocaleTree;
    trees.set(locale, tree);
  }
  return tree;
}

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

const flattened = new Map<Locale, ReadonlyMap<string, string>>();

/** Every string of a locale by its dotted key, flattened the first time the locale is asked for. */
function stringsOf(locale: Locale): ReadonlyMap<string, string> {
  let strings = flattened.get(locale);
  if (!strings) {
    strings = flatten(localeTree(locale));
    flattened.set(locale, strings);
  }
  return strings;
}

export function hasTranslation(locale: Locale, key: string): boolean {
  return stringsOf(locale).has(key);
}

export function translatorFor(locale: Locale): Translator {
  const strings = stringsOf(locale);
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
