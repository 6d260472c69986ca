// The access audit in pages: who read or changed a case (the leads of the organisations holding
// it, the data protection officer), and what one person read (their organisation's administrator;
// the data protection officer for anyone). Filters (from, to, who, what, outcome) in the address,
// a page at a time with a link to the next, and the same page as CSV. Read through the audit
// reading service the API uses, so reading the audit is itself recorded, allowed or refused.
// The data protection officer also finds a case's audit by the case's reference (a box beside the
// person look-up): the look-up recorded, a reference of no case said so in plain words.
import * as z from 'zod';
import { overseesEveryCase, roleAllows } from '../../domain/access/index.js';
import { referralIdOf } from '../../domain/referral/stream-id.js';
import { IsoDate } from '../../events/envelope.js';
import { DestinationId } from '../../events/common.js';
import {
  type AuditPage,
  type AuditReading,
  type AuditReadingOutcome,
  auditCsv,
} from '../../functions/api/oversight/audit-reading.js';
import { type AuditPageOptions } from '../../functions/audit/access-audit.js';
import { PageCursorError } from '../../functions/read-models/page-cursor.js';
import { TypedReference } from '../../functions/api/referrals/case-search.js';
import { formatDateTime } from '../forms/answer-text.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { type FieldSpec, enumOptions } from '../forms/field-spec.js';
import { type FieldError, checkFields } from '../forms/field-validation.js';
import { fieldViews } from '../forms/field-view.js';
import { FormFields } from '../http/form-body.js';
import { PageError, pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, type PageRoute, redirect, view } from '../http/page-route.js';
import { refusalPage, viewerOf } from '../http/page-access.js';

const REFERRAL_ID = /^[0-9A-Za-z_-]{6,64}$/;
const USER_ID = /^[A-Za-z0-9-]{1,128}$/;
const PAGE_SIZE = 50;

/** The filters as the audit takes them: days (inclusive), a person's id, an action, an outcome. */
const AuditFilters = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  user: z.string().regex(USER_ID).optional(),
  action: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  outcome: z.enum(['allowed', 'refused', 'any']).optional(),
});

const fromField: FieldSpec = { name: 'auditFrom', path: 'from', kind: 'date' };
const toField: FieldSpec = { name: 'auditTo', path: 'to', kind: 'date' };
const userField: FieldSpec = { name: 'auditUser', path: 'user', kind: 'text', width: 20 };
const actionField: FieldSpec = { name: 'auditAction', path: 'action', kind: 'text', width: 20 };
const outcomeField: FieldSpec = {
  name: 'auditOutcome',
  path: 'outcome',
  kind: 'radios',
  options: enumOptions('auditOutcome', ['any', 'allowed', 'refused']),
};

/** The filter fields of a listing: a case's audit may be narrowed to one person; a person's is theirs already. */
const filterFields = (withUser: boolean): FieldSpec[] =>
  withUser
    ? [fromField, toField, userField, actionField, outcomeField]
    : [fromField, toField, actionField, outcomeField];

/** The names of every filter field's inputs, kept in the next page's and the CSV's addresses. */
const FILTER_INPUTS = [
  'auditFrom-day',
  'auditFrom-month',
  'auditFrom-year',
  'auditTo-day',
  'auditTo-month',
  'auditTo-year',
  'auditUser',
  'auditAction',
  'auditOutcome',
];

interface Filters {
  raw: RawAnswers;
  options: AuditPageOptions;
  errors: FieldError[];
  /** The filters as they were given, for the next page's and the CSV's addresses. */
  carried: URLSearchParams;
}

function filtersOf(request: PageRequest, withUser: boolean): Filters {
  const fields = filterFields(withUser);
  const form = FormFields.parse(request.query.toString(), 'application/x-www-form-urlencoded');
  const raw = readAnswers(fields, form);
  const { command, errors } = checkFields(fields, raw, AuditFilters, request.locale, request.t);
  const carried = new URLSearchParams();
  for (const name of FILTER_INPUTS) {
    const value = request.query.get(name);
    if (value) carried.set(name, value);
  }
  const filters = errors.length ? {} : AuditFilters.parse(command);
  const cursor = request.query.get('cursor');
  const options: AuditPageOptions = {
    limit: PAGE_SIZE,
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.user ? { user: filters.user } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome && filters.outcome !== 'any' ? { outcome: filters.outcome } : {}),
    ...(cursor && cursor.length <= 2_000 ? { cursor } : {}),
  };
  return { raw: { auditOutcome: 'any', ...raw }, options, errors, carried };
}

