// The outcome statistics (docs/decisions/0012-dated-statistics-extracts.md):
// - GET /statistics and /statistics/{table}.csv: the national Home Office tables of a financial
//   year from a dated extract (the latest of the year, or the one named), as the records stood at
//   the end of a closed quarter, with disclosure control: for analysts and case workers alike.
//   Never live counts, which could be differenced to single out one referral.
// - GET /statistics/extracts: every extract kept, with its as-at date and when it was produced.
// - POST /statistics/extracts: an analyst takes an extract of a closed quarter (as at its end or a
//   later day); for a quarter kept already it is recorded as the next revision, beside the others,
//   and the answer lists the cells of the release's tables it changed (as shown, after disclosure
//   control). GET /statistics/extracts/{extractId}/changes lists them again.
// - GET /statistics/own-organisation and /statistics/own-organisation/{table}.csv: the exact
//   figures of the referrals routed to the caller's organisation now, for its case workers.
// Refused attempts are recorded.
import * as z from 'zod';
import {
  ExtractId,
  FinancialYear,
  type RevisionChanges,
  StatisticsExtractSummary,
  TableName,
  financialYearLabel,
  periodLastDay,
  releaseTableIds,
} from '../../../domain/statistics/index.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { type StatisticsReader } from '../../read-models/statistics-reader.js';
import { type ExtractRevisions } from '../../read-models/statistics-revisions.js';
import { auditSubject } from '../../audit/access-audit.js';
import { requireAccess } from '../shared/access-guard.js';
import { CalendarDate, londonDateOf } from '../../../domain/triage/calendar-date.js';
import { type AccessGuard } from '../shared/access-guard.js';
import { problemResponse } from '../shared/api-schemas.js';
import { checkStatisticsAccess, statisticsRefusalProblem } from './statistics-access.js';
import { type StatisticsRequest } from '../../../domain/access/index.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';

const ExtractQuery = z.strictObject({
  year: FinancialYear,
  extract: ExtractId.optional().meta({
    description: 'An extract of that year (GET /statistics/extracts); the latest of the year when left out',
  }),
});
const YearQuery = z.strictObject({ year: FinancialYear });
const CsvTable = z
  .templateLiteral([TableName, '.csv'])
  .meta({ description: 'A table name followed by .csv, such as referrals-by-sector.csv' });

const ReleaseFile = z
  .enum([...releaseTableIds.map((id) => `${id}.csv`), 'key-results.csv', 'key-results.md', 'tables.xlsx'])
  .meta({
    description:
      'A table of the release as CSV (table-3.csv), its key results (CSV or Markdown), or every table as one workbook',
  });

const ExtractSummaryDoc = StatisticsExtractSummary.meta({
  id: 'StatisticsExtractSummary',
  description: 'A dated extract: the quarter it is as at the end of, when it was produced, its revision',
});
const DisclosureControl = z.object({ applied: z.boolean(), threshold: z.number().int() });

const ExtractAnswer = z
  .object({
    year: z.string(),
    asAt: z.iso.date(),
    extract: ExtractSummaryDoc,
    disclosureControl: DisclosureControl,
    tables: z.array(z.unknown()),
  })
  .meta({ id: 'StatisticsExtractTables' });
const ReleaseAnswer = z
  .object({
    year: z.string(),
    asAt: z.iso.date(),
    extract: ExtractSummaryDoc,
    disclosureControl: z.object({ applied: z.boolean(), threshold: z.number().int(), hiddenCells: z.number().int() }),
    tables: z.array(z.unknown()),
    keyResults: z.unknown(),
  })
  .meta({ id: 'StatisticsRelease' });
const ExtractOrder = z
  .strictObject({
    year: FinancialYear,
    quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    asAt: CalendarDate.optional().meta({
      description:
        "The day the figures stand as at: the quarter's end when left out, or a later day (the annual release)",
    }),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(200)
      .meta({ description: 'Why the extract is taken, kept in its revision note' }),
  })
  .meta({ id: 'StatisticsExtractOrder' });
const CellChange = z.object({
  table: z.string(),
  row: z.string(),
  column: z.string(),
  before: z.string(),
  after: z.string(),
});
const ExtractChanges = z
  .object({
    extract: ExtractSummaryDoc,
    comparable: z.boolean().meta({
      description: 'False for a first extract, or when the revision before it was kept without the release tables',
    }),
    changes: z.array(CellChange),
  })
  .meta({ id: 'StatisticsExtractChanges' });
const ExtractList = z.object({ extracts: z.array(ExtractSummaryDoc) }).meta({ id: 'StatisticsExtracts' });
const OwnAnswer = z
  .object({
    year: z.string(),
    organisation: z.string(),
    asAt: z.iso.datetime(),
    disclosureControl: DisclosureControl,
    tables: z.array(z.unknown()),
  })
  .meta({ id: 'OwnOrganisationStatistics' });

