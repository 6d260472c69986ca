import { describe, expect, it } from 'vitest';
import { type StatisticsTable, csvField, csvFileName, toCsv } from '../../../domain/statistics/index.js';

const table: StatisticsTable = {
  name: 'referrals-by-police-force-area',
  title: 'Referrals by police force area',
  financialYear: '2023-24',
  period: 'April 2023 to March 2024',
  rowHeading: 'Police force area',
  columns: [
    { key: 'referrals', heading: 'Referrals' },
    { key: 'discussed-at-panel', heading: 'Discussed at a Channel panel' },
  ],
  rows: [
    {
      key: 'E23000001',
      label: 'Metropolitan Police',
      cells: [
        { value: 1203, suppressed: false },
        { value: 140, suppressed: false },
      ],
    },
    {
      key: 'E23000034',
      label: 'London, City of',
      cells: [
        { value: null, suppressed: true },
        { value: 0, suppressed: false },
      ],
    },
    {
      key: 'X',
      label: 'A "quoted" name',
      cells: [
        { value: 20, suppressed: false },
        { value: null, suppressed: true },
      ],
    },
  ],
  total: {
    label: 'Total',
    cells: [
      { value: 1226, suppressed: false },
      { value: null, suppressed: true },
    ],
  },
  disclosureControl: { applied: true, threshold: 5 },
};

describe('statistics as CSV', () => {
  it('writes the headings, the date the figures are as at on every row, a total and [c] for hidden cells, with CRLF line ends', () => {
    expect(toCsv(table, { asAt: '2023-12-31' })).toBe(
      [
        'Financial year,As at,Police force area,Referrals,Discussed at a Channel panel',
        '2023/24,2023-12-31,Metropolitan Police,1203,140',
        '2023/24,2023-12-31,"London, City of",[c],0',
        '2023/24,2023-12-31,"A ""quoted"" name",20,[c]',
        '2023/24,2023-12-31,Total,1226,[c]',
        '',
      ].join('\r\n'),
    );
  });

  it('names the file after the table, the year and the date the figures are as at', () => {
    expect(csvFileName(table, { asAt: '2023-12-31' })).toBe(
      'referrals-by-police-force-area-2023-24-as-at-2023-12-31.csv',
    );
  });
});

describe('CSV cells cannot be read as formulas by a spreadsheet', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('a cell starting %j is written %j', (text, written) => {
    expect(csvField(text)).toBe(written);
  });

  it('leaves ordinary cells, numbers and the suppression mark as they are', () => {
    expect(csvField('Metropolitan Police')).toBe('Metropolitan Police');
    expect(csvField('1203')).toBe('1203');
    expect(csvField('[c]')).toBe('[c]');
    expect(csvField('a = b')).toBe('a = b');
  });

  it('neutralises every cell of a table: row labels and headings alike', () => {
    const hostile: StatisticsTable = {
      ...table,
      rowHeading: '@heading',
      rows: [
        {
          key: 'X',
          label: "=cmd|' /C calc'!A0",
          cells: [
            { value: 3, suppressed: false },
            { value: 0, suppressed: false },
          ],
        },
      ],
      total: {
        label: 'Total',
        cells: [
          { value: 3, suppressed: false },
          { value: 0, suppressed: false },
        ],
      },
    };
    const lines = toCsv(hostile, { asAt: '2023-12-31' }).split('\r\n');
    expect(lines[0]).toBe("Financial year,As at,'@heading,Referrals,Discussed at a Channel panel");
    expect(lines[1]).toBe("2023/24,2023-12-31,'=cmd|' /C calc'!A0,3,0");
  });
});
