// What a revised extract changed: the cells of the release's tables whose figure as shown (after
// disclosure control) differs from the revision before, with both figures.
import { describe, expect, it } from 'vitest';
import {
  type StatisticsExtract,
  produceExtract,
  releaseCellText,
  releaseTables,
  reviseExtract,
  revisionChanges,
  statisticalHistory,
} from '../../../domain/statistics/index.js';
import { type RecordedEvent } from '../../../events/index.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';

const year = generateReferralYear({
  startYear: 2023,
  referrals: 400,
  discussedAtPanel: 60,
  adopted: 30,
  leftNoFurtherConcern: 20,
  seed: 11,
});
const period = { financialYear: '2023-24', quarter: 4 } as const;
const histories = (streams: readonly RecordedEvent[][]) => streams.map((stream) => statisticalHistory(stream));
const first = produceExtract({
  period,
  revision: 1,
  producedAt: '2025-01-06T09:00:00.000Z',
  histories: histories(year.streams),
  asAt: '2024-12-31',
});

function erasedInError(stream: readonly RecordedEvent[]): RecordedEvent[] {
  const last = stream.at(-1)!;
  return [
    ...stream,
    {
      ...last,
      eventId: `${last.streamId}-erased`,
      version: last.version + 1,
      type: 'PersonalDataErased',
      schemaVersion: 1,
      data: { reason: 'recorded-in-error' },
      personal: undefined,
      occurredAt: '2024-06-01T10:00:00.000Z',
    } as RecordedEvent,
  ];
}

const shownCache = new Map<StatisticsExtract, Map<string, string>>();
/** The figure a cell shows, read independently of revisionChanges: from the tables as served. */
function shown(extract: StatisticsExtract, table: string, row: string, column: string): string {
  if (!shownCache.has(extract)) {
    const cells = new Map<string, string>();
    for (const found of releaseTables(extract.release!, { year: '2023-24', threshold: 5 }).tables)
      for (const line of found.rows)
        found.columns.forEach((heading, index) =>
          cells.set(`${found.number}|${line.label}|${heading}`, releaseCellText(line.cells[index]!)),
        );
    shownCache.set(extract, cells);
  }
  return shownCache.get(extract)!.get(`${table}|${row}|${column}`)!;
}

describe('the changes a revision records', () => {
  it('are none when the figures are taken again from the same records', () => {
    const again = reviseExtract(first, {
      producedAt: '2025-02-01T09:00:00.000Z',
      histories: histories(year.streams),
      reason: 'taken again',
    });
    expect(revisionChanges(first, again, 5)).toEqual({ comparable: true, changes: [] });
  });

  it('list every cell whose figure as shown moved, with both figures, when a referral is erased as recorded in error', () => {
    const streams = year.streams.map((stream, index) => (index === 0 ? erasedInError(stream) : stream));
    const revised = reviseExtract(first, {
      producedAt: '2025-02-01T09:00:00.000Z',
      histories: histories(streams),
      reason: 'a referral was recorded in error',
    });
    const { comparable, changes } = revisionChanges(first, revised, 5);
    expect(comparable).toBe(true);
    expect(changes).toContainEqual({
      table: 'Table 1',
      row: 'Referrals',
      column: 'Number of individuals',
      before: '400',
      after: '399',
    });
    // Each change is a real one, and says what each extract shows in that cell.
    for (const change of changes) {
      expect(change.before).not.toBe(change.after);
      expect(shown(first, change.table, change.row, change.column)).toBe(change.before);
      expect(shown(revised, change.table, change.row, change.column)).toBe(change.after);
    }
    // Nothing else moved: every cell not listed shows the same in both.
    const listed = new Set(changes.map((change) => `${change.table}|${change.row}|${change.column}`));
    for (const table of releaseTables(revised.release!, { year: '2023-24', threshold: 5 }).tables)
      for (const row of table.rows)
        for (const column of table.columns)
          if (!listed.has(`${table.number}|${row.label}|${column}`))
            expect(shown(revised, table.number, row.label, column)).toBe(shown(first, table.number, row.label, column));
    // Figures are given as shown: a cell hidden by disclosure control stays [c], never its count.
    expect(changes.every((change) => /^(\d+|\[c\]|\[x\])$/.test(change.before))).toBe(true);
  });

  it('cannot be listed against an extract kept before the release tables', () => {
    const { release: _release, ...withoutRelease } = first;
    const revised = reviseExtract(withoutRelease, {
      producedAt: '2025-02-01T09:00:00.000Z',
      histories: histories(year.streams),
      reason: 'adds the release tables',
    });
    expect(revisionChanges(withoutRelease, revised, 5)).toEqual({ comparable: false, changes: [] });
  });
});
