// The bank holidays of England and of Wales as the date-holidays library computes them.
import Holidays from 'date-holidays';

export const BANK_HOLIDAY_YEARS = { from: 2000, to: 2060 } as const;

const regionOf = { england: 'ENG', wales: 'WLS' } as const;

export function bankHolidaysFromLibrary(nation: keyof typeof regionOf): string[] {
  const holidays = new Holidays('GB', regionOf[nation], { types: ['public', 'bank'] });
  const dates = new Set<string>();
  for (let year = BANK_HOLIDAY_YEARS.from; year <= BANK_HOLIDAY_YEARS.to; year += 1) {
    // `date` is the local calendar date, "2025-12-25 00:00:00": the first ten characters are the day.
    for (const holiday of holidays.getHolidays(year)) dates.add(holiday.date.slice(0, 10));
  }
  return [...dates].sort();
}
