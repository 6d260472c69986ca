// Finding a case: the search box on every caseworker page (a reference) and the page behind it (a
// reference, or the person's name and date of birth through the blind index; open, closed or all
// cases). Searches are POSTs, so a name and date of birth never sit in an address. The case search
// service answers only with cases the viewer may see and records every search and every case
// shown in the access audit, as the API's POST /case-search does.
import { roleAllows } from '../../domain/access/index.js';
import { type CaseSearch, CaseSearchRequest } from '../../functions/api/referrals/case-search.js';
import { readAnswers, type RawAnswers } from '../forms/field-answers.js';
import { formatDate } from '../forms/answer-text.js';
import { type FieldSpec, enumOptions } from '../forms/field-spec.js';
import { type FieldError, checkFields, fieldMessage } from '../forms/field-validation.js';
import { fieldViews } from '../forms/field-view.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, type PageRoute, view } from '../http/page-route.js';
import { viewerOf } from '../http/page-access.js';

export const FIND_CASE_PATH = '/find-a-case';

const referenceField: FieldSpec = { name: 'searchReference', path: 'reference', kind: 'text', width: 20 };
const nameField: FieldSpec = { name: 'searchName', path: 'person.name', kind: 'text', width: 20 };
const dateOfBirthField: FieldSpec = { name: 'searchDateOfBirth', path: 'person.dateOfBirth', kind: 'date' };
const statusField: FieldSpec = {
  name: 'searchStatus',
  path: 'status',
  kind: 'radios',
  options: enumOptions('caseSearchStatus', ['all', 'open', 'closed']),
};
const fields = [referenceField, nameField, dateOfBirthField, statusField];

const given = (raw: RawAnswers, name: string): boolean => String(raw[name] ?? '').trim() !== '';

/** Which search the answers ask for, checked with the API's own schema; errors in GOV.UK style. */
function searchOf(raw: RawAnswers, request: PageRequest): { search?: CaseSearchRequest; errors: FieldError[] } {
  const { locale, t } = request;
  const byPerson =
    given(raw, 'searchName') || ['day', 'month', 'year'].some((part) => given(raw, `searchDateOfBirth-${part}`));
  if (!given(raw, 'searchReference') && !byPerson)
    return {
      errors: [
        {
          name: referenceField.name,
          href: '#searchReference',
          text: fieldMessage(referenceField, 'required', locale, t),
        },
      ],
    };
  const asked = given(raw, 'searchReference')
    ? [referenceField, statusField]
    : [nameField, dateOfBirthField, statusField];
  const { command, errors } = checkFields(asked, raw, CaseSearchRequest, locale, t);
  if (errors.length > 0) return { errors };
  const parsed = CaseSearchRequest.safeParse(command);
  return parsed.success ? { search: parsed.data, errors: [] } : { errors: [] };
}

export function createFindCasePages(deps: { search: CaseSearch }): PageRoute[] {
  function page(request: PageRequest, raw: RawAnswers, errors: FieldError[], results?: unknown[]): PageResult {
    const { t, locale } = request;
    const withStatus = { searchStatus: 'all', ...raw };
    return view(
      'find-case',
      {
        title: t('findCase.title'),
        fields: fieldViews(fields, withStatus, errors, locale, t),
        errors,
        results,
      },
      errors.length > 0 ? 400 : 200,
    );
  }

  return [
    {
      method: 'GET',
      path: FIND_CASE_PATH,
      access: 'signed-in',
      async handle(request) {
        if (!roleAllows(viewerOf(request.person).role, 'find-case')) throw pageErrors.forbidden();
        return page(request, {}, []);
      },
    },
    {
      method: 'POST',
      path: FIND_CASE_PATH,
      access: 'signed-in',
      async handle(request) {
        const viewer = viewerOf(request.person);
        const { t, locale } = request;
        const raw = readAnswers(fields, request.form);
        const { search, errors } = searchOf(raw, request);
        if (!search) return page(request, raw, errors);
        const outcome = await deps.search.find(viewer, search, request.correlationId);
        if (!outcome.allowed) throw pageErrors.forbidden();
        const mayAudit = roleAllows(viewer.role, 'read-access-audit');
        const results = outcome.cases.map((found) => ({
          reference: found.reference ?? t('common.notKnown'),
          href: `/cases/${found.referralId}`,
          status: t(`options.caseStatus.${found.status}`),
          closed: found.closed,
          erased: found.erased,
          priority: found.priority ? t(`options.priority.${found.priority}`) : t('common.notKnown'),
          submitted: found.submittedAt ? formatDate(found.submittedAt.slice(0, 10), locale, t) : t('common.notKnown'),
          auditHref: mayAudit ? `/cases/${found.referralId}/access-audit` : undefined,
        }));
        return page(request, raw, [], results);
      },
    },
  ];
}
