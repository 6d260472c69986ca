// The readable copy of a subject access export, for the person: a self-contained HTML page (no
// script, no outside resources) with what is disclosed only. The officer's record (exemptions and
// their grounds) is never on it. Every value is escaped. Its words are given in the person's
// language: English or Welsh for the API (the Welsh are web/locales/cy.json's, which functions/
// may not import: a test holds them equal); the pages pass those of their locale files.
import { auditActionWords, recordedEventWords } from './recorded-words.js';
import { type SubjectAccessExport } from './subject-access.js';

/** The page's words, with {placeholders}. */
export interface SubjectAccessWords {
  lang: string;
  title: string;
  produced: string;
  nothingHeld: string;
  referral: string;
  received: string;
  dateNotKnown: string;
  none: string;
  recorded: string;
  recordedBy: string;
  aboutYou: string;
  readBy: string;
  when: string;
  organisation: string;
  role: string;
  what: string;
  erasedHeading: string;
  erased: string;
  /** The reader's words for roles and where a case stands (options.role, options.caseStatus); the recorded value where none is given. */
  roles?: Readonly<Record<string, string>>;
  statuses?: Readonly<Record<string, string>>;
  /** What each recorded event was (by event type) and each audited action (subjectAccess.events, .auditActions). */
  events: Readonly<Record<string, string>>;
  auditActions: Readonly<Record<string, string>>;
}

export const englishSubjectAccessWords: SubjectAccessWords = {
  lang: 'en',
  title: 'Your personal data held by the Prevent referral service',
  produced: 'Produced {at} in answer to your subject access request.',
  nothingHeld: 'The service holds no personal data about you that can be disclosed.',
  referral: 'Referral {reference}',
  received: 'Received {at}. Where it stands: {status}. Organisations that hold it: {organisations}.',
  dateNotKnown: 'date not known',
  none: 'none',
  recorded: 'What was recorded',
  recordedBy: '{what}, {at}, by {role} of {organisation}',
  aboutYou: 'About you:',
  readBy: 'Who read it',
  when: 'When',
  organisation: 'Organisation',
  role: 'Role',
  what: 'What',
  erasedHeading: 'Erased',
  erased: 'Referral {reference}: the personal data was erased on {at}. Nothing about you is held from it.',
  events: recordedEventWords.en,
  auditActions: auditActionWords.en,
};

export const welshSubjectAccessWords: SubjectAccessWords = {
  lang: 'cy',
  title: 'Eich data personol a ddelir gan wasanaeth atgyfeirio Prevent',
  produced: "Cynhyrchwyd {at} mewn ymateb i'ch cais am fynediad at ddata.",
  nothingHeld: 'Nid oes gan y gwasanaeth ddata personol amdanoch y gellir ei ddatgelu.',
  referral: 'Atgyfeiriad {reference}',
  received: "Derbyniwyd {at}. Ble mae'n sefyll: {status}. Sefydliadau sy'n ei ddal: {organisations}.",
  dateNotKnown: 'dyddiad heb ei wybod',
  none: 'dim',
  recorded: 'Yr hyn a gofnodwyd',
  recordedBy: '{what}, {at}, gan {role} o {organisation}',
  aboutYou: 'Amdanoch chi:',
  readBy: "Pwy a'i darllenodd",
  when: 'Pryd',
  organisation: 'Sefydliad',
  role: 'Rôl',
  what: 'Beth',
  erasedHeading: "Wedi'i ddileu",
  erased: 'Atgyfeiriad {reference}: dilëwyd y data personol ar {at}. Nid oes dim amdanoch yn cael ei ddal ohono.',
  roles: {
    referrer: 'atgyfeiriwr',
    'police-prevent-officer': 'swyddog Prevent yr heddlu',
    'local-authority-prevent-lead': 'arweinydd Prevent yr awdurdod lleol',
    'channel-chair': 'cadeirydd panel Channel',
    'hub-clinician': 'clinigydd yr hyb',
    analyst: 'dadansoddwr',
    administrator: 'gweinyddwr',
    system: 'y gwasanaeth',
    'organisation-administrator': 'gweinyddwr y sefydliad',
    'data-protection-officer': 'swyddog diogelu data',
    'regional-prevent-hub-officer': 'swyddog hyb Prevent rhanbarthol',
  },
  statuses: {
    'not-submitted': 'Heb ei gyflwyno',
    submitted: "Wedi'i gyflwyno",
    routed: "Wedi'i anfon",
    'gateway-assessment': 'Asesiad porth',
    'hub-assessment': 'Asesiad yr Hyb Cymorth Bregusrwydd',
    channel: 'Channel',
    supported: 'Yn cael cymorth',
    'post-exit': 'Ar ôl Channel',
    closed: 'Wedi cau',
    'police-case-management': 'Rheoli achos dan arweiniad yr heddlu',
  },
  events: recordedEventWords.cy,
  auditActions: auditActionWords.cy,
};

