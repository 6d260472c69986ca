// A statistics table as CSV (RFC 4180: CRLF line ends, quoted where needed), one file per
// table, with the headings a Home Office analyst expects. Hidden cells are written "[c]"
// (confidential), the convention of Home Office and ONS tables.
import { financialYearLabel } from './financial-year.js';
import { type StatisticsTable, type TableCell } from './tables.js';

export const SUPPRESSED_MARK = '[c]';

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(value: TableCell): string {
  return value.suppressed ? SUPPRESSED_MARK : String(value.value);
}

export function toCsv(table: StatisticsTable): string {
  const year = financialYearLabel(table.financialYear);
  const lines = [
    ['Financial year', table.rowHeading, ...table.columns.map((c) => c.heading)],
    ...table.rows.map((row) => [year, row.label, ...row.cells.map(cell)]),
    [year, table.total.label, ...table.total.cells.map(cell)],
  ];
  return lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n';
}

/** The file name a table is served and saved under. */
export function csvFileName(table: StatisticsTable): string {
  return `${table.name}-${table.financialYear}.csv`;
}
