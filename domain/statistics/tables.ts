// The Home Office tables for one financial year, as JSON, with disclosure control applied
// for viewers without case access.
import * as z from 'zod';
import { FinancialYear, financialYearPeriod } from './financial-year.js';
import { type Breakdown, type Measure, TableName, type TableRow, breakdowns, measureHeadings } from './breakdowns.js';
import { type StatisticsCounters, counterKey, rowLabelKey } from './counters.js';
import { protectColumn } from './disclosure-control.js';

export const StatisticsViewer = z.enum(['case-access', 'aggregate-only']);
export type StatisticsViewer = z.infer<typeof StatisticsViewer>;

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export const StatisticsTablesOptions = z.strictObject({
  year: FinancialYear,
  viewer: StatisticsViewer,
  /** The smallest count shown to viewers without case access; counts from 1 to threshold-1 are hidden. */
  threshold: z.number().int().min(2).max(100).default(DEFAULT_SUPPRESSION_THRESHOLD),
});
export type StatisticsTablesOptions = z.input<typeof StatisticsTablesOptions>;

export type TableCell = { value: number; suppressed: false } | { value: null; suppressed: true };

export interface StatisticsTable {
  name: TableName;
  title: string;
  financialYear: FinancialYear;
  period: string;
  rowHeading: string;
  columns: { key: Measure; heading: string }[];
  rows: { key: string; label: string; cells: TableCell[] }[];
  total: { label: 'Total'; cells: TableCell[] };
  disclosureControl: { applied: boolean; threshold: number };
}

export class StatisticsOptionsError extends Error {
  constructor(issues: string) {
    super(`the statistics request is not valid: ${issues}`);
    this.name = 'StatisticsOptionsError';
  }
}

function rowsOf(breakdown: Breakdown, counters: StatisticsCounters, year: FinancialYear): TableRow[] {
  const rows = new Map<string, TableRow>(breakdown.fixedRows(year).map((row) => [row.key, row]));
  const prefix = `${year}#${breakdown.name}#`;
  const seen: TableRow[] = [];
  for (const key of Object.keys(counters.counts)) {
    if (!key.startsWith(prefix)) continue;
    const row = key.slice(prefix.length, key.lastIndexOf('#'));
    if (rows.has(row) || seen.some((r) => r.key === row)) continue;
    seen.push({ key: row, label: counters.labels[rowLabelKey(breakdown.name, row)] ?? row });
  }
  seen.sort((a, b) => {
    if (a.key === breakdown.lastRowKey) return 1;
    if (b.key === breakdown.lastRowKey) return -1;
    return a.label.localeCompare(b.label, 'en-GB');
  });
  return [...rows.values(), ...seen];
}

function shown(value: number, suppressed: boolean): TableCell {
  return suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
}

export function statisticsTable(
  name: TableName,
  counters: StatisticsCounters,
  options: StatisticsTablesOptions,
): StatisticsTable {
  const parsed = StatisticsTablesOptions.safeParse(options);
  if (!parsed.success)
    throw new StatisticsOptionsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { year, viewer, threshold } = parsed.data;
  const breakdown = breakdowns[name];
  const rows = rowsOf(breakdown, counters, year);
  const columns = breakdown.measures.map((measure) => {
    const cells = rows.map((row) => counters.counts[counterKey({ year, table: name, row: row.key, measure })] ?? 0);
    const total = cells.reduce((a, b) => a + b, 0);
    const applied = viewer === 'aggregate-only';
    const protection = applied
      ? protectColumn({ cells, total }, threshold)
      : { cellSuppressed: cells.map(() => false), totalSuppressed: false };
    return { cells, total, protection };
  });
  return {
    name,
    title: breakdown.title,
    financialYear: year,
    period: financialYearPeriod(year),
    rowHeading: breakdown.rowHeading,
    columns: breakdown.measures.map((key) => ({ key, heading: measureHeadings[key] })),
    rows: rows.map((row, r) => ({
      key: row.key,
      label: row.label,
      cells: columns.map((column) => shown(column.cells[r] as number, column.protection.cellSuppressed[r] as boolean)),
    })),
    total: { label: 'Total', cells: columns.map((column) => shown(column.total, column.protection.totalSuppressed)) },
    disclosureControl: { applied: viewer === 'aggregate-only', threshold },
  };
}

/** Every Home Office table for the year, in their published order. */
export function statisticsTables(counters: StatisticsCounters, options: StatisticsTablesOptions): StatisticsTable[] {
  return TableName.options.map((name) => statisticsTable(name, counters, options));
}

/** The stable table names, as used in URLs (/statistics/{name}.csv). */
export const statisticsTableNames: readonly TableName[] = TableName.options;
