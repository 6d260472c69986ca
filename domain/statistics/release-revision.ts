// What a revised extract changed: every cell of the release's tables whose figure as shown
// differs between the revision and the one before it, with both figures as shown, after
// disclosure control (`[c]` for a hidden figure). Both extracts are kept and each can be read
// in full, so listing the cells adds nothing to what the two extracts show; the revision note
// still names only the tables (decision 0012). The comparison with earlier years (Table 2) is
// compared on this year's row only: the other years' figures are not part of the extract.
import { type StatisticsExtract } from './extracts.js';
import { releaseCellText } from './release-csv.js';
import { type ReleaseTable, releaseTables } from './release-tables.js';

export interface ReleaseCellChange {
  /** "Table 4" */
  table: string;
  row: string;
  column: string;
  /** As shown: a figure, `[c]` (hidden) or `[x]` (not available). */
  before: string;
  after: string;
}

export type RevisionChanges =
  | { comparable: true; changes: ReleaseCellChange[] }
  /** The earlier extract was kept before the release tables were: every figure is new. */
  | { comparable: false; changes: [] };

function shownCells(
  tables: readonly ReleaseTable[],
): Map<string, { table: string; row: string; column: string; text: string }> {
  const cells = new Map<string, { table: string; row: string; column: string; text: string }>();
  for (const table of tables)
    table.rows.forEach((row, rowIndex) =>
      row.cells.forEach((cell, columnIndex) => {
        const column = table.columns[columnIndex] ?? `column ${columnIndex + 1}`;
        cells.set(`${table.id}|${rowIndex}|${columnIndex}`, {
          table: table.number,
          row: row.label,
          column,
          text: releaseCellText(cell),
        });
      }),
    );
  return cells;
}

/** The cells of the release's tables that differ, as shown with disclosure control at `threshold`, in table order. */
export function revisionChanges(
  before: StatisticsExtract,
  after: StatisticsExtract,
  threshold: number,
): RevisionChanges {
  if (!before.release || !after.release) return { comparable: false, changes: [] };
  const shown = (extract: StatisticsExtract) =>
    shownCells(releaseTables(extract.release ?? {}, { year: extract.financialYear, threshold }).tables);
  const old = shown(before);
  const changes: ReleaseCellChange[] = [];
  for (const [key, cell] of shown(after)) {
    const previous = old.get(key)?.text ?? '[x]';
    if (previous !== cell.text)
      changes.push({ table: cell.table, row: cell.row, column: cell.column, before: previous, after: cell.text });
  }
  return { comparable: true, changes };
}
