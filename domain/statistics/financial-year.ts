// Financial years (April to March) and their quarters, as the Home Office publishes them.
import * as z from 'zod';
import { type CalendarDate } from '../triage/calendar-date.js';

/** "2023-24": the year from 1 April 2023 to 31 March 2024 (URL-safe; shown as "2023/24"). */
export const FinancialYear = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}$/, 'a financial year looks like 2023-24')
  .refine(
    (year) => (Number(year.slice(0, 4)) + 1) % 100 === Number(year.slice(5, 7)),
    'a financial year spans two consecutive years, like 2023-24',
  );
export type FinancialYear = string;

export type Quarter = 1 | 2 | 3 | 4;
export const quarters: readonly Quarter[] = [1, 2, 3, 4];

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function startYearOf(year: FinancialYear): number {
  return Number(FinancialYear.parse(year).slice(0, 4));
}

export function financialYearOf(date: CalendarDate): FinancialYear {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** Quarter 1 is April to June; quarter 4 is January to March. */
export function financialQuarterOf(date: CalendarDate): Quarter {
  const month = Number(date.slice(5, 7));
  return (Math.floor(((month + 8) % 12) / 3) + 1) as Quarter;
}

/** "2023/24", as in the published tables. */
export function financialYearLabel(year: FinancialYear): string {
  return year.replace('-', '/');
}

/** "April 2023 to March 2024". */
export function financialYearPeriod(year: FinancialYear): string {
  const start = startYearOf(year);
  return `April ${start} to March ${start + 1}`;
}

/** "April to June 2023", ..., "January to March 2024". */
export function quarterLabel(year: FinancialYear, quarter: Quarter): string {
  const start = startYearOf(year);
  const firstMonth = (quarter - 1) * 3 + 3; // index into monthNames: April = 3
  const calendarYear = quarter === 4 ? start + 1 : start;
  return `${monthNames[firstMonth % 12]} to ${monthNames[(firstMonth + 2) % 12]} ${calendarYear}`;
}
