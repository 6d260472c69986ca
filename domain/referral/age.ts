// A person's age: from a date of birth, or from the approximate age the referrer gave on the
// day of the referral. Ages count whole years; someone born on 29 February comes of age on
// 1 March in a common year.
import { type AgeBand, referenceLists } from '../../events/reference-data.js';
import { addYears } from './calendar.js';

/** What a person's age can be worked out from. Personal data: it goes when the referral is erased. */
export type AgeBasis =
  { kind: 'date-of-birth'; dateOfBirth: string } | { kind: 'approximate'; approximateAge: number; statedOn: string };

/** Whole years between two calendar dates (YYYY-MM-DD). */
export function wholeYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** The age on a calendar date, or null when nothing is known about the age. */
export function ageOn(basis: AgeBasis | null, onDate: string): number | null {
  if (!basis) return null;
  if (basis.kind === 'date-of-birth') return wholeYearsBetween(basis.dateOfBirth, onDate);
  return basis.approximateAge + Math.max(0, wholeYearsBetween(basis.statedOn, onDate));
}

/**
 * The basis the referral form gives: a date of birth wins over an approximate age. An
 * approximate age only means something with the day it was given (`submittedOn`).
 */
export function ageBasisFromForm(
  person: { dateOfBirth?: string; approximateAge?: number },
  submittedOn: string | null,
): AgeBasis | null {
  if (person.dateOfBirth !== undefined) return { kind: 'date-of-birth', dateOfBirth: person.dateOfBirth };
  if (person.approximateAge !== undefined && submittedOn !== null)
    return { kind: 'approximate', approximateAge: person.approximateAge, statedOn: submittedOn };
  return null;
}

/** The Home Office statistics age band of an age ("unknown" when the age is not known). */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null || age < 0) return 'unknown';
  const band = referenceLists.ageBands.items.find(
    (item) => item.min !== undefined && item.max !== undefined && age >= item.min && age <= item.max,
  );
  return band ? band.code : 'unknown';
}

/** The day after a calendar date. */
function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first day on which the person is `threshold` or older, by the same count as `ageOn` (someone
 * born on 29 February comes of age on 1 March in a common year). Null when nothing is known.
 */
export function comesOfAgeOn(basis: AgeBasis | null, threshold: number): string | null {
  if (!basis) return null;
  const from = basis.kind === 'date-of-birth' ? basis.dateOfBirth : basis.statedOn;
  const years = basis.kind === 'date-of-birth' ? threshold : threshold - basis.approximateAge;
  if (years <= 0) return from;
  const anniversary = addYears(from, years);
  return (ageOn(basis, anniversary) ?? 0) >= threshold ? anniversary : nextDay(anniversary);
}

/** The age on the day of the referral; an approximate age stated later counts back whole years. */
export function ageOnReferralDay(basis: AgeBasis | null, submittedOn: string): number | null {
  if (!basis || basis.kind === 'date-of-birth') return ageOn(basis, submittedOn);
  return Math.max(0, basis.approximateAge - Math.max(0, wholeYearsBetween(submittedOn, basis.statedOn)));
}
