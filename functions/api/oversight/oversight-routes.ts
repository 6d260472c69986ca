// Oversight: who read or changed a case (to the leads of the organisations holding it, the data
// protection officer and the platform's administrator), what one person read (to their
// organisation's administrator and the data protection officer), as JSON pages or CSV, with
// filters; and subject access requests (the data protection officer). Reading the audit is
// itself recorded in the audit; so is every refusal.
import * as z from 'zod';
import { DestinationId } from '../../../events/common.js';
import { type AuditPageOptions } from '../../audit/access-audit.js';
import { problems } from '../../http/problem.js';
import { type HttpResult, type RouteDefinition, defineRoute } from '../../http/route.js';
import { PageCursorError } from '../../read-models/page-cursor.js';
import { TypedReference } from '../referrals/case-search.js';
import { refusalProblem } from '../shared/access-guard.js';
import { ReferralParams, problemResponse } from '../shared/api-schemas.js';
import {
  type AuditPage as ListedPage,
  type AuditReading,
  type AuditReadingOutcome,
  auditCsv,
} from './audit-reading.js';
import { subjectAccessLanguage, subjectAccessPage, subjectAccessWordsIn } from './subject-access-page.js';
import { type SubjectAccess, SubjectAccessExport, SubjectAccessRequest } from './subject-access.js';

const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const AuditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(2_000).optional(),
  from: Instant.optional().meta({ description: 'From this instant or day (inclusive)' }),
  to: Instant.optional().meta({ description: 'Up to this instant or day (inclusive)' }),
  action: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  outcome: z.enum(['allowed', 'refused']).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const CaseAuditQuery = AuditQuery.extend({
  user: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,128}$/)
    .optional(),
});

const AuditItem = z.object({
  at: z.string(),
  subject: z.string().meta({ description: 'The case (referral-<id>) or what else was reached' }),
  user: z.string(),
  organisation: z.string(),
  role: z.string(),
  action: z.string(),
  outcome: z.string(),
  reason: z.string().optional(),
  purpose: z.string().optional(),
  correlationId: z.string(),
});
const AuditPage = z
  .object({ items: z.array(AuditItem), cursor: z.string().optional() })
  .meta({ id: 'AccessAuditPage' });

function answerPage(page: ListedPage, format: 'json' | 'csv', name: string): HttpResult {
  if (format === 'json') return { status: 200, body: page };
  return {
    status: 200,
    contentType: 'text/csv; charset=utf-8',
    headers: {
      'content-disposition': `attachment; filename="${name}.csv"`,
      ...(page.cursor ? { 'x-next-cursor': page.cursor } : {}),
    },
    body: auditCsv(page.items),
  };
}

function pageOptions(query: z.infer<typeof CaseAuditQuery>): AuditPageOptions {
  const { format: _format, ...options } = query;
  return options;
}

async function listing(list: () => Promise<AuditReadingOutcome>): Promise<ListedPage> {
  let outcome: AuditReadingOutcome;
  try {
    outcome = await list();
  } catch (error) {
    if (error instanceof PageCursorError)
      throw problems.badRequest('Check the query.', [
        { field: 'query.cursor', message: 'the cursor is not valid for this listing; start again without it' },
      ]);
    throw error;
  }
  if (!outcome.allowed) throw refusalProblem(outcome.refusal);
  return outcome.page;
}

const pageResponses = {
  200: {
    description: 'Newest first (format=csv: the same page as CSV, the next cursor in X-Next-Cursor)',
    schema: AuditPage,
  },
};

export interface OversightDeps {
  audit: AuditReading;
  subjectAccess: SubjectAccess;
}

