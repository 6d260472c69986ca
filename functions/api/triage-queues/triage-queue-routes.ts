// GET /organisations/{organisationId}/triage-queue: an organisation's own queue, in queue order
// (priority, due date, reference), a page at a time, filtered by status and priority. Asking for
// another organisation's queue is refused and recorded. With filters a page may hold fewer items
// than the limit (the filter applies to each page read): follow `cursor` until there is none.
import * as z from 'zod';
import { DestinationId, Priority } from '../../../events/index.js';
import { auditSubject } from '../../audit/access-audit.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { CaseStatus } from '../../read-models/case-view.js';
import { PageCursorError } from '../../read-models/page-cursor.js';
import { TriageItem } from '../../read-models/triage-item.js';
import { type TriageQueueReader } from '../../read-models/triage-queue-reader.js';
import { type AccessGuard, requireAccess } from '../shared/access-guard.js';
import { problemResponse } from '../shared/api-schemas.js';

const TriageQueueQuery = z.strictObject({
  status: CaseStatus.optional(),
  priority: Priority.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2_000).optional(),
});

const TriageQueueAnswer = z
  .object({
    organisationId: z.string(),
    items: z.array(TriageItem.extend({ deconfliction: z.unknown().optional() })),
    cursor: z
      .string()
      .optional()
      .meta({ description: 'Pass back as ?cursor= for the next page; absent on the last page' }),
  })
  .meta({ id: 'TriageQueuePage' });

export function createTriageQueueRoutes(deps: { queues: TriageQueueReader; guard: AccessGuard }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/organisations/{organisationId}/triage-queue',
      operationId: 'getTriageQueue',
      summary: "Your organisation's triage queue",
      tags: ['triage'],
      access: 'signed-in',
      params: z.strictObject({ organisationId: DestinationId }),
      query: TriageQueueQuery,
      responses: {
        200: { description: 'A page of the queue', schema: TriageQueueAnswer },
        403: problemResponse('Only your own organisation’s queue'),
      },
      async handle({ params, query, viewer, correlationId }) {
        const organisationId = params.organisationId;
        await requireAccess(deps.guard, {
          viewer: viewer!,
          action: 'read-triage-queue',
          subject: auditSubject('queue', organisationId),
          organisation: organisationId,
          correlationId,
          recordAllowed: false,
        });
        let page;
        try {
          page = await deps.queues.forOrganisation({
            organisation: organisationId,
            limit: query.limit,
            ...(query.cursor ? { cursor: query.cursor } : {}),
          });
        } catch (error) {
          if (error instanceof PageCursorError)
            throw problems.badRequest('Check the query.', [
              { field: 'query.cursor', message: 'the cursor does not belong to this queue; start again without it' },
            ]);
          throw error;
        }
        const items = page.items.filter(
          (item) =>
            (query.status === undefined || item.status === query.status) &&
            (query.priority === undefined || item.priority === query.priority),
        );
        return { status: 200, body: { organisationId, items, ...(page.cursor ? { cursor: page.cursor } : {}) } };
      },
    }),
  ];
}
