// The statistics dashboard for analysts (and caseworkers): the Home Office tables of a chosen
// financial year, bar charts of referrals by quarter, type of concern, sector and region, and each
// table as CSV. Read through the API's statistics reader and access guard: people without case
// access get the tables with small cells suppressed, exactly as the API gives them.
import { seesUnsuppressedStatistics } from '../../domain/access/index.js';
import { FinancialYear, type StatisticsTable, TableName, financialYearLabel, financialYearOf } from '../../domain/statistics/index.js';
import { referenceLists } from '../../events/reference-data.js';
import { type ApiServices } from '../../functions/api/api-composition.js';
import { auditSubject } from '../../functions/audit/access-audit.js';
import { HttpProblem } from '../../functions/http/problem.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageRoute, view } from '../http/page-route.js';
import { hasTranslation, referenceLabel } from '../i18n/translator.js';
import { type SignedInPerson } from '../session/signed-in-person.js';
import { barChart } from './bar-chart.js';

/** The tables drawn as charts, in this order. */
export const chartedTables: readonly TableName[] = ['referrals-by-quarter', 'referrals-by-type-of-concern', 'referrals-by-sector', 'referrals-by-ctp-region'];

const YEARS_OFFERED = 5;

function rowLabel(table: TableName, row: { key: string; label: string }, request: Pick<PageRequest, 't' | 'locale'>): string {
  const { t, locale } = request;
  const fromList = (items: readonly { code: string; en: string; cy: string }[]) => {
    const item = items.find((candidate) => candidate.code === row.key);
    return item ? referenceLabel(item, locale) : row.label;
  };
  if (row.key === 'not-known') return t('statistics.notKnown');
  switch (table) {
    case 'referrals-by-quarter':
      return hasTranslation(locale, `statistics.quarters.${row.key}`) ? t(`statistics.quarters.${row.key}`) : row.label;
    case 'referrals-by-sector':
      return fromList(referenceLists.referralSectors.items);
    case 'referrals-by-type-of-concern':
      return fromList(referenceLists.typesOfConcern.items);
    case 'referrals-by-age-band':
      return fromList(referenceLists.ageBands.items);
    case 'referrals-by-gender':
      return hasTranslation(locale, `options.gender.${row.key}`) ? t(`options.gender.${row.key}`) : row.label;
    case 'referrals-by-outcome':
      return hasTranslation(locale, `statistics.outcomes.${row.key}`) ? t(`statistics.outcomes.${row.key}`) : row.label;
    default:
      return row.label;
  }
}

function cellText(cell: StatisticsTable['total']['cells'][number], suppressed: string): string {
  return cell.suppressed ? suppressed : cell.value.toLocaleString('en-GB');
}

function tableView(table: StatisticsTable, year: string, request: PageRequest) {
  const { t } = request;
  const suppressed = t('statistics.suppressedMark');
  const labelled = table.rows.map((row) => ({ ...row, label: rowLabel(table.name, row, request) }));
  return {
    name: table.name,
    title: t(`statistics.tables.${table.name}`),
    csvHref: `/reports/${table.name}.csv?year=${encodeURIComponent(year)}`,
    head: [{ text: t(`statistics.rowHeadings.${table.name}`) }, ...table.columns.map((column) => ({ text: t(`statistics.measures.${column.key}`), format: 'numeric' }))],
    rows: [
      ...labelled.map((row) => [{ text: row.label }, ...row.cells.map((cell) => ({ text: cellText(cell, suppressed), format: 'numeric' }))]),
      [{ text: t('statistics.total') }, ...table.total.cells.map((cell) => ({ text: cellText(cell, suppressed), format: 'numeric' }))],
    ],
    chart: chartedTables.includes(table.name) ? barChart(labelled.map((row) => ({ label: row.label, value: row.cells[0]?.suppressed ? null : (row.cells[0]?.value ?? 0) })), suppressed) : undefined,
  };
}

function viewerOf(person: SignedInPerson | null) {
  if (!person) throw pageErrors.forbidden();
  return { user: person.user, organisation: person.organisation, role: person.role, roles: person.roles };
}

export function createStatisticsPages(deps: { services: ApiServices; clock: () => Date }): PageRoute[] {
  async function allowed(request: PageRequest, year: string) {
    const viewer = viewerOf(request.person);
    try {
      await deps.services.guard.require({ viewer, action: 'read-statistics', subject: auditSubject('statistics', year), correlationId: request.correlationId, recordAllowed: false });
    } catch (error) {
      if (error instanceof HttpProblem) throw pageErrors.forbidden();
      throw error;
    }
    return seesUnsuppressedStatistics(viewer) ? ('case-access' as const) : ('aggregate-only' as const);
  }

  function yearOf(request: PageRequest): { year: string; years: string[] } {
    const current = financialYearOf(deps.clock().toISOString().slice(0, 10));
    const start = Number(current.slice(0, 4));
    const years = Array.from({ length: YEARS_OFFERED }, (_, index) => `${start - index}-${String((start - index + 1) % 100).padStart(2, '0')}`);
    const asked = FinancialYear.safeParse(request.query.get('year'));
    return { year: asked.success ? asked.data : current, years };
  }

  return [
    {
      method: 'GET',
      path: '/reports',
      access: 'signed-in',
      async handle(request) {
        const { year, years } = yearOf(request);
        const viewerKind = await allowed(request, year);
        const tables = await deps.services.statistics.tables({ year, viewer: viewerKind });
        const views = tables.map((table) => tableView(table, year, request));
        const charts = chartedTables.map((name) => views.find((table) => table.name === name)).filter((table) => table !== undefined);
        return view('statistics', {
          title: request.t('statistics.title'),
          year,
          yearLabel: financialYearLabel(year),
          yearOptions: years.map((value) => ({ value, text: financialYearLabel(value), selected: value === year })),
          disclosureControl: tables[0]?.disclosureControl ?? { applied: viewerKind === 'aggregate-only', threshold: 0 },
          charts,
          tables: views,
        });
      },
    },
    {
      method: 'GET',
      path: '/reports/{file}',
      access: 'signed-in',
      async handle(request) {
        const match = /^(.+)\.csv$/.exec(request.params.file ?? '');
        const name = TableName.safeParse(match?.[1]);
        if (!name.success) throw pageErrors.notFound();
        const { year } = yearOf(request);
        const viewerKind = await allowed(request, year);
        const body = await deps.services.statistics.csv(name.data, { year, viewer: viewerKind });
        return { kind: 'download', filename: `${name.data}-${year}.csv`, contentType: 'text/csv; charset=utf-8', body };
      },
    },
  ];
}
