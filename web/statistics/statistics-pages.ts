// The statistics dashboard (docs/decisions/0012-dated-statistics-extracts.md): the Home Office
// tables of a chosen financial year from a dated extract (as the records stood at the end of a
// closed quarter, small cells hidden), for analysts and case workers alike, with bar charts and
// each table as CSV; and, for case workers, the exact figures of their own organisation's
// referrals as they stand now. Read through the API's statistics reader and the same access rules.
import { decideStatisticsAccess } from '../../domain/access/index.js';
import {
  ExtractId,
  FinancialYear,
  type StatisticsTable,
  TableName,
  financialYearLabel,
  financialYearOf,
} from '../../domain/statistics/index.js';
import { referenceLists } from '../../events/reference-data.js';
import { type ApiServices } from '../../functions/api/api.js';
import { checkStatisticsAccess } from '../../functions/api/statistics/statistics-access.js';
import { formatDate, formatDateTime } from '../forms/answer-text.js';
import { viewerOf } from '../http/page-access.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageRoute, view } from '../http/page-route.js';
import { hasTranslation, referenceLabel } from '../i18n/translator.js';
import { barChart } from './bar-chart.js';

/** The tables drawn as charts, in this order. */
export const chartedTables: readonly TableName[] = [
  'referrals-by-quarter',
  'referrals-by-type-of-concern',
  'referrals-by-sector',
  'referrals-by-ctp-region',
];

const YEARS_OFFERED = 5;

