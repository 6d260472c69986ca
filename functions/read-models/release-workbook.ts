// The release's tables as one workbook download (XLSX, written by the maintained
// `write-excel-file` library, not by hand): a cover sheet saying what the figures are and what
// [c] and [x] mean, then one sheet per table, named by its number as the release names it.
// The library is loaded on the first download, not when the function starts: the statistics and
// web functions carry it for this one route, and every cold start would otherwise run it.
import { type Row, type SheetData } from 'write-excel-file/node';
import {
  type ReleaseTable,
  financialYearLabel,
  financialYearPeriod,
  releaseCellText,
} from '../../domain/statistics/index.js';

export async function releaseWorkbook(
  tables: readonly ReleaseTable[],
  options: { year: string; asAt: string; extractId: string; producedAt: string },
): Promise<Uint8Array> {
  const cover: SheetData = [
    [
      {
        value: 'Individuals referred to and supported through the Prevent Programme, England and Wales',
        fontWeight: 'bold',
      },
    ],
    [{ value: `${financialYearPeriod(options.year)} (${financialYearLabel(options.year)})` }],
    [{ value: `Extract ${options.extractId}, as at ${options.asAt}, produced ${options.producedAt}` }],
    [{ value: '[c]: hidden by disclosure control (counts of 1 to 4, and cells that would reveal them).' }],
    [{ value: '[x]: not available.' }],
    [{ value: 'Contents' }],
    ...tables.map((table): Row => [{ value: `${table.number}: ${table.title}` }]),
  ];
  const sheets = tables.map((table) => {
    const data: SheetData = [
      [{ value: `${table.number}: ${table.title}`, fontWeight: 'bold' }],
      [table.rowHeading, ...table.columns].map((heading) => ({ value: heading, fontWeight: 'bold' as const })),
      ...table.rows.map((row): Row => [
        { value: row.label },
        ...row.cells.map((cell) =>
          cell.value === null ? { value: releaseCellText(cell), align: 'right' as const } : { value: cell.value },
        ),
      ]),
    ];
    return { data, sheet: table.number };
  });
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const file = writeXlsxFile([{ data: cover, sheet: 'Cover' }, ...sheets]);
  return new Uint8Array(await file.toBuffer());
}
