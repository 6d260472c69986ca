// Counters: how many referrals sit in each cell of each table, derived from profiles. A
// referral contributes exactly one row per table; when its profile changes, the difference
// between the cells before and after is a set of +1/-1 deltas, so a store that applies the
// deltas together with the profile's checkpoint counts every referral exactly once.
import { type FinancialYear } from './financial-year.js';
import { type Measure, type TableName, breakdowns, measuresCounting } from './breakdowns.js';
import { type StatisticalProfile, countedInStatistics } from './statistical-profile.js';

export interface CounterCell {
  year: FinancialYear;
  table: TableName;
  row: string;
  rowLabel: string;
  measure: Measure;
}

export interface CounterDelta {
  /** `counterKey(cell)`: year#table#row#measure. */
  key: string;
  cell: CounterCell;
  by: 1 | -1;
}

/** Counts keyed by `counterKey`, and the label of each row keyed by `rowLabelKey`. Plain JSON. */
export interface StatisticsCounters {
  counts: Record<string, number>;
  labels: Record<string, string>;
}

const breakdownList = Object.values(breakdowns);

/** "2023-24#referrals-by-sector#education#adopted": sorts by year, then table, then row. */
export function counterKey(cell: Pick<CounterCell, 'year' | 'table' | 'row' | 'measure'>): string {
  return `${cell.year}#${cell.table}#${cell.row}#${cell.measure}`;
}

export function rowLabelKey(table: TableName, row: string): string {
  return `${table}#${row}`;
}

export function emptyCounters(): StatisticsCounters {
  return { counts: {}, labels: {} };
}

/** Every cell a referral counts in: none when the counting rules leave it out (docs/statistics-release.md). */
export function cellsOf(profile: StatisticalProfile): CounterCell[] {
  const cells: CounterCell[] = [];
  if (!countedInStatistics(profile)) return cells;
  for (const breakdown of breakdownList) {
    const row = breakdown.rowOf(profile);
    for (const measure of measuresCounting(profile, breakdown.measures)) {
      cells.push({ year: profile.financialYear, table: breakdown.name, row: row.key, rowLabel: row.label, measure });
    }
  }
  return cells;
}

/** The +1/-1 changes that move a referral from the cells of `before` to those of `after`. */
export function deltasBetween(before: StatisticalProfile | undefined, after: StatisticalProfile): CounterDelta[] {
  const old = new Map<string, CounterCell>();
  if (before) for (const cell of cellsOf(before)) old.set(counterKey(cell), cell);
  const deltas: CounterDelta[] = [];
  for (const cell of cellsOf(after)) {
    const key = counterKey(cell);
    if (old.has(key)) old.delete(key);
    else deltas.push({ key, cell, by: 1 });
  }
  for (const [key, cell] of old) deltas.push({ key, cell, by: -1 });
  return deltas;
}

/** Applies deltas to counters in place (the in-memory counterpart of a store's atomic ADD). */
export function applyDeltas(counters: StatisticsCounters, deltas: readonly CounterDelta[]): void {
  for (const { key, cell, by } of deltas) {
    const count = (counters.counts[key] ?? 0) + by;
    if (count === 0) delete counters.counts[key];
    else counters.counts[key] = count;
    if (by > 0) counters.labels[rowLabelKey(cell.table, cell.row)] = cell.rowLabel;
  }
}

/** Counters computed from scratch from a set of profiles (a rebuild, or a check of the incremental ones). */
export function countersOf(profiles: Iterable<StatisticalProfile>): StatisticsCounters {
  const counters = emptyCounters();
  for (const profile of profiles) applyDeltas(counters, deltasBetween(undefined, profile));
  return counters;
}
