// Disclosure control across every table of one extract at once.
//
// The release's tables share totals: each one-way table of a stage adds up to the same national
// figure, police force areas add up to their region, the type-of-concern-by-age and by-gender
// tables add up both ways to the one-way tables, and the outcomes add up to the referrals. Someone
// holding all the tables holds all those linear relations, so a count hidden in one table could be
// worked out from the others. The protection therefore runs over every cell of the extract and
// every relation between them, until no hidden cell can be recovered:
//
// 1. Primary: a count from 1 to threshold-1 (1-4 by default) is hidden. Zeros show.
// 2. Secondary, relation by relation: a relation with exactly one hidden cell gives it away (the
//    whole minus the visible parts, or the parts added up), and a relation whose hidden parts must
//    all be 1 (or all threshold-1) pins them down (see `possibleHiddenValues`): then the smallest
//    visible part of that relation is hidden too (a non-zero one first), or its whole if no part
//    is left.
// 3. Secondary, all relations together: a hidden cell whose value follows from the relations by
//    elimination (it is in the row space of the relations over the hidden cells, for example a
//    cell on no cycle of hidden cells in a two-way table) is recovered just as surely: the smallest
//    visible cell of a relation it is in is hidden, and everything is checked again.
// Each round hides one more cell, so it ends. The tests attack the result with an attacker written
// independently (exact rational elimination and bound propagation over the same relations).
import { DisclosureControlError, possibleHiddenValues } from './disclosure-control.js';

/** `whole` = the sum of `parts`: a total and what it is made of, possibly in different tables. */
export interface LinearRelation {
  whole: string;
  parts: readonly string[];
}

