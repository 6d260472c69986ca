// Calendar dates (YYYY-MM-DD) without a clock: the date of a stated time, whole months later.

/** The calendar date of an ISO date-time, in the offset it was stated in. */
export function dateOf(isoDateTime: string): string {
  return isoDateTime.slice(0, 10);
}

/** The date `months` calendar months after `isoDate`; a day the month lacks becomes its last day. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const targetMonthIndex = month - 1 + months;
  const lastDay = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(year, targetMonthIndex, Math.min(day, lastDay)));
  return target.toISOString().slice(0, 10);
}

/** The date `years` years after `isoDate` (29 February becomes 28 February in a common year). */
export function addYears(isoDate: string, years: number): string {
  return addMonths(isoDate, years * 12);
}
