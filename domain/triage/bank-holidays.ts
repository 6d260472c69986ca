// The bank holiday calendars of England and of Wales. The dates come from the maintained
// `date-holidays` library, through the table data/reference/bank-holidays.json that
// `npm run import:bank-holidays` generates from it (a test keeps the two equal), so the
// functions do not load the library and its time-zone database at run time.
//
// England and Wales share one set of bank holidays today. A case still follows the calendar
// of the nation it is routed to (see calendarForLocalAuthority), so that if Wales ever gains
// a holiday of its own (a St David's Day bank holiday has been proposed) Welsh cases pick it
// up from the library with no change here.
import bankHolidayTable from '../../data/reference/bank-holidays.json' with { type: 'json' };
import { type CalendarDate, isWeekend } from './calendar-date.js';
import { type WorkingDayCalendar } from './working-days.js';

export type BankHolidayNation = 'england' | 'wales';

export interface BankHolidayCalendar extends WorkingDayCalendar {
  readonly nation: BankHolidayNation;
  /** The bank holidays of a calendar year, as dates, in order. */
  bankHolidays(year: number): CalendarDate[];
}

export class BankHolidaysUnknownError extends Error {
  constructor(year: number) {
    super(
      `bank holidays for ${year} are not in the table (${bankHolidayTable.years.from}-${bankHolidayTable.years.to}): run npm run import:bank-holidays`,
    );
    this.name = 'BankHolidaysUnknownError';
  }
}

function createBankHolidayCalendar(nation: BankHolidayNation): BankHolidayCalendar {
  const dates = new Set<CalendarDate>(bankHolidayTable[nation]);
  const known = (year: number): void => {
    if (year < bankHolidayTable.years.from || year > bankHolidayTable.years.to)
      throw new BankHolidaysUnknownError(year);
  };
  return {
    name: nation,
    nation,
    bankHolidays: (year) => {
      known(year);
      return bankHolidayTable[nation].filter((date) => date.startsWith(`${year}-`));
    },
    isWorkingDay: (date) => {
      known(Number(date.slice(0, 4)));
      return !isWeekend(date) && !dates.has(date);
    },
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