function isSmall(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

/** The relations that hold in the figures (a relation that does not hold is no help to anyone): the others are left out. */
export function relationsThatHold(values: ReadonlyMap<string, number>, relations: readonly LinearRelation[]) {
  return relations.filter(
    (relation) =>
      valueOf(values, relation.whole) === relation.parts.reduce((sum, part) => sum + valueOf(values, part), 0),
  );
}

function valueOf(values: ReadonlyMap<string, number>, cell: string): number {
  const value = values.get(cell);
  if (value === undefined)
    throw new DisclosureControlError(`a relation names a cell that is not in the tables: ${cell}`);
  return value;
}

/** The next cell to hide in a relation: its smallest visible non-zero part, else a visible zero part, else its whole. */
function nextToHide(
  values: ReadonlyMap<string, number>,
  relation: LinearRelation,
  hidden: ReadonlySet<string>,
): string | undefined {
  let best: string | undefined;
  let zero: string | undefined;
  for (const part of relation.parts) {
    if (hidden.has(part)) continue;
    const value = valueOf(values, part);
    if (value === 0) zero ??= part;
    else if (best === undefined || value < valueOf(values, best)) best = part;
  }
  const chosen = best ?? zero;
  if (chosen !== undefined) return chosen;
  return hidden.has(relation.whole) ? undefined : relation.whole;
}

/** Whether one relation on its own gives a hidden cell away. */
function relationRevealsACell(
  values: ReadonlyMap<string, number>,
  relation: LinearRelation,
  hidden: ReadonlySet<string>,
  threshold: number,
): boolean {
  const wholeHidden = hidden.has(relation.whole);
  let hiddenParts = 0;
  let hiddenSum = valueOf(values, relation.whole);
  for (const part of relation.parts) {
    if (hidden.has(part)) hiddenParts += 1;
    else hiddenSum -= valueOf(values, part);
  }
  const hiddenCount = hiddenParts + (wholeHidden ? 1 : 0);
  if (hiddenCount === 1) return true;
  if (wholeHidden || hiddenParts === 0) return false;
  const { low, high } = possibleHiddenValues(hiddenSum, hiddenParts, threshold);
  return low >= high;
}

/**
 * The hidden cells whose value follows from the relations by elimination, whatever the other
 * hidden cells are. Gauss-Jordan elimination over the hidden cells (the visible ones are known
 * numbers and drop out); the coefficients are small whole numbers, so a tolerance is safe.
 */
export function cellsRecoverableByElimination(
  relations: readonly LinearRelation[],
  hidden: ReadonlySet<string>,
): string[] {
  const unknowns = [...hidden];
  const column = new Map(unknowns.map((cell, index) => [cell, index]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    const add = (cell: string, by: number) => {
      const index = column.get(cell);
      if (index === undefined) return;
      row[index] = (row[index] as number) + by;
      any = true;
    };
    add(relation.whole, 1);
    for (const part of relation.parts) add(part, -1);
    if (any) rows.push(row);
  }
  const EPSILON = 1e-9;
  const pivotRowOf = new Map<number, number>();
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col += 1) {
    let pivot = -1;
    for (let r = rank; r < rows.length; r += 1) if (Math.abs((rows[r] as number[])[col] as number) > EPSILON) pivot = r;
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as number[], rows[rank] as number[]];
    const pivotRow = rows[rank] as number[];
    const scale = pivotRow[col] as number;
    for (let c = 0; c < pivotRow.length; c += 1) pivotRow[c] = (pivotRow[c] as number) / scale;
    for (let r = 0; r < rows.length; r += 1) {
      if (r === rank) continue;
      const row = rows[r] as number[];
      const factor = row[col] as number;
      if (Math.abs(factor) <= EPSILON) continue;
      for (let c = 0; c < row.length; c += 1) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
    pivotRowOf.set(col, rank);
    rank += 1;
  }
  const recoverable: string[] = [];
  for (const [col, r] of pivotRowOf) {
    const row = rows[r] as number[];
    if (row.every((value, c) => c === col || Math.abs(value) <= EPSILON)) recoverable.push(unknowns[col] as string);
  }
  return recoverable;
}

/** The cells to hide so that no small count can be seen or worked out from all the tables together. */
export function protectTogether(
  values: ReadonlyMap<string, number>,
  relations: readonly LinearRelation[],
  threshold: number,
): Set<string> {
  if (!Number.isInteger(threshold) || threshold < 2)
    throw new DisclosureControlError('the suppression threshold is a whole number of 2 or more');
  const holding = relationsThatHold(values, relations);
  const hidden = new Set<string>();
  for (const [cell, value] of values) if (isSmall(value, threshold)) hidden.add(cell);
  const relationsOf = new Map<string, LinearRelation[]>();
  for (const relation of holding)
    for (const cell of [relation.whole, ...relation.parts]) {
      const list = relationsOf.get(cell) ?? [];
      list.push(relation);
      relationsOf.set(cell, list);
    }
  for (;;) {
    let changed = false;
    for (const relation of holding) {
      while (relationRevealsACell(values, relation, hidden, threshold)) {
        const next = nextToHide(values, relation, hidden);
        if (next === undefined) break;
        hidden.add(next);
        changed = true;
      }
    }
    if (changed) continue;
    const recoverable = cellsRecoverableByElimination(holding, hidden);
    if (recoverable.length === 0) return hidden;
    const cell = recoverable[0] as string;
    let best: string | undefined;
    for (const relation of relationsOf.get(cell) ?? []) {
      const candidate = nextToHide(values, relation, hidden);
      if (candidate !== undefined && (best === undefined || valueOf(values, candidate) < valueOf(values, best)))
        best = candidate;
    }
    // Every relation of the cell already hides all its other cells: it is worked out by combining
    // relations, so hide the smallest visible cell of the nearest relations reached through hidden ones.
    best ??= nearestToHide(cell, values, relationsOf, hidden);
    if (best === undefined)
      throw new DisclosureControlError(`cell ${cell} can be worked out and nothing is left to hide beside it`);
    hidden.add(best);
  }
}

/** Breadth-first from `cell` through the relations of hidden cells: the smallest visible cell of the nearest ring. */
function nearestToHide(
  cell: string,
  values: ReadonlyMap<string, number>,
  relationsOf: ReadonlyMap<string, LinearRelation[]>,
  hidden: ReadonlySet<string>,
): string | undefined {
  const reached = new Set<string>([cell]);
  let ring = [cell];
  while (ring.length > 0) {
    const next: string[] = [];
    let best: string | undefined;
    for (const from of ring)
      for (const relation of relationsOf.get(from) ?? [])
        for (const other of [relation.whole, ...relation.parts]) {
          if (reached.has(other)) continue;
          reached.add(other);
          if (!hidden.has(other)) {
            if (best === undefined || valueOf(values, other) < valueOf(values, best)) best = other;
          } else next.push(other);
        }
    if (best !== undefined) return best;
    ring = next;
  }
  return undefined;
}
