import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERASED, type RecordedEvent, referenceLists, validateEvent } from '../../../events/index.js';
import {
  type StatisticsModel,
  type StatisticsTable,
  StatisticalProfile,
  StatisticsStreamError,
  countersOf,
  emptyStatistics,
  foldStatistics,
  statisticsTable,
  statisticsTables,
} from '../../../domain/statistics/index.js';
import { generateReferralYear, nationalYear2023 } from '../../fixtures/referral-year.js';

const year2023 = generateReferralYear({ ...nationalYear2023, seed: 2023 });
const allEvents = year2023.streams.flat();

function foldAll(events: Iterable<RecordedEvent>, model: StatisticsModel = emptyStatistics()): StatisticsModel {
  for (const event of events) foldStatistics(model, event);
  return model;
}

function column(table: StatisticsTable, heading: string): Record<string, number | null> {
  const index = table.columns.findIndex((c) => c.heading === heading);
  expect(index, heading).toBeGreaterThanOrEqual(0);
  return Object.fromEntries([
    ...table.rows.map((row) => [row.key, row.cells[index]?.value ?? null]),
    ['total', table.total.cells[index]?.value ?? null],
  ]);
}

const folded = foldAll(allEvents);
const full = { year: '2023-24', viewer: 'case-access' } as const;

describe('the generated year is made of valid events', () => {
  it('passes the event catalogue, personal parts included', () => {
    for (const event of year2023.streams.slice(0, 300).flat()) expect(() => validateEvent(event)).not.toThrow();
  });
});

describe('outcome statistics for a generated 2023/24 year', () => {
  it('count exactly the national figures: 6,922 referrals, 893 discussed at panel, 512 adopted', () => {
    const byQuarter = statisticsTable('referrals-by-quarter', folded.counters, full);
    expect(byQuarter.total.cells.map((c) => c.value)).toEqual([6_922, 893, 512, 430]);
    expect(byQuarter.rows.map((r) => r.label)).toEqual([
      'April to June 2023',
      'July to September 2023',
      'October to December 2023',
      'January to March 2024',
    ]);
  });

  it('match the sector, age band, gender and type of concern marginals exactly', () => {
    const referrals = (name: Parameters<typeof statisticsTable>[0]) => {
      const { total, ...rows } = column(statisticsTable(name, folded.counters, full), 'Referrals');
      expect(total).toBe(6_922);
      return rows;
    };
    expect(referrals('referrals-by-sector')).toEqual(year2023.marginals.bySector);
    expect(referrals('referrals-by-age-band')).toEqual(year2023.marginals.byAgeBand);
    expect(referrals('referrals-by-gender')).toEqual(year2023.marginals.byGender);
    // The type of concern as the gateway assessment confirmed it; "not yet assessed" before it.
    const assessed: Record<string, number> = { 'not-yet-assessed': 0 };
    for (const code of Object.keys(year2023.marginals.byConcern)) assessed[code] = 0;
    // Every assessed-only category is listed at zero: the generated year's referrers never suspect them.
    for (const item of referenceLists.typesOfConcern.items) if (item.assessedOnly) assessed[item.code] = 0;
    for (const stream of year2023.streams) {
      const gateway = stream.find((event) => event.type === 'GatewayAssessmentCompleted');
      const type = gateway
        ? (gateway.data as { confirmedConcernType: string }).confirmedConcernType
        : 'not-yet-assessed';
      assessed[type] = (assessed[type] ?? 0) + 1;
    }
    expect(assessed['not-yet-assessed']).toBeGreaterThan(0);
    expect(referrals('referrals-by-type-of-concern')).toEqual(assessed);
    const under18 = ['10-or-under', '11-15', '16-17'].reduce(
      (sum, band) => sum + (year2023.marginals.byAgeBand[band] ?? 0),
      0,
    );
    expect(Math.round((under18 / 6_922) * 100)).toBe(57);
  });

  it('give every table the same totals, and each measure at most the one before it', () => {
    for (const table of statisticsTables(folded.counters, full)) {
      expect(table.total.cells[0]?.value, table.name).toBe(6_922);
      if (table.columns.length === 4)
        expect(
          table.total.cells.map((c) => c.value),
          table.name,
        ).toEqual([6_922, 893, 512, 430]);
    }
  });

  it('count each referral by the force that first received it, not where it was transferred', () => {
    const expected: Record<string, number> = {};
    for (const stream of year2023.streams) {
      const first = stream.find((e) => e.type === 'ReferralRouted');
      if (first?.type !== 'ReferralRouted' || !first.data.policeForce)
        throw new Error('every generated referral is routed to a force');
      expected[first.data.policeForce.code] = (expected[first.data.policeForce.code] ?? 0) + 1;
    }
    expect(year2023.streams.some((s) => s.some((e) => e.type === 'ReferralTransferred'))).toBe(true);
    const { total, ...byForce } = column(
      statisticsTable('referrals-by-police-force-area', folded.counters, full),
      'Referrals',
    );
    expect(total).toBe(6_922);
    expect(byForce).toEqual(expected);
  });

  it('put every referral under exactly one outcome', () => {
    const { total, ...byOutcome } = column(statisticsTable('referrals-by-outcome', folded.counters, full), 'Referrals');
    expect(total).toBe(6_922);
    expect(byOutcome['left-channel-no-further-concern']).toBe(430);
    expect(byOutcome['channel-not-adopted']).toBe(893 - 512);
    expect((byOutcome['left-channel-other'] ?? 0) + (byOutcome['adopted-support-ongoing'] ?? 0)).toBe(512 - 430);
  });
});

