// A statistics table as CSV (RFC 4180: CRLF line ends, quoted where needed), one file per
// table, with the headings a Home Office analyst expects. Hidden cells are written "[c]"
// (confidential), the convention of Home Office and ONS tables. Every cell is neutralised
// against formula injection first: a spreadsheet would run a cell beginning with = + - @, a
// tab or a carriage return as a formula, so such a cell is written with a leading single quote.
import { financialYearLabel } from './financial-year.js';
import { type StatisticsTable, type TableCell } from './tables.js';

export const SUPPRESSED_MARK = '[c]';

/** A cell that a spreadsheet would take for a formula, or that could start one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formula injection, then quoted where RFC 4180 needs it. */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(value: TableCell): string {
  return value.suppressed ? SUPPRESSED_MARK : String(value.value);
}

/**
 * `asAt`: when the figures stood so, on every row: the last day of the quarter of a dated extract
 * (2023-12-31), or the instant live figures were read.
 */
export function toCsv(table: StatisticsTable, options: { asAt: string }): string {
  const year = financialYearLabel(table.financialYear);
  const { asAt } = options;
  const lines = [
    ['Financial year', 'As at', table.rowHeading, ...table.columns.map((c) => c.heading)],
    ...table.rows.map((row) => [year, asAt, row.label, ...row.cells.map(cell)]),
    [year, asAt, table.total.label, ...table.total.cells.map(cell)],
  ];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The file name a table is served and saved under: referrals-by-sector-2023-24-as-at-2023-12-31.csv. */
export function csvFileName(table: Pick<StatisticsTable, 'name' | 'financialYear'>, options: { asAt: string }): string {
  const asAt = options.asAt.replace(/[^0-9A-Za-z-]/g, '-');
  return `${table.name}-${table.financialYear}-as-at-${asAt}.csv`;
}
