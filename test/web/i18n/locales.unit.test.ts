// Every string of the pages in both languages: the two locale files have the same keys, and
// every key the views and page code name, every step, question, option, event, refusal and
// statistics table has its string in English and in Welsh.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referralErrorCodes } from '../../../domain/referral/errors.js';
import { Measure, TableName } from '../../../domain/statistics/index.js';
import { eventTypes } from '../../../events/catalogue.js';
import { caseActionForms } from '../../../web/cases/case-action-forms.js';
import { hasTranslation, keysOf, localeTree, locales, translatorFor } from '../../../web/i18n/translator.js';
import { agencyFields, referralSections, referralSteps } from '../../../web/referral-form/referral-steps.js';
import { ACTORS_WITHOUT_DESTINATION } from '../../../web/cases/timeline-entries.js';

function filesUnder(folder: string, extension: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Keys named literally: t('a.b') in views and code. */
function literalKeys(): string[] {
  const sources = [...filesUnder('web', '.ts'), ...filesUnder('web/views', '.njk')];
  const keys = new Set<string>();
  for (const file of sources) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g))
      keys.add(match[1] as string);
  }
  return [...keys];
}

function expectEverywhere(keys: readonly string[]): void {
  for (const locale of locales) {
    const missing = keys.filter((key) => !hasTranslation(locale, key));
    expect(missing, `missing from ${locale}.json`).toEqual([]);
  }
}

describe('the locale files', () => {
  it('have exactly the same keys in English and Welsh, none empty where the other is not', () => {
    const en = keysOf(localeTree('en'));
    const cy = keysOf(localeTree('cy'));
    expect(
      cy.filter((key) => !en.includes(key)),
      'only in cy.json',
    ).toEqual([]);
    expect(
      en.filter((key) => !cy.includes(key)),
      'only in en.json',
    ).toEqual([]);
    const t = { en: translatorFor('en'), cy: translatorFor('cy') };
    expect(en.filter((key) => (t.en(key) === '') !== (t.cy(key) === ''))).toEqual([]);
  });

  it('hold every key the views and page code name', () => {
    const keys = literalKeys();
    expect(keys.length).toBeGreaterThan(50);
    expectEverywhere(keys);
  });

  it('hold every step, question and option of the referral form and of the case actions', () => {
    const fields = [
      ...referralSteps.flatMap((step) => step.fields),
      ...agencyFields,
      ...caseActionForms.flatMap((form) => form.fields),
    ];
    expectEverywhere([
      ...referralSteps.flatMap((step) => [`steps.${step.id}.title`, `steps.${step.id}.intro`]),
      ...fields.map((field) => `fields.${field.name}.label`),
      ...fields.flatMap((field) =>
        (field.options ?? []).flatMap((option) => ('key' in option.text ? [option.text.key] : [])),
      ),
      ...caseActionForms.flatMap((form) => [`actions.${form.id}.title`, `actions.${form.id}.button`]),
      ...caseActionForms
        .filter((form) => form.cannotBeUndone)
        .flatMap((form) => [`actions.${form.id}.explanation.1`, `actions.${form.id}.done`]),
      ...referralSections.flatMap((section) => [`check.sections.${section.id}`, `case.sections.${section.id}`]),
      ...[...ACTORS_WITHOUT_DESTINATION].map((role) => `case.timeline.actors.${role}`),
    ]);
  });

  it("hold every event's name, every refusal of the referral's rules and every statistics heading", () => {
    expectEverywhere([
      ...eventTypes.map((type) => `events.${type}`),
      ...referralErrorCodes.map((code) => `referralErrors.${code}`),
      ...TableName.options.flatMap((name) => [`statistics.tables.${name}`, `statistics.rowHeadings.${name}`]),
      ...Measure.options.map((measure) => `statistics.measures.${measure}`),
    ]);
  });

  it('refuse a key that is missing, naming it', () => {
    expect(() => translatorFor('cy')('no.such.key')).toThrow(/the cy locale has no string for "no.such.key"/);
    expect(translatorFor('cy')('nav.signedInAs', { name: 'Cerys' })).toBe('Wedi mewngofnodi fel Cerys');
  });
});
