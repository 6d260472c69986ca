// The statistics fold as it was before issue 15 made it faster (domain/statistics/counters.ts and
// breakdowns.ts of casework-merged: every cell of both profiles built with its key and label, the
// London date from the zone's rules), kept as the reference the faster fold is compared with, cell
// by cell (test/domain/statistics/counters.unit.test.ts) and timed against (bench/statistics-replay.bench.ts).
import { type RecordedEvent, type ReferenceItem, referenceLists } from '../../../events/index.js';
import {
  type CounterCell,
  type CounterDelta,
  type StatisticalProfile,
  type StatisticsCounters,
  type StatisticsModel,
  type TableName,
  type TableRow,
  NOT_YET_ASSESSED,
  breakdowns,
  counterKey,
  countedTypes,
  countedInStatistics,
  evolveProfile,
  financialQuarterOf,
  financialYearOf,
  measuresCounting,
  quarterLabel,
  rowLabelKey,
  startProfile,
  typeOfConcernOf,
} from '../../../domain/statistics/index.js';

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export function referenceLondonDate(instant: string): string {
  const parts = Object.fromEntries(londonParts.formatToParts(Date.parse(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const labelIn = (items: readonly ReferenceItem[], code: string): string =>
  items.find((item) => item.code === code)?.en ?? code;

/** The rows whose labels the faster fold now looks up; the other tables' rows are unchanged code. */
function referenceRow(name: TableName, p: StatisticalProfile): TableRow {
  switch (name) {
    case 'referrals-by-quarter':
      return { key: `q${p.quarter}`, label: quarterLabel(p.financialYear, p.quarter) };
    case 'referrals-by-sector':
      return { key: p.sector, label: labelIn(referenceLists.referralSectors.items, p.sector) };
    case 'referrals-by-type-of-concern': {
      const type = typeOfConcernOf(p);
      return type === NOT_YET_ASSESSED
        ? { key: NOT_YET_ASSESSED, label: 'Not yet assessed' }
        : { key: type, label: labelIn(referenceLists.typesOfConcern.items, type) };
    }
    case 'referrals-by-age-band':
      return { key: p.ageBand, label: labelIn(referenceLists.ageBands.items, p.ageBand) };
    default:
      return breakdowns[name].rowOf(p);
  }
}

function referenceCells(profile: StatisticalProfile): CounterCell[] {
  const cells: CounterCell[] = [];
  if (!countedInStatistics(profile)) return cells;
  for (const breakdown of Object.values(breakdowns)) {
    const row = referenceRow(breakdown.name, profile);
    for (const measure of measuresCounting(profile, breakdown.measures))
      cells.push({ year: profile.financialYear, table: breakdown.name, row: row.key, rowLabel: row.label, measure });
  }
  return cells;
}

export function referenceDeltas(before: StatisticalProfile | undefined, after: StatisticalProfile): CounterDelta[] {
  const old = new Map<string, CounterCell>();
  if (before) for (const cell of referenceCells(before)) old.set(counterKey(cell), cell);
  const deltas: CounterDelta[] = [];
  for (const cell of referenceCells(after)) {
    const key = counterKey(cell);
    if (old.has(key)) old.delete(key);
    else deltas.push({ key, cell, by: 1 });
  }
  for (const [key, cell] of old) deltas.push({ key, cell, by: -1 });
  return deltas;
}

function referenceApply(counters: StatisticsCounters, deltas: readonly CounterDelta[]): void {
  for (const { key, cell, by } of deltas) {
    const count = (counters.counts[key] ?? 0) + by;
    if (count === 0) delete counters.counts[key];
    else counters.counts[key] = count;
    if (by > 0) counters.labels[rowLabelKey(cell.table, cell.row)] = cell.rowLabel;
  }
}

/** One event through the reference fold (streams replayed in order: no duplicates, no gaps). */
export function referenceFold(model: StatisticsModel, event: RecordedEvent): CounterDelta[] {
  const before = model.profiles[event.streamId];
  let after: StatisticalProfile;
  if (before) after = evolveProfile(before, event);
  else {
    const submittedOn = referenceLondonDate(event.occurredAt);
    after = {
      ...startProfile(event as RecordedEvent<'ReferralSubmitted'>),
      financialYear: financialYearOf(submittedOn),
      quarter: financialQuarterOf(submittedOn),
    };
  }
  const deltas = !before || countedTypes.has(event.type) ? referenceDeltas(before, after) : [];
  model.profiles[event.streamId] = after;
  referenceApply(model.counters, deltas);
  return deltas;
}
