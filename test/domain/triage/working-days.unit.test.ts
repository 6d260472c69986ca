import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type WorkingDayCalendar,
  addDays,
  addWorkingDays,
  calendarForLocalAuthority,
  englandCalendar,
  onOrNextWorkingDay,
  walesCalendar,
  workingDaysBetween,
} from '../../../domain/triage/index.js';

describe('bank holiday calendars of England and Wales (from date-holidays)', () => {
  it('knows Christmas, Easter and the substitute days', () => {
    expect(englandCalendar.bankHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(englandCalendar.bankHolidays(2026)).toContain('2026-04-03'); // Good Friday
    expect(englandCalendar.bankHolidays(2026)).toContain('2026-04-06'); // Easter Monday
    expect(englandCalendar.bankHolidays(2026)).toContain('2026-12-28'); // Boxing Day falls on a Saturday: substitute Monday
    expect(englandCalendar.isWorkingDay('2026-12-28')).toBe(false);
  });

  it('gives Wales the same bank holidays as England (if the library ever diverges, this test says so)', () => {
    for (let year = 2020; year <= 2035; year += 1) {
      expect(walesCalendar.bankHolidays(year), String(year)).toEqual(englandCalendar.bankHolidays(year));
    }
  });

  it('includes one-off bank holidays the library maintains (the 2023 coronation)', () => {
    expect(englandCalendar.isWorkingDay('2023-05-08')).toBe(false);
    expect(walesCalendar.isWorkingDay('2023-05-08')).toBe(false);
  });

  it('sends a Welsh authority to the Welsh calendar and everything else to England', () => {
    expect(calendarForLocalAuthority('W06000015').name).toBe('wales'); // Cardiff
    expect(calendarForLocalAuthority('E08000026').name).toBe('england'); // Coventry
    expect(calendarForLocalAuthority(null).name).toBe('england'); // national triage
  });
});

describe('adding working days', () => {
  it('skips Christmas Day, Boxing Day and the weekend: Thursday 18 Dec 2025 + 5 = Monday 29 Dec', () => {
    expect(addWorkingDays(englandCalendar, '2025-12-18', 5)).toBe('2025-12-29');
    expect(addWorkingDays(walesCalendar, '2025-12-18', 5)).toBe('2025-12-29');
  });

  it('skips Good Friday and Easter Monday 2026', () => {
    // Wednesday 1 April: Thu 2 (1), [Fri 3 Good Friday, weekend, Mon 6 Easter Monday], Tue 7 (2) ... Fri 10 (5)
    expect(addWorkingDays(englandCalendar, '2026-04-01', 5)).toBe('2026-04-10');
    expect(addWorkingDays(englandCalendar, '2026-04-02', 1)).toBe('2026-04-07');
  });

  it('skips an ordinary weekend', () => {
    expect(addWorkingDays(englandCalendar, '2025-10-03', 1)).toBe('2025-10-06'); // Friday -> Monday
    expect(addWorkingDays(englandCalendar, '2025-10-04', 1)).toBe('2025-10-06'); // Saturday -> Monday
    expect(addWorkingDays(englandCalendar, '2025-10-06', 5)).toBe('2025-10-13');
  });

  it('crosses New Year', () => {
    expect(addWorkingDays(englandCalendar, '2025-12-31', 1)).toBe('2026-01-02');
  });

  it('gives the start day back for zero working days, even on a weekend (urgent: the same day)', () => {
    expect(addWorkingDays(englandCalendar, '2025-12-25', 0)).toBe('2025-12-25');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addWorkingDays(englandCalendar, '2025-12-18', -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(englandCalendar, '2025-12-18', 1.5)).toThrow(/whole number/);
  });

  it('fails in plain words on a calendar without working days instead of looping', () => {
    const never: WorkingDayCalendar = { name: 'closed', isWorkingDay: () => false };
    expect(() => addWorkingDays(never, '2025-12-18', 1)).toThrow(/closed calendar has too few working days/);
  });

  it('moves a date to the next working day only when it is not one', () => {
    expect(onOrNextWorkingDay(englandCalendar, '2025-12-24')).toBe('2025-12-24');
    expect(onOrNextWorkingDay(englandCalendar, '2025-12-25')).toBe('2025-12-29');
  });

  it('always lands on a working day, strictly later, and counts back to the same number (property)', () => {
    const date = fc.integer({ min: 0, max: 365 * 15 }).map((n) => addDays('2020-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (from, n) => {
        const due = addWorkingDays(englandCalendar, from, n);
        expect(due > from).toBe(true);
        expect(englandCalendar.isWorkingDay(due)).toBe(true);
        expect(workingDaysBetween(englandCalendar, from, due)).toBe(n);
        expect(workingDaysBetween(englandCalendar, due, from)).toBe(-n);
      }),
      { numRuns: 300 },
    );
  });
});