export function createOversightRoutes(deps: OversightDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/referrals/{referralId}/access-audit',
      operationId: 'getCaseAccessAudit',
      summary:
        'Who read or changed a case, when and why (the leads of the organisations holding it, the data protection officer, administrators)',
      tags: ['oversight'],
      access: 'signed-in',
      params: ReferralParams,
      query: CaseAuditQuery,
      responses: {
        ...pageResponses,
        403: problemResponse('Your role may not read access audits'),
        404: problemResponse('No such case, or it is not routed to your organisation'),
      },
      async handle({ params, query, viewer, correlationId }) {
        const page = await listing(() =>
          deps.audit.forCase(viewer!, params.referralId, pageOptions(query), correlationId),
        );
        return answerPage(page, query.format, `access-audit-${params.referralId}`);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/access-audit/case',
      operationId: 'findCaseForAccessAudit',
      summary:
        'The case a reference names, to read its access audit (the data protection officer, administrators); the look-up is recorded, never the reference',
      tags: ['oversight'],
      access: 'signed-in',
      query: z.strictObject({ reference: TypedReference.meta({ description: 'The reference, e.g. PRV-7K3M-Q9TX' }) }),
      responses: {
        200: {
          description: 'The case: read its audit at /referrals/{referralId}/access-audit',
          schema: z.object({ referralId: z.string() }).meta({ id: 'CaseForAccessAudit' }),
        },
        403: problemResponse('Only those who oversee every case may find one by reference'),
        404: problemResponse('No case has this reference'),
      },
      async handle({ query, viewer, correlationId }) {
        const found = await deps.audit.caseWithReference(viewer!, query.reference, correlationId);
        if (!found.allowed) throw refusalProblem(found.refusal);
        if (found.referralId === null) throw problems.notFound('No case has this reference.');
        return { status: 200, body: { referralId: found.referralId } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/organisations/{organisationId}/people/{userId}/access-audit',
      operationId: 'getPersonAccessAudit',
      summary:
        "What one person read or tried, across cases (their organisation's administrator, the data protection officer)",
      tags: ['oversight'],
      access: 'signed-in',
      params: z.strictObject({
        organisationId: DestinationId,
        userId: z.string().regex(/^[A-Za-z0-9-]{1,128}$/, "a person's id is letters, digits and hyphens"),
      }),
      query: AuditQuery,
      responses: {
        ...pageResponses,
        403: problemResponse("Only the person's organisation administrator or the data protection officer"),
      },
      async handle({ params, query, viewer, correlationId }) {
        const page = await listing(() =>
          deps.audit.forPerson(
            viewer!,
            { organisation: params.organisationId, user: params.userId },
            pageOptions(query),
            correlationId,
          ),
        );
        return answerPage(page, query.format, `access-audit-${params.userId}`);
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/subject-access-requests',
      operationId: 'produceSubjectAccessExport',
      summary:
        'Everything held about a person that may be disclosed, with the exemptions recorded (the data protection officer)',
      tags: ['oversight'],
      access: 'signed-in',
      query: z.strictObject({
        format: z.enum(['json', 'html']).default('json'),
        lang: z.enum(['en', 'cy']).optional().meta({
          description:
            "format=html: the readable page's language, English or Welsh (else the request's Accept-Language, else English)",
        }),
      }),
      body: SubjectAccessRequest,
      responses: {
        200: {
          description: "The export (format=html: the readable page for the person, without the officer's record)",
          schema: SubjectAccessExport,
        },
        403: problemResponse('Only the data protection officer'),
        422: problemResponse("An exemption names a referral that is not this person's"),
      },
      async handle({ query, body, headers, viewer, correlationId }) {
        const outcome = await deps.subjectAccess.produce(viewer!, body, correlationId);
        if (!outcome.ok) {
          if (outcome.error === 'forbidden')
            throw problems.forbidden('Only the data protection officer answers subject access requests.');
          throw problems.unprocessable("An exemption names a referral that is not among this person's.", [
            { field: 'exemptions', message: "each exemption must name one of this person's referrals" },
          ]);
        }
        if (query.format === 'html') {
          const language = subjectAccessLanguage(query.lang, headers['accept-language']);
          return {
            status: 200,
            contentType: 'text/html; charset=utf-8',
            headers: { 'content-language': language },
            body: subjectAccessPage(outcome.export, subjectAccessWordsIn(language)),
          };
        }
        return { status: 200, body: outcome.export };
      },
    }),
  ];
}