export type SubjectAccessLanguage = 'en' | 'cy';

/** The words of the export in the person's language. */
export function subjectAccessWordsIn(language: SubjectAccessLanguage): SubjectAccessWords {
  return language === 'cy' ? welshSubjectAccessWords : englishSubjectAccessWords;
}

/**
 * The language the export is asked for: `lang` in the query when given, else the first of
 * Accept-Language's languages that is Welsh or English (q-values honoured), else English.
 */
export function subjectAccessLanguage(
  lang: SubjectAccessLanguage | undefined,
  acceptLanguage: string | undefined,
): SubjectAccessLanguage {
  if (lang) return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { primary: tag.split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => (entry.primary === 'cy' || entry.primary === 'en') && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.primary === 'cy' ? 'cy' : 'en';
}

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character,
  );

/** A template's placeholders filled with escaped values (the template itself is the service's own text, escaped too). */
const fill = (template: string, values: Record<string, string> = {}): string =>
  escape(template).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? escape(values[name]!) : whole));

/** A recorded value as lines of "name: value", nested values indented. */
function describe(value: unknown, indent = ''): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [`${indent}${String(value)}`];
  if (Array.isArray(value)) return value.flatMap((item) => describe(item, indent));
  return Object.entries(value as Record<string, unknown>).flatMap(([name, inner]) =>
    inner !== null && typeof inner === 'object'
      ? [`${indent}${name}:`, ...describe(inner, `${indent}  `)]
      : [`${indent}${name}: ${String(inner)}`],
  );
}

const block = (value: unknown): string => `<pre>${escape(describe(value).join('\n'))}</pre>`;

export function subjectAccessPage(
  data: SubjectAccessExport,
  words: SubjectAccessWords = englishSubjectAccessWords,
): string {
  const { referrals, erased } = data.disclosure;
  const sections = referrals.map(
    (referral) => `
<section>
<h2>${fill(words.referral, { reference: referral.reference })}</h2>
<p>${fill(words.received, {
      at: referral.submittedAt ?? words.dateNotKnown,
      status: words.statuses?.[referral.status] ?? referral.status,
      organisations: referral.organisations.join(', ') || words.none,
    })}</p>
<h3>${fill(words.recorded)}</h3>
<ol>${referral.history
      .map(
        (event) =>
          `<li><p>${fill(words.recordedBy, { what: words.events[event.type] ?? event.describes, at: event.occurredAt, role: words.roles?.[event.by.role] ?? event.by.role, organisation: event.by.organisation })}</p>${block(event.recorded)}${event.aboutThePerson !== undefined ? `<p>${fill(words.aboutYou)}</p>${block(event.aboutThePerson)}` : ''}</li>`,
      )
      .join('\n')}</ol>
<h3>${fill(words.readBy)}</h3>
<table><thead><tr><th scope="col">${fill(words.when)}</th><th scope="col">${fill(words.organisation)}</th><th scope="col">${fill(words.role)}</th><th scope="col">${fill(words.what)}</th></tr></thead>
<tbody>${referral.readBy
      .map(
        (read) =>
          `<tr><td>${escape(read.at)}</td><td>${escape(read.organisation)}</td><td>${escape(words.roles?.[read.role] ?? read.role)}</td><td>${escape(words.auditActions[read.action] ?? read.action)}</td></tr>`,
      )
      .join('\n')}</tbody></table>
</section>`,
  );
  const erasedList = erased.length
    ? `<section><h2>${fill(words.erasedHeading)}</h2><ul>${erased
        .map((item) => `<li>${fill(words.erased, { reference: item.reference, at: item.erasedAt })}</li>`)
        .join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${escape(words.lang)}">
<head><meta charset="utf-8"><title>${fill(words.title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;line-height:1.4}pre{white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.3em;text-align:left}</style></head>
<body><main>
<h1>${fill(words.title)}</h1>
<p>${fill(words.produced, { at: data.producedAt })}</p>
${referrals.length === 0 && erased.length === 0 ? `<p>${fill(words.nothingHeld)}</p>` : ''}
${sections.join('\n')}
${erasedList}
</main></body></html>`;
}
