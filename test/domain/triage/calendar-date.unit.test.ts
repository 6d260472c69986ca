import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarDateError, londonDateOf } from '../../../domain/triage/calendar-date.js';

// The zone's own rules, as londonDateOf used them for every instant before it took the short cut.
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
function byTheZoneRules(instant: string): string {
  const parts = Object.fromEntries(londonParts.formatToParts(Date.parse(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

describe('the date in London of an instant', () => {
  it('is the next day late in the evening in summer time, the same day in winter', () => {
    expect(londonDateOf('2024-03-31T23:30:00Z')).toBe('2024-04-01');
    expect(londonDateOf('2024-07-14T22:59:59.999Z')).toBe('2024-07-14');
    expect(londonDateOf('2024-07-14T23:00:00Z')).toBe('2024-07-15');
    expect(londonDateOf('2024-12-31T23:30:00Z')).toBe('2024-12-31');
    // The clocks go back at 01:00 UTC on 27 October 2024.
    expect(londonDateOf('2024-10-26T23:30:00Z')).toBe('2024-10-27');
    expect(londonDateOf('2024-10-27T23:30:00Z')).toBe('2024-10-27');
    // An instant written with an offset.
    expect(londonDateOf('2024-07-15T00:30:00+02:00')).toBe('2024-07-14');
  });

  it('agrees with the zone rules for any instant from 1970 to 2100, the last hours of days above all (property)', () => {
    const from = Date.UTC(1970, 0, 1);
    const until = Date.UTC(2100, 0, 1);
    const anyInstant = fc.integer({ min: from, max: until });
    const lateEvening = fc
      .integer({ min: 0, max: (until - from) / 86_400_000 })
      .chain((day) => fc.integer({ min: 0, max: 7_200_000 }).map((ms) => from + day * 86_400_000 + 79_200_000 + ms));
    fc.assert(
      fc.property(fc.oneof(anyInstant, lateEvening), (ms) => {
        const instant = new Date(ms).toISOString();
        expect(londonDateOf(instant)).toBe(byTheZoneRules(instant));
      }),
      { numRuns: 20_000 },
    );
  });

  it('refuses what is not an instant', () => {
    expect(() => londonDateOf('yesterday')).toThrow(CalendarDateError);
  });
});
