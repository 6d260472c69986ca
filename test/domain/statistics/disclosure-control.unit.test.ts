import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type RecordedEvent } from '../../../events/index.js';
import {
  type StatisticsTable,
  emptyStatistics,
  foldStatistics,
  protectColumn,
  statisticsTable,
  statisticsTables,
} from '../../../domain/statistics/index.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';

/**
 * An attacker, written independently of the rule: from the visible cells and the total of a
 * column they know how many cells are hidden and what they add up to. Each hidden cell is at
 * least 1; the attacker may also assume every hidden cell is a small count (at most
 * threshold-1). By enumerating which sums the other hidden cells can make, they list every
 * value a hidden cell can take; a single possible value is a disclosure.
 */
function pinnedCells(values: readonly (number | null)[], total: number | null, threshold: number): number[] {
  if (total === null) return [];
  const hidden = values.filter((v) => v === null).length;
  if (hidden === 0) return [];
  const hiddenSum = total - values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const beliefs = [threshold - 1, hiddenSum];
  const pinned: number[] = [];
  for (const largest of beliefs) {
    // sums[j] = the sums j hidden cells, each in [1, largest], can make
    let sums = new Set([0]);
    for (let j = 1; j < hidden; j += 1) {
      const next = new Set<number>();
      for (const s of sums) for (let v = 1; v <= largest && s + v <= hiddenSum; v += 1) next.add(s + v);
      sums = next;
    }
    const possible: number[] = [];
    for (let v = 1; v <= Math.min(largest, hiddenSum); v += 1) if (sums.has(hiddenSum - v)) possible.push(v);
    if (possible.length === 1) pinned.push(possible[0] as number);
  }
  return pinned;
}

function expectNoDisclosure(table: StatisticsTable, threshold = 5): void {
  table.columns.forEach((column, c) => {
    const values = table.rows.map((row) => row.cells[c]?.value ?? null);
    for (const value of [...values, table.total.cells[c]?.value ?? null]) {
      if (value !== null)
        expect(value === 0 || value >= threshold, `${table.name} / ${column.heading}: visible ${value}`).toBe(true);
    }
    expect(
      pinnedCells(values, table.total.cells[c]?.value ?? null, threshold),
      `${table.name} / ${column.heading}`,
    ).toEqual([]);
  });
}

function foldYear(referrals: number, discussed: number, adopted: number, left: number, seed: number) {
  const model = emptyStatistics();
  const year = generateReferralYear({
    startYear: 2023,
    referrals,
    discussedAtPanel: discussed,
    adopted,
    leftNoFurtherConcern: left,
    seed,
    personal: 'erased',
  });
  for (const event of year.streams.flat() as RecordedEvent[]) foldStatistics(model, event);
  return model;
}

describe('disclosure control for viewers without case access', () => {
  const small = foldYear(240, 30, 14, 6, 7);

  it('hides every count of 1 to 4 and never lets a total give one back', () => {
    const tables = statisticsTables(small.counters, { year: '2023-24', viewer: 'aggregate-only' });
    expect(tables.some((t) => t.rows.some((r) => r.cells.some((c) => c.suppressed)))).toBe(true);
    for (const table of tables) expectNoDisclosure(table);
  });

  it('marks hidden cells as null with suppressed: true', () => {
    const byForce = statisticsTable('referrals-by-police-force-area', small.counters, {
      year: '2023-24',
      viewer: 'aggregate-only',
    });
    const hidden = byForce.rows.flatMap((r) => r.cells).filter((c) => c.suppressed);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((c) => c.value === null)).toBe(true);
    expect(byForce.disclosureControl).toEqual({ applied: true, threshold: 5 });
  });

  it('shows everything to a viewer with case access', () => {
    const byForce = statisticsTable('referrals-by-police-force-area', small.counters, {
      year: '2023-24',
      viewer: 'case-access',
    });
    expect(byForce.rows.flatMap((r) => r.cells).some((c) => c.suppressed)).toBe(false);
    expect(byForce.rows.flatMap((r) => r.cells).some((c) => c.value !== null && c.value > 0 && c.value < 5)).toBe(true);
    expect(byForce.disclosureControl.applied).toBe(false);
  });

  it('uses a configured threshold', () => {
    const tables = statisticsTables(small.counters, { year: '2023-24', viewer: 'aggregate-only', threshold: 10 });
    for (const table of tables) expectNoDisclosure(table, 10);
  });

  it('refuses an unknown viewer or a threshold below 2 in plain words', () => {
    expect(() => statisticsTables(small.counters, { year: '2023-24', viewer: 'aggregate-only', threshold: 1 })).toThrow(
      /threshold/,
    );
    expect(() => statisticsTables(small.counters, { year: '2023-24', viewer: 'analyst' as never })).toThrow(/viewer/);
  });
});

describe('the suppression rule', () => {
  it('hides a second cell when only one cell of a column is small', () => {
    expect(protectColumn({ cells: [120, 3, 40, 9], total: 172 }, 5)).toEqual({
      cellSuppressed: [false, true, false, true],
      totalSuppressed: false,
    });
  });

  it('hides a third cell when two small cells could only both be 1', () => {
    expect(protectColumn({ cells: [50, 1, 1, 7], total: 59 }, 5)).toEqual({
      cellSuppressed: [false, true, true, true],
      totalSuppressed: false,
    });
  });

  it('hides a third cell when two small cells could only both be 4', () => {
    expect(protectColumn({ cells: [50, 4, 4, 6], total: 64 }, 5).cellSuppressed).toEqual([false, true, true, true]);
  });

  it('hides a total that is itself small', () => {
    expect(protectColumn({ cells: [0, 3, 0], total: 3 }, 5)).toEqual({
      cellSuppressed: [false, true, false],
      totalSuppressed: true,
    });
  });

  it('hides a large cell as the second one when it is the only other', () => {
    expect(protectColumn({ cells: [2, 30], total: 32 }, 5)).toEqual({
      cellSuppressed: [true, true],
      totalSuppressed: false,
    });
  });

  it('hides the total when no cell is left to hide', () => {
    // Two hidden cells adding up to 8 could only be 4 and 4.
    expect(protectColumn({ cells: [4, 4], total: 8 }, 5)).toEqual({
      cellSuppressed: [true, true],
      totalSuppressed: true,
    });
  });

  it('never discloses a cell, whatever the column (property)', () => {
    const columnArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(columnArb, fc.integer({ min: 2, max: 10 }), (cells, threshold) => {
        const total = cells.reduce((a, b) => a + b, 0);
        const { cellSuppressed, totalSuppressed } = protectColumn({ cells, total }, threshold);
        const values = cells.map((v, i) => (cellSuppressed[i] ? null : v));
        values.forEach((v) => v === null || v === 0 || v >= threshold || expect.fail(`visible small count ${v}`));
        if (!totalSuppressed) expect(total === 0 || total >= threshold).toBe(true);
        expect(pinnedCells(values, totalSuppressed ? null : total, threshold)).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a column whose total is not the sum of its cells', () => {
    expect(() => protectColumn({ cells: [5, 6], total: 12 }, 5)).toThrow(/total/);
  });
});
