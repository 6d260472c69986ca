// The release page (docs/statistics-release.md): the tables of the Home Office release
// "Individuals referred to and supported through the Prevent Programme" and its key results, from
// a dated extract, with disclosure control across all the tables; each table as CSV and the key
// results as CSV or Markdown. National figures: the same access as the national extracts.
import { ExtractId, FinancialYear, financialYearLabel, releaseCellText } from '../../domain/statistics/index.js';
import { type ApiServices } from '../../functions/api/api.js';
import { checkStatisticsAccess } from '../../functions/api/statistics/statistics-access.js';
import { formatDate, formatDateTime } from '../forms/answer-text.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageRoute, view } from '../http/page-route.js';

const RELEASE_FILE = /^(table-[0-9]{1,2}[a-d]?\.csv|key-results\.csv|key-results\.md)$/;

export function createReleasePages(deps: { services: ApiServices }): PageRoute[] {
  async function chosen(request: PageRequest) {
    const person = request.person;
    if (!person) throw pageErrors.forbidden();
    const asked = FinancialYear.safeParse(request.query.get('year'));
    const year = asked.success ? asked.data : (await deps.services.statistics.extracts())[0]?.financialYear;
    if (!year) return null;
    const access = await checkStatisticsAccess(deps.services.guard, {
      viewer: { user: person.user, organisation: person.organisation, role: person.role, roles: person.roles },
      request: { scope: 'national' },
      year,
      correlationId: request.correlationId,
    });
    if (!access.allowed) throw pageErrors.forbidden();
    const extract = ExtractId.safeParse(request.query.get('extract'));
    return { year, extractId: extract.success ? extract.data : undefined };
  }

  return [
    {
      method: 'GET',
      path: '/reports/release',
      access: 'signed-in',
      async handle(request) {
        const { t, locale } = request;
        const choice = await chosen(request);
        const common = { title: t('statisticsRelease.title'), backHref: '/reports' };
        if (!choice) return view('statistics-release', { ...common, message: t('statistics.noExtract', { year: '' }) });
        const found = await deps.services.statistics.release(choice);
        const yearLabel = financialYearLabel(choice.year);
        if (found === null)
          return view('statistics-release', {
            ...common,
            yearLabel,
            message: t('statistics.noExtract', { year: yearLabel }),
          });
        if (found === 'no-release')
          return view('statistics-release', { ...common, yearLabel, message: t('statisticsRelease.noRelease') });
        const query = `year=${encodeURIComponent(choice.year)}&extract=${encodeURIComponent(found.extract.id)}`;
        const numeric = (text: string) => ({ text, format: 'numeric' });
        const revision = await deps.services.revisions.changes(found.extract.id);
        const changes = revision?.changes?.comparable ? revision.changes.changes : null;
        return view('statistics-release', {
          ...common,
          yearLabel,
          asAtText: t('statistics.asAt', { date: formatDate(found.asAt, locale, t) }),
          producedText: t('statistics.produced', { date: formatDateTime(found.extract.producedAt, locale, t) }),
          suppressionNote: t('statistics.suppressionNote', {
            largestHidden: found.release.disclosureControl.threshold - 1,
            mark: t('statistics.suppressedMark'),
          }),
          notAvailableNote: t('statisticsRelease.notAvailableNote', { mark: '[x]' }),
          revisionNote: found.extract.revisionNote,
          changes:
            changes === null
              ? null
              : {
                  summary:
                    changes.length === 0
                      ? t('statisticsRelease.noChange')
                      : t('statisticsRelease.changedCells', { count: changes.length }),
                  head: [
                    { text: t('statisticsRelease.changeTable') },
                    { text: t('statisticsRelease.changeRow') },
                    { text: t('statisticsRelease.changeColumn') },
                    numeric(t('statisticsRelease.changeBefore')),
                    numeric(t('statisticsRelease.changeAfter')),
                  ],
                  rows: changes.map((change) => [
                    { text: change.table },
                    { text: change.row },
                    { text: change.column },
                    numeric(change.before),
                    numeric(change.after),
                  ]),
                },
          sentences: found.keyResults.sentences,
          keyResultsCsvHref: `/reports/release/key-results.csv?${query}`,
          keyResultsMarkdownHref: `/reports/release/key-results.md?${query}`,
          tables: found.release.tables.map((table) => ({
            id: table.id,
            caption: `${table.number}: ${table.title}`,
            csvHref: `/reports/release/${table.id}.csv?${query}`,
            head: [{ text: table.rowHeading }, ...table.columns.map(numeric)],
            rows: table.rows.map((row) => [
              { text: row.label },
              ...row.cells.map((cell) => numeric(releaseCellText(cell))),
            ]),
          })),
        });
      },
    },
    {
      method: 'GET',
      path: '/reports/release/{file}',
      access: 'signed-in',
      async handle(request) {
        const file = request.params.file ?? '';
        if (!RELEASE_FILE.test(file)) throw pageErrors.notFound();
        const choice = await chosen(request);
        if (!choice) throw pageErrors.notFound();
        const found = await deps.services.statistics.releaseFile(choice, file);
        if (found === null || found === 'no-release' || found === 'no-such-file' || typeof found.body !== 'string')
          throw pageErrors.notFound();
        return { kind: 'download', filename: found.filename, contentType: found.contentType, body: found.body };
      },
    },
  ];
}
