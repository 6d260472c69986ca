import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandOf, ageBasisFromForm, ageOn, isChildOn, referralPolicy } from '../../../domain/referral/index.js';
import { addMonths, addYears, dateOf } from '../../../domain/referral/calendar.js';
import { referenceLists } from '../../../events/reference-data.js';

const born = (dateOfBirth: string) => ({ kind: 'date-of-birth', dateOfBirth }) as const;

/** The day of someone's n-th birthday; 29 February falls on 1 March in a common year. */
function nthBirthday(dateOfBirth: string, n: number): string {
  const year = Number(dateOfBirth.slice(0, 4)) + n;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = dateOfBirth.slice(5) === '02-29' && !leap ? '03-01' : dateOfBirth.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

describe('age on a day', () => {
  it('counts whole years from a date of birth', () => {
    expect(ageOn(born('2007-01-10'), '2025-01-09')).toBe(17);
    expect(ageOn(born('2007-01-10'), '2025-01-10')).toBe(18);
    expect(ageOn(born('2007-01-10'), '2007-01-10')).toBe(0);
  });

  it('has someone born on 29 February come of age on 1 March in a common year', () => {
    expect(ageOn(born('2008-02-29'), '2026-02-28')).toBe(17);
    expect(ageOn(born('2008-02-29'), '2026-03-01')).toBe(18);
    expect(ageOn(born('2008-02-29'), '2028-02-29')).toBe(20);
  });

  it('ages an approximate age from the day it was given', () => {
    const basis = ageBasisFromForm({ approximateAge: 17 }, '2024-01-06');
    expect(basis).toEqual({ kind: 'approximate', approximateAge: 17, statedOn: '2024-01-06' });
    expect(ageOn(basis, '2025-01-05')).toBe(17);
    expect(ageOn(basis, '2025-01-06')).toBe(18);
  });

  it('prefers a date of birth, and knows nothing without either, or without the day an approximate age was given', () => {
    expect(ageBasisFromForm({ dateOfBirth: '2001-02-03', approximateAge: 40 }, '2025-01-06')).toEqual(
      born('2001-02-03'),
    );
    expect(ageBasisFromForm({}, '2025-01-06')).toBeNull();
    expect(ageBasisFromForm({ approximateAge: 40 }, null)).toBeNull();
    expect(ageOn(null, '2025-01-06')).toBeNull();
  });

  it('agrees with counting birthdays one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 }), (bornDay, laterBy) => {
        const day = (n: number) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const dateOfBirth = day(bornDay);
        const on = day(bornDay + laterBy);
        let birthdays = 0;
        while (nthBirthday(dateOfBirth, birthdays + 1) <= on) birthdays += 1;
        expect(ageOn(born(dateOfBirth), on)).toBe(birthdays);
      }),
      { numRuns: 500 },
    );
  });
});

describe('age bands', () => {
  it.each([
    [0, '10-or-under'],
    [10, '10-or-under'],
    [11, '11-15'],
    [15, '11-15'],
    [16, '16-17'],
    [17, '16-17'],
    [18, '18-20'],
    [20, '18-20'],
    [21, '21-30'],
    [31, '31-40'],
    [40, '31-40'],
    [41, '41-and-over'],
    [120, '41-and-over'],
    [null, 'unknown'],
  ] as const)('puts age %s in band %s', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });

  it('puts every age in the reference band that contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (age) => {
        const band = referenceLists.ageBands.items.find((item) => item.code === ageBandOf(age));
        expect(band?.min).toBeLessThanOrEqual(age);
        expect(band?.max).toBeGreaterThanOrEqual(age);
      }),
    );
  });
});

describe('who is a child for consent', () => {
  it('is anyone under the configured age, or of unknown age', () => {
    const policy = referralPolicy();
    expect(isChildOn(born('2007-06-01'), '2025-05-31', policy)).toBe(true);
    expect(isChildOn(born('2007-06-01'), '2025-06-01', policy)).toBe(false);
    expect(isChildOn(null, '2025-06-01', policy)).toBe(true);
    expect(isChildOn(born('2009-06-01'), '2025-06-01', referralPolicy({ childConsentAgeThreshold: 16 }))).toBe(false);
  });

  it('refuses a configuration that makes no sense', () => {
    expect(() => referralPolicy({ childConsentAgeThreshold: 0 })).toThrow();
    expect(() => referralPolicy({ retentionYears: 1.5 })).toThrow();
  });
});

describe('calendar', () => {
  it('keeps to the last day of a shorter month', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-06-30', 12)).toBe('2026-06-30');
    expect(addYears('2024-02-29', 6)).toBe('2030-02-28');
  });

  it('reads the day of a time in the offset it was given in', () => {
    expect(dateOf('2025-03-30T23:30:00+01:00')).toBe('2025-03-30');
    expect(dateOf('2025-03-30T23:30:00Z')).toBe('2025-03-30');
  });
});
