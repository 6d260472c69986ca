// GET /regional-hubs/{ctpRegion}/work: a regional Prevent hub's overdue and urgent work across the
// police forces of its region (decision 0018), urgent first, then overdue, then by due date. Only
// the region's own hub may ask (read-triage-queue on its own organisation, refusals recorded as
// for any queue); the items are the forces' queue items, without personal data.
import * as z from 'zod';
import { regionalHubId } from '../../../domain/routing/directory.js';
import { auditSubject } from '../../audit/access-audit.js';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { type RegionalWorkReader } from '../../read-models/regional-work.js';
import { TriageItem } from '../../read-models/triage-item.js';
import { type AccessGuard, requireAccess } from '../shared/access-guard.js';
import { problemResponse } from '../shared/api-schemas.js';

export const CtpRegionCode = z.string().regex(/^CTP-[A-Z]{2,12}$/, 'a CTP region code such as CTP-WM');

const RegionalWorkAnswer = z
  .object({
    ctpRegion: z.string(),
    name: z.string(),
    forces: z.array(z.object({ code: z.string(), id: z.string(), name: z.string() })),
    items: z.array(
      TriageItem.extend({
        deconfliction: z.unknown().optional(),
        forceName: z.string(),
        attention: z.array(z.enum(['urgent', 'overdue'])),
      }),
    ),
    bounded: z
      .array(z.string())
      .meta({ description: 'Forces whose queue is longer than was read: work further on in them is not listed' }),
  })
  .meta({ id: 'RegionalWork' });

export function createRegionalWorkRoutes(deps: { work: RegionalWorkReader; guard: AccessGuard }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/regional-hubs/{ctpRegion}/work',
      operationId: 'getRegionalWork',
      summary: "Overdue and urgent work across your region's police forces (regional Prevent hub)",
      tags: ['triage'],
      access: 'signed-in',
      params: z.strictObject({ ctpRegion: CtpRegionCode }),
      responses: {
        200: { description: "The region's overdue and urgent work", schema: RegionalWorkAnswer },
        403: problemResponse('Only your own region'),
        404: problemResponse('No such region'),
      },
      async handle({ params, viewer, correlationId }) {
        const organisation = regionalHubId(params.ctpRegion);
        await requireAccess(deps.guard, {
          viewer: viewer!,
          action: 'read-triage-queue',
          subject: auditSubject('queue', organisation),
          organisation,
          correlationId,
          recordAllowed: false,
        });
        const work = await deps.work.forRegion(params.ctpRegion);
        if (work === null) throw problems.notFound();
        return {
          status: 200,
          body: {
            ctpRegion: work.hub.ctpRegion,
            name: work.hub.name,
            forces: work.hub.forces,
            items: work.items,
            bounded: work.bounded,
          },
        };
      },
    }),
  ];
}
