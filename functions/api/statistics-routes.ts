// The outcome statistics: every Home Office table of a financial year as JSON, or one table as
// CSV. Callers without case access (Home Office analysts) get them with disclosure control
// applied; refused attempts are recorded.
import * as z from 'zod';
import { seesUnsuppressedStatistics } from '../../domain/access/index.js';
import { FinancialYear, TableName } from '../../domain/statistics/index.js';
import { auditSubject } from '../audit/access-audit.js';
import { type RouteDefinition, defineRoute } from '../http/route.js';
import { type AuthenticatedViewer } from '../identity/identity.js';
import { type StatisticsReader } from '../read-models/statistics-reader.js';
import { type AccessGuard } from './access-guard.js';
import { problemResponse } from './api-schemas.js';

const YearQuery = z.strictObject({ year: FinancialYear });
const CsvTable = z.templateLiteral([TableName, '.csv']).meta({ description: 'A table name followed by .csv, such as referrals-by-sector.csv' });

const StatisticsAnswer = z
  .object({ year: z.string(), disclosureControl: z.object({ applied: z.boolean(), threshold: z.number().int() }), tables: z.array(z.unknown()) })
  .meta({ id: 'StatisticsTables' });

export function createStatisticsRoutes(deps: { statistics: StatisticsReader; guard: AccessGuard }): RouteDefinition[] {
  async function viewerKind(viewer: AuthenticatedViewer, year: string, correlationId: string) {
    await deps.guard.require({ viewer, action: 'read-statistics', subject: auditSubject('statistics', year), correlationId, recordAllowed: false });
    return seesUnsuppressedStatistics(viewer) ? ('case-access' as const) : ('aggregate-only' as const);
  }

  return [
    defineRoute({
      method: 'GET',
      path: '/statistics',
      summary: 'The outcome statistics of a financial year (April to March)',
      tags: ['statistics'],
      access: 'signed-in',
      query: YearQuery,
      responses: { 200: { description: 'Every table', schema: StatisticsAnswer }, 403: problemResponse('Your role may not read the statistics') },
      async handle({ query, viewer, correlationId }) {
        const viewerKindOf = await viewerKind(viewer!, query.year, correlationId);
        const tables = await deps.statistics.tables({ year: query.year, viewer: viewerKindOf });
        const control = tables[0]?.disclosureControl ?? { applied: viewerKindOf === 'aggregate-only', threshold: 0 };
        return { status: 200, body: { year: query.year, disclosureControl: control, tables } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/{table}',
      summary: 'One statistics table as CSV',
      tags: ['statistics'],
      access: 'signed-in',
      params: z.strictObject({ table: CsvTable }),
      query: YearQuery,
      responses: { 200: { description: 'The table as CSV', schema: z.string(), contentType: 'text/csv' }, 403: problemResponse('Your role may not read the statistics') },
      async handle({ params, query, viewer, correlationId }) {
        const viewerKindOf = await viewerKind(viewer!, query.year, correlationId);
        const name = TableName.parse(params.table.slice(0, -'.csv'.length));
        const csv = await deps.statistics.csv(name, { year: query.year, viewer: viewerKindOf });
        return { status: 200, contentType: 'text/csv; charset=utf-8', headers: { 'content-disposition': `attachment; filename="${name}-${query.year}.csv"` }, body: csv };
      },
    }),
  ];
}
