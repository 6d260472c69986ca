// The generated table the service reads must equal what the maintained library computes.
import { describe, expect, it } from 'vitest';
import table from '../../../data/reference/bank-holidays.json' with { type: 'json' };
import { bankHolidaysFromLibrary } from '../../../data/reference/bank-holidays-from-library.js';
import { BankHolidaysUnknownError, englandCalendar } from '../../../domain/triage/bank-holidays.js';

describe('bank holiday table', () => {
  it.each(['england', 'wales'] as const)(
    '%s equals the date-holidays library (run npm run import:bank-holidays if not)',
    (nation) => {
      expect(table[nation]).toEqual(bankHolidaysFromLibrary(nation));
    },
  );

  it('says plainly when a year is outside the table instead of treating it as having no holidays', () => {
    expect(() => englandCalendar.isWorkingDay(`${table.years.to + 1}-03-03`)).toThrow(BankHolidaysUnknownError);
    expect(() => englandCalendar.bankHolidays(table.years.from - 1)).toThrow(/import:bank-holidays/);
  });
});
