// The statistics fold was made faster (issue 15): deltas compared table by table and shared,
// labels and London dates looked up instead of rebuilt. Its results must be exactly those of the
// fold as it was, kept as the reference (./reference-fold.ts): a generated national year, with late-evening
// submissions, referrals routed outside England and Wales, transfers, corrected ages and
// referrals erased as recorded in error, replayed through both, event by event and cell by cell.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type RecordedEvent } from '../../../events/index.js';
import {
  type StatisticalProfile,
  deltasBetween,
  emptyStatistics,
  foldStatistics,
  statisticsTables,
} from '../../../domain/statistics/index.js';
import { referenceDeltas, referenceFold, referenceLondonDate } from './reference-fold.js';
import { generateReferralYear, nationalYear2023 } from '../../fixtures/referral-year.js';

// ---- A year with every way a referral moves between cells ----

function followingEvent(
  stream: readonly RecordedEvent[],
  type: string,
  data: unknown,
  personal?: unknown,
): RecordedEvent {
  const last = stream[stream.length - 1] as RecordedEvent;
  return {
    ...last,
    eventId: `${last.streamId}-${stream.length + 1}`,
    version: stream.length + 1,
    type,
    schemaVersion: 1,
    data,
    personal,
  } as RecordedEvent;
}

function variedYear(): RecordedEvent[][] {
  const year = generateReferralYear({ ...nationalYear2023, seed: 2015, transferShare: 0.05 });
  return year.streams.map((original, index) => {
    const stream = [...original];
    const submitted = stream[0] as RecordedEvent;
    if (index % 7 === 0) {
      // Late in the evening (UTC): in summer time it is already the next day in London.
      const late = `${submitted.occurredAt.slice(0, 10)}T23:${String(index % 60).padStart(2, '0')}:00.000Z`;
      stream[0] = { ...submitted, occurredAt: late } as RecordedEvent;
    }
    if (index % 41 === 0) {
      // Routed to Scotland (held for national triage, never counted) before anything else happens.
      const routed = stream[1] as RecordedEvent<'ReferralRouted'>;
      stream[1] = {
        ...routed,
        data: { ...routed.data, jurisdiction: 'scotland', policeForce: null, ctpRegion: null, destinations: [] },
      } as RecordedEvent;
    }
    if (index % 11 === 0)
      stream.push(
        followingEvent(
          stream,
          'AgeCorrected',
          { ageBand: '18-20', correctedOn: '2024-01-02' },
          { dateOfBirth: '2005-01-01', reason: 'Synthetic.' },
        ),
      );
    if (index % 29 === 0) stream.push(followingEvent(stream, 'PersonalDataErased', { reason: 'recorded-in-error' }));
    else if (index % 31 === 0)
      stream.push(followingEvent(stream, 'PersonalDataErased', { reason: 'retention-period-ended' }));
    return stream;
  });
}

describe('the faster statistics fold', () => {
  const streams = variedYear();
  const events = streams.flat();

  it('gives every event exactly the deltas of the reference fold, in the same order', () => {
    const fast = emptyStatistics();
    const reference = emptyStatistics();
    let mismatches = 0;
    let firstMismatch: { event: RecordedEvent; fast: unknown; reference: unknown } | undefined;
    let moved = 0;
    for (const event of events) {
      const step = foldStatistics(fast, event);
      const expected = referenceFold(reference, event);
      const actual = step.status === 'applied' ? step.deltas : [];
      moved += expected.length;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches += 1;
        firstMismatch ??= { event, fast: actual, reference: expected };
      }
    }
    expect(firstMismatch).toBeUndefined();
    expect(mismatches).toBe(0);
    expect(moved).toBeGreaterThan(events.length); // the replay did move referrals between cells
    expect(fast.profiles).toEqual(reference.profiles);
    expect(fast.counters).toEqual(reference.counters);
    // Every table of every year in the replay, cell by cell, for each kind of viewer.
    const years = [...new Set(Object.values(reference.profiles).map((profile) => profile.financialYear))];
    expect(years.length).toBeGreaterThanOrEqual(2); // late submissions on 31 March fall in the next year
    for (const year of years)
      for (const viewer of ['case-access', 'aggregate-only'] as const)
        expect(statisticsTables(fast.counters, { year, viewer })).toEqual(
          statisticsTables(reference.counters, { year, viewer }),
        );
  }, 60_000);

  it('replays a year that moves referrals every way: late submissions, outside England and Wales, erased in error', () => {
    const reference = emptyStatistics();
    for (const event of events) referenceFold(reference, event);
    const profiles = Object.values(reference.profiles);
    expect(profiles.filter((p) => p.recordedInError).length).toBeGreaterThan(100);
    expect(profiles.filter((p) => p.receivingArea?.jurisdiction === 'scotland').length).toBeGreaterThan(100);
    const lateDates = streams
      .map((stream) => (stream[0] as RecordedEvent).occurredAt)
      .filter((at) => at.slice(11, 13) === '23' && referenceLondonDate(at) !== at.slice(0, 10));
    expect(lateDates.length).toBeGreaterThan(100);
  }, 60_000);

  it('moves any profile to any other exactly as the reference does (property)', () => {
    const reference = emptyStatistics();
    for (const event of events.slice(0, 20_000)) referenceFold(reference, event);
    const profiles = Object.values(reference.profiles);
    const pick = fc.integer({ min: 0, max: profiles.length - 1 }).map((i) => profiles[i] as StatisticalProfile);
    fc.assert(
      fc.property(fc.option(pick, { nil: undefined }), pick, (before, after) => {
        expect(JSON.stringify(deltasBetween(before, after))).toBe(JSON.stringify(referenceDeltas(before, after)));
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});
