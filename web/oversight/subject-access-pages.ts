// Subject access requests in pages, for the data protection officer: the person (name, date of
// birth, references they gave), any exemptions (a referral, the ground, why), check your answers,
// then the export: shown as a page, and downloaded as JSON or as the readable HTML for the person,
// in English or Welsh. Produced by the subject access service the API uses (matched through the
// blind index, every referral read recorded); after erasure it says the data was erased and when.
// The request is kept in the session's sealed part while it is prepared, never in an address.
import { roleAllows } from '../../domain/access/index.js';
import { Role } from '../../events/envelope.js';
import { eventTypes } from '../../events/catalogue.js';
import { auditActions } from '../../functions/api/oversight/recorded-words.js';
import { CaseStatus } from '../../functions/read-models/case-view.js';
import {
  EXEMPTION_GROUNDS,
  type SubjectAccess,
  type SubjectAccessExport,
  SubjectAccessRequest,
} from '../../functions/api/oversight/subject-access.js';
import { type SubjectAccessWords, subjectAccessPage } from '../../functions/api/oversight/subject-access-page.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { formatDate, formatDateTime } from '../forms/answer-text.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { type FieldSpec, enumOptions } from '../forms/field-spec.js';
import { type FieldError, checkFields } from '../forms/field-validation.js';
import { fieldViews } from '../forms/field-view.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, type PageRoute, redirect, view } from '../http/page-route.js';
import { Locale, type Translator, translatorFor } from '../i18n/translator.js';
import { type SessionContents } from '../session/session-contents.js';
import { viewerOf } from '../http/page-access.js';

const BASE = '/subject-access';

const nameField: FieldSpec = { name: 'sarName', path: 'person.name', kind: 'text', autocomplete: 'off', width: 20 };
const dateOfBirthField: FieldSpec = { name: 'sarDateOfBirth', path: 'person.dateOfBirth', kind: 'date' };
const referencesField: FieldSpec = { name: 'sarReferences', path: 'references', kind: 'list', width: 20 };
const personFields = [nameField, dateOfBirthField, referencesField];

/** One exemption, checked with the API's schema of an exemption. */
const exemptionFields: FieldSpec[] = [
  { name: 'exemptionReference', path: 'reference', kind: 'text', width: 10 },
  {
    name: 'exemptionGround',
    path: 'ground',
    kind: 'radios',
    options: enumOptions('exemptionGround', EXEMPTION_GROUNDS),
  },
  { name: 'exemptionExplanation', path: 'explanation', kind: 'textarea' },
];
const ExemptionSchema = SubjectAccessRequest.shape.exemptions.unwrap().element;

type Prepared = NonNullable<SessionContents['subjectAccess']>;

function officerOf(request: PageRequest): AuthenticatedViewer {
  const viewer = viewerOf(request.person);
  if (!roleAllows(viewer.role, 'subject-access-request')) throw pageErrors.forbidden();
  return viewer;
}

/** References as people type them: case and spaces forgiven. */
function upperCased(raw: RawAnswers, name: string): RawAnswers {
  const value = raw[name];
  return typeof value === 'string' ? { ...raw, [name]: value.toUpperCase() } : raw;
}

/** The export page's words in the reader's language (the locale files). */
export function subjectAccessWords(t: Translator, lang: string): SubjectAccessWords {
  const word = (key: keyof Omit<SubjectAccessWords, 'lang' | 'roles' | 'statuses' | 'events' | 'auditActions'>) =>
    t(`subjectAccess.export.${key}`);
  return {
    lang,
    title: word('title'),
    produced: word('produced'),
    nothingHeld: word('nothingHeld'),
    referral: word('referral'),
    received: word('received'),
    dateNotKnown: word('dateNotKnown'),
    none: word('none'),
    recorded: word('recorded'),
    recordedBy: word('recordedBy'),
    aboutYou: word('aboutYou'),
    readBy: word('readBy'),
    when: word('when'),
    organisation: word('organisation'),
    role: word('role'),
    what: word('what'),
    erasedHeading: word('erasedHeading'),
    erased: word('erased'),
    roles: Object.fromEntries(Role.options.map((role) => [role, t(`options.role.${role}`)])),
    statuses: Object.fromEntries(CaseStatus.options.map((status) => [status, t(`options.caseStatus.${status}`)])),
    events: Object.fromEntries(eventTypes.map((type) => [type, t(`subjectAccess.events.${type}`)])),
    auditActions: Object.fromEntries(auditActions.map((action) => [action, t(`subjectAccess.auditActions.${action}`)])),
  };
}

