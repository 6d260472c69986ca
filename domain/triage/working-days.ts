// Working days: Monday to Friday, less the bank holidays of the calendar a case follows.
import { type CalendarDate, addDays } from './calendar-date.js';

/** Says whether a date is a working day. Behind an interface so tests and configuration choose the calendar. */
export interface WorkingDayCalendar {
  /** A short name for logs and reports, for example "england" or "wales". */
  readonly name: string;
  isWorkingDay(date: CalendarDate): boolean;
}

/** More working days than any target needs; guards against a calendar that never has a working day. */
const SEARCH_LIMIT_DAYS = 3_660;

export class WorkingDayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkingDayError';
  }
}

/**
 * The date `workingDays` working days after `from`. `from` itself is day zero and is not
 * counted, so 0 gives `from` back whatever day it is (an urgent "same day" deadline holds on
 * a Saturday too).
 */
export function addWorkingDays(calendar: WorkingDayCalendar, from: CalendarDate, workingDays: number): CalendarDate {
  if (!Number.isInteger(workingDays) || workingDays < 0)
    throw new WorkingDayError('a number of working days is a whole number, 0 or more');
  let date = from;
  let remaining = workingDays;
  let steps = 0;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) remaining -= 1;
    steps += 1;
    if (steps > SEARCH_LIMIT_DAYS)
      throw new WorkingDayError(`the ${calendar.name} calendar has too few working days to count ${workingDays}`);
  }
  return date;
}

/** `date` if it is a working day, otherwise the next working day. */
export function onOrNextWorkingDay(calendar: WorkingDayCalendar, date: CalendarDate): CalendarDate {
  return calendar.isWorkingDay(date) ? date : addWorkingDays(calendar, date, 1);
}

/**
 * Working days after `from` up to and including `to` (negative when `to` is earlier):
 * how late an item is, or how much time is left.
 */
export function workingDaysBetween(calendar: WorkingDayCalendar, from: CalendarDate, to: CalendarDate): number {
  if (to === from) return 0;
  const forward = to > from;
  const [start, end] = forward ? [from, to] : [to, from];
  let count = 0;
  for (let date = addDays(start, 1); date <= end; date = addDays(date, 1)) {
    if (calendar.isWorkingDay(date)) count += 1;
  }
  return forward ? count : -count;
}