function rowLabel(
  table: TableName,
  row: { key: string; label: string },
  request: Pick<PageRequest, 't' | 'locale'>,
): string {
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

function tableView(table: StatisticsTable, csvQuery: string, request: PageRequest) {
  const { t } = request;
  const suppressed = t('statistics.suppressedMark');
  const labelled = table.rows.map((row) => ({ ...row, label: rowLabel(table.name, row, request) }));
  return {
    name: table.name,
    title: t(`statistics.tables.${table.name}`),
    csvHref: `/reports/${table.name}.csv?${csvQuery}`,
    head: [
      { text: t(`statistics.rowHeadings.${table.name}`) },
      ...table.columns.map((column) => ({ text: t(`statistics.measures.${column.key}`), format: 'numeric' })),
    ],
    rows: [
      ...labelled.map((row) => [
        { text: row.label },
        ...row.cells.map((cell) => ({ text: cellText(cell, suppressed), format: 'numeric' })),
      ]),
      [
        { text: t('statistics.total') },
        ...table.total.cells.map((cell) => ({ text: cellText(cell, suppressed), format: 'numeric' })),
      ],
    ],
    chart: chartedTables.includes(table.name)
      ? barChart(
          labelled.map((row) => ({
            label: row.label,
            value: row.cells[0]?.suppressed ? null : (row.cells[0]?.value ?? 0),
          })),
          suppressed,
        )
      : undefined,
  };
}

type Scope = 'national' | 'organisation';

export function createStatisticsPages(deps: { services: ApiServices; clock: () => Date }): PageRoute[] {
  async function allowed(request: PageRequest, scope: Scope, year: string) {
    const viewer = viewerOf(request.person);
    const access = await checkStatisticsAccess(deps.services.guard, {
      viewer,
      request:
        scope === 'national' ? { scope: 'national' } : { scope: 'organisation', organisation: viewer.organisation },
      year,
      correlationId: request.correlationId,
    });
    if (!access.allowed) throw pageErrors.forbidden();
    return access;
  }

  function scopeOf(request: PageRequest): Scope {
    return request.query.get('scope') === 'organisation' ? 'organisation' : 'national';
  }

  function extractOf(request: PageRequest): string | undefined {
    const asked = ExtractId.safeParse(request.query.get('extract'));
    return asked.success ? asked.data : undefined;
  }

  async function yearOf(request: PageRequest, scope: Scope): Promise<{ year: string; years: string[] }> {
    const current = financialYearOf(deps.clock().toISOString().slice(0, 10));
    const start = Number(current.slice(0, 4));
    const years = Array.from(
      { length: YEARS_OFFERED },
      (_, index) => `${start - index}-${String((start - index + 1) % 100).padStart(2, '0')}`,
    );
    const asked = FinancialYear.safeParse(request.query.get('year'));
    if (asked.success) return { year: asked.data, years };
    // National figures open on the year of the latest extract (a new year has none until its first quarter closes).
    const latest = scope === 'national' ? (await deps.services.statistics.extracts())[0] : undefined;
    return { year: latest?.financialYear ?? current, years };
  }

  function chartsOf(views: ReturnType<typeof tableView>[]) {
    return chartedTables
      .map((name) => views.find((table) => table.name === name))
      .filter((table) => table !== undefined);
  }

  return [
    {
      method: 'GET',
      path: '/reports',
      access: 'signed-in',
      async handle(request) {
        const scope = scopeOf(request);
        const { year, years } = await yearOf(request, scope);
        const access = await allowed(request, scope, year);
        const { t, locale } = request;
        const seesOwn = seesOwnFigures(request);
        const common = {
          title: t('statistics.title'),
          scope,
          year,
          yearLabel: financialYearLabel(year),
          yearOptions: years.map((value) => ({ value, text: financialYearLabel(value), selected: value === year })),
          ownFiguresHref: seesOwn ? `/reports?scope=organisation&year=${encodeURIComponent(year)}` : null,
          nationalHref: `/reports?year=${encodeURIComponent(year)}`,
        };
        if (access.source === 'live') {
          const own = await deps.services.statistics.organisationTables(
            viewerOf(request.person).organisation,
            year,
            deps.clock().toISOString(),
          );
          const views = own.tables.map((table) =>
            tableView(table, `scope=organisation&year=${encodeURIComponent(year)}`, request),
          );
          return view('statistics', {
            ...common,
            asAtText: t('statistics.ownAsAt', { dateTime: formatDateTime(own.asAt, locale, t) }),
            disclosureControl: own.tables[0]?.disclosureControl ?? { applied: false, threshold: 0 },
            charts: chartsOf(views),
            tables: views,
          });
        }
        const extractId = extractOf(request);
        const found = await deps.services.statistics.extractTables({ year, extractId });
        const ofYear = (await deps.services.statistics.extracts()).filter((summary) => summary.financialYear === year);
        const extractLinks = ofYear.map((summary) => ({
          href: `/reports?year=${encodeURIComponent(year)}&extract=${encodeURIComponent(summary.id)}`,
          text: t('statistics.extractLink', { date: formatDate(summary.asAt, locale, t), revision: summary.revision }),
          current: summary.id === found?.extract.id,
        }));
        if (!found)
          return view('statistics', {
            ...common,
            noExtract: t('statistics.noExtract', { year: financialYearLabel(year) }),
            extractLinks,
            charts: [],
            tables: [],
          });
        const query = `year=${encodeURIComponent(year)}&extract=${encodeURIComponent(found.extract.id)}`;
        const views = found.tables.map((table) => tableView(table, query, request));
        return view('statistics', {
          ...common,
          asAtText: t('statistics.asAt', { date: formatDate(found.asAt, locale, t) }),
          producedText: t('statistics.produced', { date: formatDateTime(found.extract.producedAt, locale, t) }),
          extractLinks,
          disclosureControl: found.tables[0]?.disclosureControl ?? { applied: true, threshold: 0 },
          charts: chartsOf(views),
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
        const scope = scopeOf(request);
        const { year } = await yearOf(request, scope);
        const access = await allowed(request, scope, year);
        if (access.source === 'live') {
          const csv = await deps.services.statistics.organisationCsv(
            viewerOf(request.person).organisation,
            year,
            name.data,
            deps.clock().toISOString(),
          );
          return { kind: 'download', filename: csv.filename, contentType: 'text/csv; charset=utf-8', body: csv.body };
        }
        const csv = await deps.services.statistics.extractCsv({ year, extractId: extractOf(request) }, name.data);
        if (!csv) throw pageErrors.notFound();
        return { kind: 'download', filename: csv.filename, contentType: 'text/csv; charset=utf-8', body: csv.body };
      },
    },
  ];

  /** Whether the viewer may also see their own organisation's figures (a case worker): asked of the policy, not the role list. */
  function seesOwnFigures(request: PageRequest): boolean {
    const viewer = viewerOf(request.person);
    return decideStatisticsAccess(viewer, { scope: 'organisation', organisation: viewer.organisation }).allowed;
  }
}
