// The release's key results, generated from its tables: the totals, the shares of referrals and
// the change on the previous year, with the published figures of earlier years as the comparison
// (data/reference/published-prevent-figures.json). A figure hidden in the tables is never shown
// here either: the key results only read the tables after disclosure control.
import { csvField } from './csv.js';
import { type FinancialYear, financialYearLabel } from './financial-year.js';
import { type ReleaseTable, publishedYears } from './release-tables.js';

export interface KeyResult {
  measure: string;
  figure: number | null;
  /** Share of the year's referrals, in whole per cent. */
  shareOfReferrals: number | null;
  previousYear: number | null;
  /** Change on the previous year, in per cent to one decimal place. */
  change: number | null;
}

export interface KeyResults {
  year: FinancialYear;
  asAt: string;
  results: KeyResult[];
  sentences: string[];
}

const number = (value: number) => value.toLocaleString('en-GB');

function previousYearOf(year: FinancialYear): FinancialYear {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

function cellOf(tables: readonly ReleaseTable[], id: string, row: string, column = 0): number | null {
  return tables.find((t) => t.id === id)?.rows.find((r) => r.label === row)?.cells[column]?.value ?? null;
}

export function keyResults(
  tables: readonly ReleaseTable[],
  options: { year: FinancialYear; asAt: string },
): KeyResults {
  const previousLabel = financialYearLabel(previousYearOf(options.year));
  const previous = (column: number) => cellOf(tables, 'table-2', previousLabel, column);
  const referrals = cellOf(tables, 'table-1', 'Referrals');
  const share = (value: number | null) => (value === null || !referrals ? null : Math.round((value / referrals) * 100));
  const change = (now: number | null, before: number | null) =>
    now === null || !before ? null : Math.round(((now - before) / before) * 1000) / 10;
  const measure = (name: string, figure: number | null, previousYear: number | null, withShare = true): KeyResult => ({
    measure: name,
    figure,
    shareOfReferrals: withShare ? share(figure) : null,
    previousYear,
    change: change(figure, previousYear),
  });
  const published = publishedYears.find((p) => p.financialYear === previousYearOf(options.year));
  const sectors = tables.find((t) => t.id === 'table-3')!.rows.filter((row) => row.label !== 'Total');
  const sectorsRanked = sectors
    .map((row) => ({ label: row.label, value: row.cells[0]?.value ?? null }))
    .filter((row): row is { label: string; value: number } => row.value !== null)
    .sort((a, b) => b.value - a.value);
  const under18 = ['10 or under', '11 to 15', '16 to 17'].map((age) => cellOf(tables, 'table-5', age));
  const under18Total = under18.some((v) => v === null) ? null : (under18 as number[]).reduce((a, b) => a + b, 0);
  const results: KeyResult[] = [
    measure('Referrals', referrals, previous(0), false),
    measure('Discussed at a Channel panel', cellOf(tables, 'table-1', 'Discussed at a Channel panel'), previous(1)),
    measure('Adopted as a Channel case', cellOf(tables, 'table-1', 'Adopted as a Channel case'), previous(2)),
    measure(
      'Left Channel with no further terrorism-related concern',
      cellOf(tables, 'table-1', 'Left Channel with no further terrorism-related concern'),
      previous(3),
    ),
    measure(
      'Referrals from the Education sector',
      cellOf(tables, 'table-3', 'Education'),
      published?.education ?? null,
    ),
    measure('Referrals from the Police', cellOf(tables, 'table-3', 'Police'), published?.police ?? null),
    measure('Referrals of people under 18', under18Total, null),
  ];
  const [total, discussed, adopted, left, education, police, young] = results as [
    KeyResult,
    KeyResult,
    KeyResult,
    KeyResult,
    KeyResult,
    KeyResult,
    KeyResult,
  ];
  const yearEnd = `31 March ${Number(options.year.slice(0, 4)) + 1}`;
  const sentences: string[] = [];
  if (total.figure !== null) {
    const compared =
      total.change === null || total.previousYear === null
        ? ''
        : ` This is ${total.change >= 0 ? 'an increase' : 'a decrease'} of ${Math.abs(total.change)}% compared to the previous year (${number(total.previousYear)}).`;
    sentences.push(
      `In the year ending ${yearEnd}, there were ${number(total.figure)} referrals to Prevent.${compared}`,
    );
  }
  if (discussed.figure !== null && adopted.figure !== null)
    sentences.push(
      `Of these, ${number(discussed.figure)} individuals (${discussed.shareOfReferrals}% of referrals) were discussed at a Channel panel, and ${number(adopted.figure)} (${adopted.shareOfReferrals}% of referrals) were adopted as a Channel case.`,
    );
  if (left.figure !== null)
    sentences.push(
      `${number(left.figure)} individuals referred in the year had left Channel with no further terrorism-related concern by ${options.asAt}.`,
    );
  const [first, second] = sectorsRanked;
  if (first && second && referrals)
    sentences.push(
      `The ${first.label} sector made the highest number of referrals (${number(first.value)}; ${share(first.value)}%), followed by ${second.label} (${number(second.value)}; ${share(second.value)}%).`,
    );
  if (young.figure !== null) sentences.push(`${young.shareOfReferrals}% of the individuals referred were under 18.`);
  void education;
  void police;
  return { year: options.year, asAt: options.asAt, results, sentences };
}

const shown = (value: number | null, suffix = '') => (value === null ? '[x]' : `${value}${suffix}`);

export function keyResultsMarkdown(key: KeyResults): string {
  const rows = key.results.map(
    (r) =>
      `| ${r.measure} | ${r.figure === null ? '[c]' : number(r.figure)} | ${shown(r.shareOfReferrals, '%')} | ${r.previousYear === null ? '[x]' : number(r.previousYear)} | ${shown(r.change, '%')} |`,
  );
  return [
    `# Individuals referred to and supported through the Prevent Programme, ${financialYearLabel(key.year)}: key results`,
    '',
    `As at ${key.asAt}. England and Wales.`,
    '',
    ...key.sentences.map((sentence) => `- ${sentence}`),
    '',
    '| Measure | Number | Share of referrals | Previous year | Change on previous year |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    '[c]: hidden by disclosure control. [x]: not available.',
    '',
  ].join('\n');
}

export function keyResultsCsv(key: KeyResults): string {
  const lines = [
    [
      'Financial year',
      'As at',
      'Measure',
      'Number',
      'Share of referrals (%)',
      'Previous year',
      'Change on previous year (%)',
    ],
    ...key.results.map((r) => [
      financialYearLabel(key.year),
      key.asAt,
      r.measure,
      r.figure === null ? '[c]' : String(r.figure),
      shown(r.shareOfReferrals),
      shown(r.previousYear),
      shown(r.change),
    ]),
  ];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}