describe('exactly once under retries', () => {
  it('ignores a second delivery of every event (same stream id and version)', () => {
    const model = foldAll(allEvents);
    const before = structuredClone(model.counters);
    const statuses = new Set(allEvents.map((event) => foldStatistics(model, event).status));
    expect([...statuses]).toEqual(['duplicate']);
    expect(model.counters).toEqual(before);
  });

  it('gives the same counters for any interleaving of streams with duplicates (property)', () => {
    const streams = year2023.streams.slice(0, 40);
    const expected = foldAll(streams.flat()).counters;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: streams.length - 1 }), { minLength: 200, maxLength: 800 }),
        fc.integer({ min: 1, max: 3 }),
        (picks, repeat) => {
          // Deliver each stream's events in order, at least once, interleaved with other streams and redelivered.
          const cursor = streams.map(() => 0);
          const model = emptyStatistics();
          for (const pick of picks) {
            const stream = streams[pick] as RecordedEvent[];
            const position = cursor[pick] as number;
            const event = stream[Math.min(position, stream.length - 1)] as RecordedEvent;
            for (let i = 0; i < repeat; i += 1) foldStatistics(model, event);
            if (position > 0) foldStatistics(model, stream[Math.min(position, stream.length) - 1] as RecordedEvent); // a late redelivery
            cursor[pick] = position + 1;
          }
          streams.forEach((stream) => stream.forEach((event) => foldStatistics(model, event)));
          expect(model.counters.counts).toEqual(expected.counts);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports a gap instead of skipping an event, and changes nothing', () => {
    const stream = year2023.streams.find((s) => s.length >= 6) as RecordedEvent[];
    const model = emptyStatistics();
    foldStatistics(model, stream[0] as RecordedEvent);
    const counters = structuredClone(model.counters);
    expect(foldStatistics(model, stream[3] as RecordedEvent)).toEqual({ status: 'gap', expectedVersion: 2 });
    expect(model.counters).toEqual(counters);
    expect(model.profiles[stream[0]?.streamId as string]?.version).toBe(1);
  });

  it('keeps incremental counters equal to counters rebuilt from the profiles', () => {
    expect(countersOf(Object.values(folded.profiles)).counts).toEqual(folded.counters.counts);
  });

  it('refuses a stream that does not start with a submission', () => {
    const stream = year2023.streams[0] as RecordedEvent[];
    const routed = { ...(stream[1] as RecordedEvent), version: 1 } as RecordedEvent;
    expect(() => foldStatistics(emptyStatistics(), routed)).toThrow(StatisticsStreamError);
  });
});

