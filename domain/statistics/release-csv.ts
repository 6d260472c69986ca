// One CSV per table of the release (RFC 4180, CRLF), named by the release's table number, with
// the conventions of Home Office tables: `[c]` for a figure hidden by disclosure control, `[x]`
// for one not available (a published year whose release did not state it here). Every cell goes
// through `csvField`, which neutralises formula injection.
import { csvField, SUPPRESSED_MARK } from './csv.js';
import { financialYearLabel, type FinancialYear } from './financial-year.js';
import { type ReleaseCell, type ReleaseTable } from './release-tables.js';

export const NOT_AVAILABLE_MARK = '[x]';

export function releaseCellText(cell: ReleaseCell): string {
  if (cell.suppressed) return SUPPRESSED_MARK;
  if (cell.value === null) return NOT_AVAILABLE_MARK;
  return String(cell.value);
}

export function releaseTableCsv(table: ReleaseTable, options: { year: FinancialYear; asAt: string }): string {
  const year = financialYearLabel(options.year);
  const lines = [
    [`${table.number}: ${table.title}`],
    ['Financial year', 'As at', table.rowHeading, ...table.columns],
    ...table.rows.map((row) => [year, options.asAt, row.label, ...row.cells.map(releaseCellText)]),
  ];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** prevent-programme-2023-24-table-3-as-at-2024-03-31.csv */
export function releaseFileName(
  options: { year: FinancialYear; asAt: string },
  what: string,
  extension: 'csv' | 'xlsx' | 'md',
): string {
  const asAt = options.asAt.replace(/[^0-9A-Za-z-]/g, '-');
  return `prevent-programme-${options.year}-${what}-as-at-${asAt}.${extension}`;
}
