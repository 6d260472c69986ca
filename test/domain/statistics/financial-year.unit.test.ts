import { describe, expect, it } from 'vitest';
import {
  FinancialYear,
  financialQuarterOf,
  financialYearLabel,
  financialYearOf,
  financialYearPeriod,
  quarterLabel,
} from '../../../domain/statistics/index.js';

describe('financial years', () => {
  it('run from April to March', () => {
    expect(financialYearOf('2023-04-01')).toBe('2023-24');
    expect(financialYearOf('2024-03-31')).toBe('2023-24');
    expect(financialYearOf('2024-04-01')).toBe('2024-25');
    expect(financialYearOf('1999-12-31')).toBe('1999-00');
  });

  it('have quarters from April to June (1) to January to March (4)', () => {
    expect(
      ['2023-04-01', '2023-06-30', '2023-07-01', '2023-12-31', '2024-01-01', '2024-03-31'].map(financialQuarterOf),
    ).toEqual([1, 1, 2, 3, 4, 4]);
    expect(quarterLabel('2023-24', 1)).toBe('April to June 2023');
    expect(quarterLabel('2023-24', 3)).toBe('October to December 2023');
    expect(quarterLabel('2023-24', 4)).toBe('January to March 2024');
  });

  it('read as the Home Office writes them', () => {
    expect(financialYearLabel('2023-24')).toBe('2023/24');
    expect(financialYearPeriod('2023-24')).toBe('April 2023 to March 2024');
    expect(FinancialYear.safeParse('2023-25').success).toBe(false);
    expect(FinancialYear.safeParse('2099-00').success).toBe(true);
  });
});
