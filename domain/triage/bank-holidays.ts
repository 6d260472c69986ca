// The bank holiday calendars of England and of Wales, computed by the maintained
// `date-holidays` library from its rules (no hand-kept list of dates here).
//
// England and Wales share one set of bank holidays today. A case still follows the calendar
// of the nation it is routed to (see calendarForLocalAuthority), so that if Wales ever gains
// a holiday of its own (a St David's Day bank holiday has been proposed) Welsh cases pick it
// up from the library with no change here.
import Holidays from 'date-holidays';
import { type CalendarDate, isWeekend } from './calendar-date.js';
import { type WorkingDayCalendar } from './working-days.js';

export type BankHolidayNation = 'england' | 'wales';

const regionOf: Record<BankHolidayNation, string> = { england: 'ENG', wales: 'WLS' };

export interface BankHolidayCalendar extends WorkingDayCalendar {
  readonly nation: BankHolidayNation;
  /** The bank holidays of a calendar year, as dates, in order. */
  bankHolidays(year: number): CalendarDate[];
}

function createBankHolidayCalendar(nation: BankHolidayNation): BankHolidayCalendar {
  const holidays = new Holidays('GB', regionOf[nation], { types: ['public', 'bank'] });
  const byYear = new Map<number, Set<CalendarDate>>();
  const holidaysOf = (year: number): Set<CalendarDate> => {
    let dates = byYear.get(year);
    if (!dates) {
      // `date` is the local calendar date, "2025-12-25 00:00:00": the first ten characters are the day.
      dates = new Set(holidays.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)));
      byYear.set(year, dates);
    }
    return dates;
  };
  return {
    name: nation,
    nation,
    bankHolidays: (year) => [...holidaysOf(year)].sort(),
    isWorkingDay: (date) => !isWeekend(date) && !holidaysOf(Number(date.slice(0, 4))).has(date),
  };
}

export const englandCalendar: BankHolidayCalendar = createBankHolidayCalendar('england');
export const walesCalendar: BankHolidayCalendar = createBankHolidayCalendar('wales');

/**
 * The calendar a case follows: Wales for a Welsh local authority (ONS codes W...), England
 * otherwise — English authorities, and referrals not (yet) placed in a local authority, which
 * national triage (in England) holds.
 */
export function calendarForLocalAuthority(localAuthorityCode: string | null | undefined): BankHolidayCalendar {
  return localAuthorityCode?.startsWith('W') ? walesCalendar : englandCalendar;
}