describe('moving a referral between cells', () => {
  it('moves it from "awaiting gateway assessment" to its outcome without counting it twice', () => {
    const stream = year2023.streams.find((s) =>
      s.some((e) => e.type === 'GatewayAssessmentCompleted' && e.data.outcome === 'no-further-action'),
    ) as RecordedEvent[];
    const model = emptyStatistics();
    const completedAt = stream.findIndex((e) => e.type === 'GatewayAssessmentCompleted');
    stream.slice(0, completedAt).forEach((e) => foldStatistics(model, e));
    const outcomes = () => column(statisticsTable('referrals-by-outcome', model.counters, full), 'Referrals');
    expect(outcomes()['awaiting-gateway-assessment']).toBe(1);
    foldStatistics(model, stream[completedAt] as RecordedEvent);
    expect(outcomes()['awaiting-gateway-assessment']).toBe(0);
    expect(outcomes()['no-further-action']).toBe(1);
    expect(outcomes().total).toBe(1);
  });
});

describe('a corrected age', () => {
  it('moves the referral to the corrected age band, without counting it twice', () => {
    const stream = year2023.streams.find((s) => s[0]?.type === 'ReferralSubmitted' && s[0].data.ageBand === 'unknown');
    if (!stream) return expect.fail('the generated year has a referral of unknown age');
    const model = foldAll(stream);
    const byAge = () => column(statisticsTable('referrals-by-age-band', model.counters, full), 'Referrals');
    expect(byAge().unknown).toBe(1);
    const last = stream[stream.length - 1] as RecordedEvent;
    const corrected = {
      ...last,
      eventId: 'age-corrected',
      version: last.version + 1,
      type: 'AgeCorrected',
      data: { ageBand: '16-17', correctedOn: '2024-01-02' },
      personal: { dateOfBirth: '2007-01-01', reason: 'Synthetic.' },
    } as RecordedEvent;
    foldStatistics(model, corrected);
    expect(byAge().unknown).toBe(0);
    expect(byAge()['16-17']).toBe(1);
    expect(byAge().total).toBe(1);
  });
});

describe('after erasure', () => {
  it('counts the same with every personal part erased and PersonalDataErased appended', () => {
    const erased = year2023.streams.map((stream) => [
      ...stream.map((event) =>
        event.personal === undefined ? event : ({ ...event, personal: ERASED } as RecordedEvent),
      ),
      {
        ...(stream[stream.length - 1] as RecordedEvent),
        eventId: `${stream[0]?.streamId}-erased`,
        version: stream.length + 1,
        type: 'PersonalDataErased',
        schemaVersion: 1,
        data: { reason: 'retention-period-ended' },
        personal: undefined,
      } as RecordedEvent,
    ]);
    expect(foldAll(erased.flat()).counters).toEqual(folded.counters);
  });
});

describe('the model is plain data', () => {
  it('survives a JSON round trip and folding carries on identically', () => {
    const half = Math.floor(allEvents.length / 2);
    const model = foldAll(allEvents.slice(0, half));
    const restored = JSON.parse(JSON.stringify(model)) as StatisticsModel;
    for (const profile of Object.values(restored.profiles)) StatisticalProfile.parse(profile);
    expect(foldAll(allEvents.slice(half), restored).counters).toEqual(folded.counters);
  });
});

describe('the financial year of a referral', () => {
  it('is that of its submission date in England and Wales', () => {
    const stream = year2023.streams[0] as RecordedEvent[];
    // 23:30 UTC on 31 March 2024 is 00:30 on 1 April in British Summer Time: 2024/25, first quarter.
    const lateSubmission = { ...(stream[0] as RecordedEvent), occurredAt: '2024-03-31T23:30:00Z' } as RecordedEvent;
    const routed = { ...(stream[1] as RecordedEvent), occurredAt: '2024-03-31T23:30:05Z' } as RecordedEvent;
    const model = foldAll([lateSubmission, routed]);
    expect(model.profiles[lateSubmission.streamId]).toMatchObject({ financialYear: '2024-25', quarter: 1 });
    expect(
      statisticsTable('referrals-by-quarter', model.counters, { year: '2024-25', viewer: 'case-access' }).rows[0]
        ?.cells[0]?.value,
    ).toBe(1);
    expect(statisticsTable('referrals-by-quarter', model.counters, full).total.cells[0]?.value).toBe(0);
  });
});