/** An extract and the cells it changed from the revision before it (none for a first extract). */
function changesAnswer(found: { extract: StatisticsExtractSummary; changes: RevisionChanges | null }) {
  return {
    extract: found.extract,
    comparable: found.changes?.comparable ?? false,
    changes: found.changes?.changes ?? [],
  };
}

function noRelease(year: string) {
  return problems.notFound(
    `The extract of ${financialYearLabel(year)} was kept before the release tables were; a revised extract of that quarter will add them.`,
  );
}

function noExtract(year: string) {
  return problems.notFound(
    `No extract of the statistics of ${financialYearLabel(year)} has been produced yet. An extract is taken after the end of each quarter.`,
  );
}

export function createStatisticsRoutes(deps: {
  statistics: StatisticsReader;
  revisions: ExtractRevisions;
  guard: AccessGuard;
  clock: () => Date;
}): RouteDefinition[] {
  /**
   * Decides and records through the guard whether the caller may read these figures (the national
   * extracts, or its own organisation's live figures); a refusal is answered with a 403 in plain words.
   */
  async function requireStatistics(
    caller: { viewer: AuthenticatedViewer | null; correlationId: string },
    scope: StatisticsRequest['scope'],
    year: string,
  ): Promise<void> {
    const viewer = caller.viewer!;
    const request: StatisticsRequest = scope === 'national' ? { scope } : { scope, organisation: viewer.organisation };
    const access = await checkStatisticsAccess(deps.guard, {
      viewer,
      request,
      year,
      correlationId: caller.correlationId,
    });
    if (!access.allowed) throw statisticsRefusalProblem(request);
  }

  const refused = problemResponse('Your organisation or role may not read these statistics');
  const csvName = (table: string) => TableName.parse(table.slice(0, -'.csv'.length));

  return [
    defineRoute({
      method: 'GET',
      path: '/statistics',
      operationId: 'getNationalStatistics',
      summary: 'The national statistics of a financial year, from a dated extract (with disclosure control)',
      tags: ['statistics'],
      access: 'signed-in',
      query: ExtractQuery,
      responses: {
        200: { description: 'Every table of the extract', schema: ExtractAnswer },
        403: refused,
        404: problemResponse('No extract of that year has been produced yet'),
      },
      async handle({ query, viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', query.year);
        const found = await deps.statistics.extractTables({ year: query.year, extractId: query.extract });
        if (!found) throw noExtract(query.year);
        const control = found.tables[0]?.disclosureControl ?? { applied: true, threshold: 0 };
        return {
          status: 200,
          body: {
            year: query.year,
            asAt: found.asAt,
            extract: found.extract,
            disclosureControl: control,
            tables: found.tables,
          },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/release',
      operationId: 'getStatisticsRelease',
      summary:
        'The tables of the release "Individuals referred to and supported through the Prevent Programme" and its key results, from a dated extract (disclosure control across all tables)',
      tags: ['statistics'],
      access: 'signed-in',
      query: ExtractQuery,
      responses: {
        200: { description: 'Every table of the release and the key results', schema: ReleaseAnswer },
        403: refused,
        404: problemResponse('No extract of that year has been produced yet'),
      },
      async handle({ query, viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', query.year);
        const found = await deps.statistics.release({ year: query.year, extractId: query.extract });
        if (found === null) throw noExtract(query.year);
        if (found === 'no-release') throw noRelease(query.year);
        return {
          status: 200,
          body: {
            year: query.year,
            asAt: found.asAt,
            extract: found.extract,
            disclosureControl: found.release.disclosureControl,
            tables: found.release.tables,
            keyResults: found.keyResults,
          },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/release/{file}',
      operationId: 'getStatisticsReleaseFile',
      summary: 'One table of the release as CSV, its key results as CSV or Markdown, or every table as one workbook',
      tags: ['statistics'],
      access: 'signed-in',
      params: z.strictObject({ file: ReleaseFile }),
      query: ExtractQuery,
      responses: {
        200: {
          description: 'The file; every CSV row says the date it is as at',
          schema: z.string(),
          contentType: 'text/csv',
        },
        403: refused,
        404: problemResponse('No extract of that year has been produced yet'),
      },
      async handle({ params, query, viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', query.year);
        const file = params.file === 'tables.xlsx' ? 'workbook' : params.file;
        const found = await deps.statistics.releaseFile({ year: query.year, extractId: query.extract }, file);
        if (found === null) throw noExtract(query.year);
        if (found === 'no-release') throw noRelease(query.year);
        if (found === 'no-such-file') throw problems.notFound('There is no such file in the release.');
        return {
          status: 200,
          contentType: found.contentType,
          headers: { 'content-disposition': `attachment; filename="${found.filename}"` },
          body: found.body,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/extracts',
      operationId: 'listStatisticsExtracts',
      summary: 'Every dated extract of the statistics kept, newest first',
      tags: ['statistics'],
      access: 'signed-in',
      responses: { 200: { description: 'The extracts, without their figures', schema: ExtractList }, 403: refused },
      async handle({ viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', 'extracts');
        return { status: 200, body: { extracts: await deps.statistics.extracts() } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/statistics/extracts',
      operationId: 'produceStatisticsExtract',
      summary:
        'Take an extract of a closed quarter (Home Office analysts); a quarter kept already gets its next revision, which says what changed',
      tags: ['statistics'],
      access: 'signed-in',
      body: ExtractOrder,
      responses: {
        201: {
          description: 'The extract kept, and the cells it changed from the revision before it',
          schema: ExtractChanges,
        },
        403: problemResponse('Only Home Office analysts take extracts'),
        409: problemResponse('Another extract of that quarter was kept at the same moment; try again'),
        422: problemResponse('The quarter has not ended yet, or the day is before its end'),
      },
      async handle({ body, viewer, correlationId }) {
        await requireAccess(deps.guard, {
          viewer: viewer!,
          action: 'produce-statistics-extract',
          subject: auditSubject('statistics', body.year),
          correlationId,
          recordAllowed: true,
        });
        const producedAt = deps.clock().toISOString();
        const period = { financialYear: body.year, quarter: body.quarter };
        const lastDay = periodLastDay(period);
        const asAt = body.asAt ?? lastDay;
        if (asAt < lastDay)
          throw problems.unprocessable(`An extract of this quarter cannot be as at a day before its end (${lastDay}).`);
        if (asAt >= londonDateOf(producedAt))
          throw problems.unprocessable(
            `The figures can be taken as at ${asAt} only once that day has ended: an extract is taken of days that are over.`,
          );
        const result = await deps.revisions.produce({ period, asAt, reason: body.reason, producedAt });
        if (!result.produced)
          throw problems.conflict('Another extract of that quarter was kept at the same moment; try again.', 0);
        return { status: 201, body: changesAnswer(result) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/extracts/{extractId}/changes',
      operationId: 'getStatisticsExtractChanges',
      summary:
        "The cells of the release's tables a revised extract changed, as shown before and after (disclosure control applied)",
      tags: ['statistics'],
      access: 'signed-in',
      params: z.strictObject({ extractId: ExtractId }),
      responses: {
        200: { description: 'The extract and the cells it changed', schema: ExtractChanges },
        403: refused,
        404: problemResponse('No such extract is kept'),
      },
      async handle({ params, viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', params.extractId.slice(0, 7));
        const found = await deps.revisions.changes(params.extractId);
        if (!found) throw problems.notFound('No such extract is kept.');
        return { status: 200, body: changesAnswer(found) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/{table}',
      operationId: 'getNationalStatisticsTableCsv',
      summary: 'One national table of a dated extract as CSV (with disclosure control)',
      tags: ['statistics'],
      access: 'signed-in',
      params: z.strictObject({ table: CsvTable }),
      query: ExtractQuery,
      responses: {
        200: {
          description: 'The table as CSV; every row says the date it is as at',
          schema: z.string(),
          contentType: 'text/csv',
        },
        403: refused,
        404: problemResponse('No extract of that year has been produced yet'),
      },
      async handle({ params, query, viewer, correlationId }) {
        await requireStatistics({ viewer, correlationId }, 'national', query.year);
        const csv = await deps.statistics.extractCsv(
          { year: query.year, extractId: query.extract },
          csvName(params.table),
        );
        if (!csv) throw noExtract(query.year);
        return {
          status: 200,
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${csv.filename}"` },
          body: csv.body,
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/own-organisation',
      operationId: 'getOwnOrganisationStatistics',
      summary: "The exact figures of the referrals routed to the caller's organisation now",
      tags: ['statistics'],
      access: 'signed-in',
      query: YearQuery,
      responses: { 200: { description: 'Every table, without disclosure control', schema: OwnAnswer }, 403: refused },
      async handle({ query, viewer, correlationId }) {
        const organisation = viewer!.organisation;
        await requireStatistics({ viewer, correlationId }, 'organisation', query.year);
        const found = await deps.statistics.organisationTables(organisation, query.year, deps.clock().toISOString());
        const control = found.tables[0]?.disclosureControl ?? { applied: false, threshold: 0 };
        return {
          status: 200,
          body: { year: query.year, organisation, asAt: found.asAt, disclosureControl: control, tables: found.tables },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/statistics/own-organisation/{table}',
      operationId: 'getOwnOrganisationStatisticsTableCsv',
      summary: "One table of the caller's organisation's own referrals as CSV",
      tags: ['statistics'],
      access: 'signed-in',
      params: z.strictObject({ table: CsvTable }),
      query: YearQuery,
      responses: {
        200: {
          description: 'The table as CSV; every row says the instant it is as at',
          schema: z.string(),
          contentType: 'text/csv',
        },
        403: refused,
      },
      async handle({ params, query, viewer, correlationId }) {
        const organisation = viewer!.organisation;
        await requireStatistics({ viewer, correlationId }, 'organisation', query.year);
        const csv = await deps.statistics.organisationCsv(
          organisation,
          query.year,
          csvName(params.table),
          deps.clock().toISOString(),
        );
        return {
          status: 200,
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="${csv.filename}"` },
          body: csv.body,
        };
      },
    }),
  ];
}
