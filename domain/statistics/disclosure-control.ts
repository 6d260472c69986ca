// Statistical disclosure control for viewers without case access.
//
// The rule (docs/decisions/0005-triage-and-statistics.md):
// 1. Primary suppression: a count from 1 to threshold-1 (1-4 by default) is hidden. Zeros
//    are shown. A total that small is hidden too.
// 2. Secondary suppression: in every column of a table, the visible cells and the total
//    give the sum of the hidden cells. While that sum lets someone pin down a hidden cell,
//    the next smallest visible cell of the column is hidden as well (or, when none is left,
//    the total). A hidden cell is pinned down when, knowing only that each hidden cell is at
//    least 1, and at most threshold-1 if the sum allows all of them to be that small, just
//    one value is possible for it: one hidden cell alone, hidden cells that must all be 1,
//    or hidden cells that must all be threshold-1.
// Rows of these tables have no total (their columns nest: adopted is part of discussed),
// so columns are the only lines a total can be subtracted along.

export interface ColumnToProtect {
  cells: readonly number[];
  total: number;
}

export interface ProtectedColumn {
  cellSuppressed: boolean[];
  totalSuppressed: boolean;
}

export class DisclosureControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisclosureControlError';
  }
}

/** The values a hidden cell could take, as the interval [low, high], given the sum and count of the hidden cells of its line. */
export function possibleHiddenValues(
  hiddenSum: number,
  hiddenCount: number,
  threshold: number,
): { low: number; high: number } {
  const others = hiddenCount - 1;
  const largestPrimary = threshold - 1;
  if (hiddenSum <= hiddenCount * largestPrimary) {
    return {
      low: Math.max(1, hiddenSum - others * largestPrimary),
      high: Math.min(largestPrimary, hiddenSum - others),
    };
  }
  return { low: 1, high: hiddenSum - others };
}

/** Whether subtracting the visible cells from the total pins down a hidden cell. */
export function revealsAHiddenCell(
  column: ColumnToProtect,
  cellSuppressed: readonly boolean[],
  totalSuppressed: boolean,
  threshold: number,
): boolean {
  if (totalSuppressed) return false;
  let hiddenCount = 0;
  let hiddenSum = column.total;
  column.cells.forEach((value, index) => {
    if (cellSuppressed[index]) hiddenCount += 1;
    else hiddenSum -= value;
  });
  if (hiddenCount === 0) return false;
  const { low, high } = possibleHiddenValues(hiddenSum, hiddenCount, threshold);
  return low >= high;
}

function isSmall(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

/** Hides the cells of one column (and its total if need be) so that no small count can be seen or worked out. */
export function protectColumn(column: ColumnToProtect, threshold: number): ProtectedColumn {
  if (!Number.isInteger(threshold) || threshold < 2)
    throw new DisclosureControlError('the suppression threshold is a whole number of 2 or more');
  const sum = column.cells.reduce((a, b) => a + b, 0);
  if (sum !== column.total) throw new DisclosureControlError('a column total does not equal the sum of its cells');
  const cellSuppressed = column.cells.map((value) => isSmall(value, threshold));
  let totalSuppressed = isSmall(column.total, threshold);
  while (revealsAHiddenCell(column, cellSuppressed, totalSuppressed, threshold)) {
    const next = nextToHide(column.cells, cellSuppressed);
    if (next === undefined) totalSuppressed = true;
    else cellSuppressed[next] = true;
  }
  return { cellSuppressed, totalSuppressed };
}

/** The smallest visible non-zero cell, else a visible zero, else none. */
function nextToHide(cells: readonly number[], suppressed: readonly boolean[]): number | undefined {
  let best: number | undefined;
  let bestZero: number | undefined;
  cells.forEach((value, index) => {
    if (suppressed[index]) return;
    if (value === 0) bestZero ??= index;
    else if (best === undefined || value < (cells[best] as number)) best = index;
  });
  return best ?? bestZero;
}