/** Reads a page; a cursor that is not this listing's is a form to start again, not a failure. */
async function read(list: () => Promise<AuditReadingOutcome>): Promise<AuditPage> {
  let outcome: AuditReadingOutcome;
  try {
    outcome = await list();
  } catch (error) {
    if (error instanceof PageCursorError) throw new PageError(400, 'errors.page.badForm');
    throw error;
  }
  if (!outcome.allowed) throw refusalPage(outcome.refusal);
  return outcome.page;
}

function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function createAccessAuditPages(deps: { audit: AuditReading }): PageRoute[] {
  function listing(
    request: PageRequest,
    options: { title: string; caption: string; path: string; withUser: boolean; backLink: string },
    filters: Filters,
    page: AuditPage | null,
    /** Inputs the filter form carries unchanged (the person the data protection officer named). */
    hidden: Record<string, string> = {},
  ): PageResult {
    const { t, locale } = request;
    const next = page?.cursor ? new URLSearchParams(filters.carried) : null;
    next?.set('cursor', page!.cursor!);
    const mayReadCases = request.person !== null && roleAllows(request.person.role, 'read-access-audit');
    return view(
      'access-audit',
      {
        title: options.title,
        caption: options.caption,
        action: options.path,
        hidden: Object.entries(hidden).map(([name, value]) => ({ name, value })),
        fields: fieldViews(filterFields(options.withUser), filters.raw, filters.errors, locale, t),
        errors: filters.errors,
        rows: (page?.items ?? []).map((item) => {
          const referralId = referralIdOf(item.subject);
          return {
            at: formatDateTime(item.at, locale, t),
            subject: item.subject,
            subjectHref: referralId && mayReadCases ? `/cases/${referralId}/access-audit` : undefined,
            user: item.user,
            organisation: item.organisation,
            role: t(`options.role.${item.role}`),
            action: item.action,
            outcome: t(`options.auditOutcome.${item.outcome}`),
            why: item.purpose ?? item.reason ?? '',
          };
        }),
        showSubject: !options.withUser,
        nextHref: next ? withQuery(options.path, next) : undefined,
        firstHref: request.query.get('cursor') ? withQuery(options.path, filters.carried) : undefined,
        csvHref: withQuery(`${options.path}/csv`, request.query),
        backLink: options.backLink,
      },
      filters.errors.length ? 400 : 200,
    );
  }

  async function csv(filename: string, list: () => Promise<AuditReadingOutcome>): Promise<PageResult> {
    const page = await read(list);
    return { kind: 'download', filename, contentType: 'text/csv; charset=utf-8', body: auditCsv(page.items) };
  }

  /** The case's audit: its id checked, the filters read (a listing with errors reads nothing). */
  function caseListing(request: PageRequest) {
    const referralId = request.params.referralId ?? '';
    if (!REFERRAL_ID.test(referralId)) throw pageErrors.notFound();
    const viewer = viewerOf(request.person);
    const filters = filtersOf(request, true);
    return {
      referralId,
      filters,
      list: () => deps.audit.forCase(viewer, referralId, filters.options, request.correlationId),
    };
  }

  /** A person's audit: an organisation administrator's own people, or anyone's for the data protection officer. */
  function personListing(request: PageRequest, person: { organisation: string; user: string }) {
    if (!USER_ID.test(person.user) || !DestinationId.safeParse(person.organisation).success)
      throw pageErrors.notFound();
    const viewer = viewerOf(request.person);
    const filters = filtersOf(request, false);
    return { filters, list: () => deps.audit.forPerson(viewer, person, filters.options, request.correlationId) };
  }

  function personCsv(request: PageRequest, person: { organisation: string; user: string }): Promise<PageResult> {
    const { filters, list } = personListing(request, person);
    if (filters.errors.length) throw pageErrors.badForm();
    return csv(`access-audit-${person.user}.csv`, list);
  }

  const ownPerson = (request: PageRequest) => ({
    organisation: viewerOf(request.person).organisation,
    user: request.params.userId ?? '',
  });

  /** The data protection officer names the organisation and the person's id in the address (no personal data). */
  const namedPerson = (request: PageRequest) => ({
    organisation: request.query.get('organisation') ?? '',
    user: request.query.get('user') ?? '',
  });

  return [
    {
      method: 'GET',
      path: '/cases/{referralId}/access-audit',
      access: 'signed-in',
      async handle(request) {
        const { referralId, filters, list } = caseListing(request);
        const page = filters.errors.length ? null : await read(list);
        return listing(
          request,
          {
            title: request.t('accessAudit.caseTitle'),
            caption: request.t('accessAudit.caseCaption', { referralId }),
            path: `/cases/${referralId}/access-audit`,
            withUser: true,
            backLink: roleAllows(viewerOf(request.person).role, 'read-case')
              ? `/cases/${referralId}`
              : overseesEveryCase(viewerOf(request.person).role) &&
                  roleAllows(viewerOf(request.person).role, 'read-user-audit')
                ? '/access-audit'
                : '/',
          },
          filters,
          page,
        );
      },
    },
    {
      method: 'GET',
      path: '/cases/{referralId}/access-audit/csv',
      access: 'signed-in',
      async handle(request) {
        const { referralId, filters, list } = caseListing(request);
        if (filters.errors.length) throw pageErrors.badForm();
        return csv(`access-audit-${referralId}.csv`, list);
      },
    },
    {
      method: 'GET',
      path: '/people/{userId}/access-audit',
      access: 'signed-in',
      async handle(request) {
        const person = ownPerson(request);
        const { filters, list } = personListing(request, person);
        const page = filters.errors.length ? null : await read(list);
        return listing(
          request,
          {
            title: request.t('accessAudit.personTitle'),
            caption: request.t('accessAudit.personCaption', { user: person.user }),
            path: `/people/${person.user}/access-audit`,
            withUser: false,
            backLink: '/people',
          },
          filters,
          page,
        );
      },
    },
    {
      method: 'GET',
      path: '/people/{userId}/access-audit/csv',
      access: 'signed-in',
      handle: (request) => personCsv(request, ownPerson(request)),
    },
    {
      method: 'GET',
      path: '/access-audit',
      access: 'signed-in',
      async handle(request) {
        const viewer = viewerOf(request.person);
        if (!roleAllows(viewer.role, 'read-user-audit')) throw pageErrors.forbidden();
        const byReference = overseesEveryCase(viewer.role);
        const lookUp = (values: Record<string, unknown>, status = 200) =>
          view(
            'access-audit-lookup',
            { title: request.t('accessAudit.lookupTitle'), byReference, errors: [], ...values },
            status,
          );
        const reference = request.query.get('reference');
        if (reference !== null) {
          if (!byReference) throw pageErrors.forbidden();
          const typed = TypedReference.safeParse(reference);
          if (!typed.success)
            return lookUp(
              {
                reference: reference.slice(0, 40),
                errors: [{ name: 'reference', href: '#reference', text: request.t('accessAudit.referenceInvalid') }],
              },
              400,
            );
          const found = await deps.audit.caseWithReference(viewer, typed.data, request.correlationId);
          if (!found.allowed) throw refusalPage(found.refusal);
          if (found.referralId === null)
            return lookUp(
              {
                reference: typed.data,
                errors: [{ name: 'reference', href: '#reference', text: request.t('accessAudit.referenceNotFound') }],
              },
              404,
            );
          return redirect(`/cases/${encodeURIComponent(found.referralId)}/access-audit`);
        }
        const person = namedPerson(request);
        if (!person.organisation && !person.user) return lookUp({});
        if (!USER_ID.test(person.user) || !DestinationId.safeParse(person.organisation).success)
          return lookUp(
            {
              organisation: person.organisation,
              user: person.user,
              errors: [{ name: 'user', href: '#user', text: request.t('accessAudit.lookupInvalid') }],
            },
            400,
          );
        const { filters, list } = personListing(request, person);
        const page = filters.errors.length ? null : await read(list);
        filters.carried.set('organisation', person.organisation);
        filters.carried.set('user', person.user);
        return listing(
          request,
          {
            title: request.t('accessAudit.personTitle'),
            caption: request.t('accessAudit.personCaption', { user: person.user }),
            path: '/access-audit',
            withUser: false,
            backLink: '/access-audit',
          },
          filters,
          page,
          { organisation: person.organisation, user: person.user },
        );
      },
    },
    {
      method: 'GET',
      path: '/access-audit/csv',
      access: 'signed-in',
      handle: (request) => personCsv(request, namedPerson(request)),
    },
  ];
}