export function createSubjectAccessPages(deps: { subjectAccess: SubjectAccess }): PageRoute[] {
  /** One of the request's forms: its fields, what they are for, where they go. */
  function formPage(
    request: PageRequest,
    form: { key: 'person' | 'exemption'; fields: FieldSpec[]; action: string; button: string; backLink?: string },
    raw: RawAnswers,
    errors: FieldError[],
  ): PageResult {
    const { t, locale } = request;
    return view(
      'subject-access-form',
      {
        title: t(`subjectAccess.${form.key}Title`),
        intro: t(`subjectAccess.${form.key}Intro`),
        fields: fieldViews(form.fields, raw, errors, locale, t),
        errors,
        action: form.action,
        buttonText: t(form.button),
        ...(form.backLink ? { backLink: form.backLink } : {}),
      },
      errors.length ? 400 : 200,
    );
  }

  const personPage = (request: PageRequest, raw: RawAnswers, errors: FieldError[]) =>
    formPage(request, { key: 'person', fields: personFields, action: BASE, button: 'common.continue' }, raw, errors);

  const exemptionPage = (request: PageRequest, raw: RawAnswers, errors: FieldError[]) =>
    formPage(
      request,
      {
        key: 'exemption',
        fields: exemptionFields,
        action: `${BASE}/exemption`,
        button: 'subjectAccess.exemptionButton',
        backLink: `${BASE}/check`,
      },
      raw,
      errors,
    );

  function checkPage(request: PageRequest, prepared: Prepared, errors: FieldError[]): PageResult {
    const { t, locale } = request;
    return view(
      'subject-access-check',
      {
        title: t('subjectAccess.checkTitle'),
        errors,
        rows: [
          {
            key: t('fields.sarName.label'),
            value: prepared.person.name,
            href: `${BASE}#sarName`,
            hidden: t('subjectAccess.hidden.name'),
          },
          {
            key: t('fields.sarDateOfBirth.label'),
            value: formatDate(prepared.person.dateOfBirth, locale, t),
            href: `${BASE}#sarDateOfBirth-day`,
            hidden: t('subjectAccess.hidden.dateOfBirth'),
          },
          {
            key: t('fields.sarReferences.label'),
            value: prepared.references.join(', ') || t('common.none'),
            href: `${BASE}#sarReferences`,
            hidden: t('subjectAccess.hidden.references'),
          },
        ],
        exemptions: prepared.exemptions.map((exemption) => ({
          reference: exemption.reference,
          ground: t(`options.exemptionGround.${exemption.ground}`),
          explanation: exemption.explanation,
        })),
        backLink: BASE,
      },
      errors.length ? 400 : 200,
    );
  }

  /** The officer's prepared request (refused to anyone but a data protection officer), or null. */
  function preparedOf(request: PageRequest): Prepared | null {
    officerOf(request);
    return request.session.contents.subjectAccess ?? null;
  }

  /** The export of the prepared request, for a download: there is none without a request that holds. */
  async function exportOf(request: PageRequest) {
    const prepared = preparedOf(request);
    if (!prepared) throw pageErrors.notFound();
    const outcome = await produce(request, prepared);
    if (!outcome.ok) throw pageErrors.badForm();
    return outcome.export;
  }

  async function produce(request: PageRequest, prepared: Prepared) {
    const viewer = officerOf(request);
    const outcome = await deps.subjectAccess.produce(
      viewer,
      SubjectAccessRequest.parse(prepared),
      request.correlationId,
    );
    if (!outcome.ok && outcome.error === 'forbidden') throw pageErrors.forbidden();
    return outcome;
  }

  function resultPage(request: PageRequest, data: SubjectAccessExport): PageResult {
    const { t, locale } = request;
    return view('subject-access-result', {
      title: t('subjectAccess.resultTitle'),
      produced: formatDateTime(data.producedAt, locale, t),
      referrals: data.disclosure.referrals.map((referral) => ({
        reference: referral.reference,
        status: referral.status,
        submitted: referral.submittedAt ? formatDateTime(referral.submittedAt, locale, t) : t('common.notKnown'),
        organisations: referral.organisations.join(', ') || t('common.none'),
        recorded: referral.history.length,
        reads: referral.readBy.length,
      })),
      erased: data.disclosure.erased.map((item) => ({
        reference: item.reference,
        text: t('subjectAccess.erased', { reference: item.reference, at: formatDateTime(item.erasedAt, locale, t) }),
      })),
      withheld: data.officerRecord.exemptions.map((exemption) => ({
        reference: exemption.reference,
        ground: t(`options.exemptionGround.${exemption.ground}`),
      })),
      matched: data.officerRecord.matchedReferrals,
      downloads: [
        { href: `${BASE}/export.json`, text: t('subjectAccess.downloadJson') },
        { href: `${BASE}/export.html?language=en`, text: t('subjectAccess.downloadHtmlEnglish') },
        { href: `${BASE}/export.html?language=cy`, text: t('subjectAccess.downloadHtmlWelsh') },
      ],
    });
  }

  return [
    {
      method: 'GET',
      path: BASE,
      access: 'signed-in',
      async handle(request) {
        const prepared = preparedOf(request);
        const raw: RawAnswers = prepared
          ? (() => {
              const [year = '', month = '', day = ''] = prepared.person.dateOfBirth.split('-');
              return {
                sarName: prepared.person.name,
                'sarDateOfBirth-day': day,
                'sarDateOfBirth-month': month,
                'sarDateOfBirth-year': year,
                sarReferences: prepared.references.join(', '),
              };
            })()
          : {};
        return personPage(request, raw, []);
      },
    },
    {
      method: 'POST',
      path: BASE,
      access: 'signed-in',
      async handle(request) {
        officerOf(request);
        const raw = upperCased(readAnswers(personFields, request.form), 'sarReferences');
        const { command, errors } = checkFields(personFields, raw, SubjectAccessRequest, request.locale, request.t);
        if (errors.length) return personPage(request, raw, errors);
        const checked = SubjectAccessRequest.parse(command);
        request.session.update((contents) => ({
          ...contents,
          subjectAccess: {
            person: checked.person,
            references: checked.references,
            exemptions: contents.subjectAccess?.exemptions ?? [],
          },
        }));
        return redirect(`${BASE}/check`);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/exemption`,
      access: 'signed-in',
      async handle(request) {
        if (!preparedOf(request)) return redirect(BASE);
        return exemptionPage(request, {}, []);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/exemption`,
      access: 'signed-in',
      async handle(request) {
        const prepared = preparedOf(request);
        if (!prepared) return redirect(BASE);
        const raw = upperCased(readAnswers(exemptionFields, request.form), 'exemptionReference');
        const { command, errors } = checkFields(exemptionFields, raw, ExemptionSchema, request.locale, request.t);
        if (errors.length) return exemptionPage(request, raw, errors);
        const exemption = ExemptionSchema.parse(command);
        request.session.update((contents) => ({
          ...contents,
          subjectAccess: { ...prepared, exemptions: [...prepared.exemptions, exemption] },
        }));
        return redirect(`${BASE}/check`);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/check`,
      access: 'signed-in',
      async handle(request) {
        const prepared = preparedOf(request);
        return prepared ? checkPage(request, prepared, []) : redirect(BASE);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/check`,
      access: 'signed-in',
      async handle(request) {
        const prepared = preparedOf(request);
        if (!prepared) return redirect(BASE);
        const outcome = await produce(request, prepared);
        if (!outcome.ok)
          return checkPage(request, prepared, [
            { name: 'exemptions', href: '#exemptions', text: request.t('subjectAccess.exemptionNotMatched') },
          ]);
        return resultPage(request, outcome.export);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/export.json`,
      access: 'signed-in',
      async handle(request) {
        const produced = await exportOf(request);
        return {
          kind: 'download',
          filename: 'subject-access-export.json',
          contentType: 'application/json; charset=utf-8',
          body: JSON.stringify(produced, null, 2),
        };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/export.html`,
      access: 'signed-in',
      async handle(request) {
        const produced = await exportOf(request);
        // The person's language, chosen for this file alone (the officer's own pages keep theirs).
        const chosen = Locale.safeParse(request.query.get('language'));
        const language = chosen.success ? chosen.data : request.locale;
        return {
          kind: 'download',
          filename: `subject-access-export-${language}.html`,
          contentType: 'text/html; charset=utf-8',
          body: subjectAccessPage(produced, subjectAccessWords(translatorFor(language), language)),
        };
      },
    },
    {
      method: 'POST',
      path: `${BASE}/start-again`,
      access: 'signed-in',
      async handle(request) {
        officerOf(request);
        request.session.update(({ subjectAccess: _dropped, ...contents }) => contents);
        return redirect(BASE);
      },
    },
  ];
}
