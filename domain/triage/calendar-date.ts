// Calendar dates ("2025-12-18") and the arithmetic triage and statistics need on them.
// Pure: no clock; dates are plain ISO strings so they store, compare and sort as text.
import * as z from 'zod';

export const CalendarDate = z.iso.date();
export type CalendarDate = string;

const DAY_MS = 86_400_000;

// Built once, on first use: constructing an Intl formatter is far dearer than using one (it loads
// the time-zone rules: 15-25 ms of CPU at every function's cold start when it was built at import,
// though only an instant in the last hour of a UTC day needs it).
let londonParts: Intl.DateTimeFormat | undefined;
const londonFormatter = (): Intl.DateTimeFormat =>
  (londonParts ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }));

const GMT_OR_BST_SINCE = Date.UTC(1972, 0, 1);
const FOUR_DIGIT_YEARS_UNTIL = Date.UTC(10_000, 0, 1);
const LAST_HOUR_OF_DAY_MS = 23 * 3_600_000;

export class CalendarDateError extends Error {
  constructor(what: string) {
    super(`${what} is not a valid date`);
    this.name = 'CalendarDateError';
  }
}

/** The date in England and Wales (Europe/London, with summer time) at an instant such as an event's occurredAt. */
export function londonDateOf(instant: string): CalendarDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new CalendarDateError('the instant');
  // Since 1972 London is on GMT or one hour ahead (BST), so before 23:00 UTC it is the same
  // date in London as in UTC: only the last hour of a UTC day needs the zone's rules (and the
  // statistics fold, which dates every referral, spends far less time here).
  if (ms >= GMT_OR_BST_SINCE && ms < FOUR_DIGIT_YEARS_UNTIL && ms % DAY_MS < LAST_HOUR_OF_DAY_MS) return utcDateOf(ms);
  let day = '';
  let month = '';
  let year = '';
  for (const part of londonFormatter().formatToParts(ms)) {
    if (part.type === 'day') day = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'year') year = part.value;
  }
  return `${year}-${month}-${day}`;
}

function toUtcMs(date: CalendarDate): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!CalendarDate.safeParse(date).success || Number.isNaN(ms)) throw new CalendarDateError('the date');
  return ms;
}

// The dates of recent days, by day number: a replay dates a million events over a few thousand days.
const recentDates = new Map<number, CalendarDate>();
function utcDateOf(ms: number): CalendarDate {
  const day = Math.floor(ms / DAY_MS);
  let date = recentDates.get(day);
  if (date === undefined) {
    if (recentDates.size >= 50_000) recentDates.clear();
    recentDates.set(day, (date = fromUtcMs(ms)));
  }
  return date;
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function isWeekend(date: CalendarDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** The same day of the month `months` later, or the last day of that month when it is shorter (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const start = new Date(toUtcMs(date));
  const firstOfTarget = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(start.getUTCDate(), lastDay)));
}
