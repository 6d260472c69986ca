// Counters: how many referrals sit in each cell of each table, derived from profiles. A
// referral contributes exactly one row per table; when its profile changes, the difference
// between the cells before and after is a set of +1/-1 deltas, so a store that applies the
// deltas together with the profile's checkpoint counts every referral exactly once.
import { type FinancialYear } from './financial-year.js';
import { Measure, type TableName, type TableRow, breakdowns, measuresCounting, measuresOf } from './breakdowns.js';
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

/**
 * The +1/-1 changes that move a referral from the cells of `before` to those of `after`: the
 * cells of `after` that `before` lacks (+1), then those of `before` that `after` lacks (-1), each
 * in the order of `cellsOf`. Compared table by table (within a year, a table's cells differ only
 * in row and measure), so nothing is built for a cell an event leaves alone.
 */
export function deltasBetween(before: StatisticalProfile | undefined, after: StatisticalProfile): CounterDelta[] {
  const wasCounted = before !== undefined && countedInStatistics(before);
  const isCounted = countedInStatistics(after);
  if (!wasCounted && !isCounted) return [];
  const beforeMeasures = wasCounted ? measuresOf(before) : undefined;
  const afterMeasures = isCounted ? measuresOf(after) : undefined;
  const sameYear = before?.financialYear === after.financialYear;
  const added: CounterDelta[] = [];
  const removed: CounterDelta[] = [];
  for (const breakdown of breakdownList) {
    const oldRow = wasCounted ? breakdown.rowOf(before) : undefined;
    const newRow = isCounted ? breakdown.rowOf(after) : undefined;
    const sameRow = oldRow !== undefined && newRow !== undefined && oldRow.key === newRow.key && sameYear;
    for (const measure of breakdown.measures) {
      const inNew = afterMeasures?.[measure] === true;
      const inOld = beforeMeasures?.[measure] === true;
      if (newRow && inNew && !(sameRow && inOld)) added.push(delta(after, breakdown.name, newRow, measure, 1));
      if (before && oldRow && inOld && !(sameRow && inNew))
        removed.push(delta(before, breakdown.name, oldRow, measure, -1));
    }
  }
  return removed.length === 0 ? added : added.concat(removed);
}

// Every distinct delta is made once and shared (nothing changes a delta, and they are frozen so
// nothing can): a national replay moves millions of referrals between a few thousand cells, and
// building each delta's key string anew was most of the fold's time. Per table: year -> row -> slot.
const measureSlots = Object.fromEntries(Measure.options.map((measure, index) => [measure, index * 2])) as Record<
  Measure,
  number
>;
const madeDeltas = new Map<TableName, Map<string, Map<string, CounterDelta[]>>>();

function delta(
  profile: StatisticalProfile,
  table: TableName,
  row: TableRow,
  measure: Measure,
  by: 1 | -1,
): CounterDelta {
  let byYear = madeDeltas.get(table);
  if (!byYear) madeDeltas.set(table, (byYear = new Map()));
  let byRow = byYear.get(profile.financialYear);
  if (!byRow) byYear.set(profile.financialYear, (byRow = new Map()));
  let slots = byRow.get(row.key);
  if (!slots) byRow.set(row.key, (slots = []));
  const slot = measureSlots[measure] + (by === 1 ? 0 : 1);
  const made = slots[slot];
  // A row's label comes from the data (a force's name): a delta is shared only with the same label.
  if (made && made.cell.rowLabel === row.label) return made;
  const cell: CounterCell = Object.freeze({
    year: profile.financialYear,
    table,
    row: row.key,
    rowLabel: row.label,
    measure,
  });
  const fresh: CounterDelta = Object.freeze({ key: counterKey(cell), cell, by });
  if (!made) slots[slot] = fresh;
  return fresh;
}

const labelKeys = new WeakMap<CounterCell, string>();
function labelKeyOf(cell: CounterCell): string {
  let key = labelKeys.get(cell);
  if (key === undefined) labelKeys.set(cell, (key = rowLabelKey(cell.table, cell.row)));
  return key;
}

/** Applies deltas to counters in place (the in-memory counterpart of a store's atomic ADD). */
export function applyDeltas(counters: StatisticsCounters, deltas: readonly CounterDelta[]): void {
  for (const { key, cell, by } of deltas) {
    const count = (counters.counts[key] ?? 0) + by;
    if (count === 0) delete counters.counts[key];
    else counters.counts[key] = count;
    if (by > 0) counters.labels[labelKeyOf(cell)] = cell.rowLabel;
  }
}

/** Counters computed from scratch from a set of profiles (a rebuild, or a check of the incremental ones). */
export function countersOf(profiles: Iterable<StatisticalProfile>): StatisticsCounters {
  const counters = emptyCounters();
  for (const profile of profiles) applyDeltas(counters, deltasBetween(undefined, profile));
  return counters;
}
