// Dated extracts: what analysts read are the tables of a closed quarter as the records stood at
// its end, never live counts. A referral made now, or anything recorded after the quarter's end,
// changes nothing in an extract, so two readings can no longer be differenced to single one out.
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import {
  type ProfileSnapshot,
  StatisticsExtract,
  closedPeriods,
  countersAsAt,
  emptyStatistics,
  extractId,
  foldStatistics,
  periodLastDay,
  produceExtract,
  profileAsAt,
  statisticalHistory,
  statisticsTables,
} from '../../../domain/statistics/index.js';
import { londonDateOf } from '../../../domain/triage/calendar-date.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';

const year = generateReferralYear({
  startYear: 2023,
  referrals: 400,
  discussedAtPanel: 60,
  adopted: 35,
  leftNoFurtherConcern: 25,
  seed: 5,
  personal: 'erased',
});
const q1 = { financialYear: '2023-24', quarter: 1 as const };

/** The in-memory fold of just the events recorded on or before the day (each stream's prefix). */
function foldUpTo(streams: RecordedEvent[][], lastDay: string) {
  const model = emptyStatistics();
  for (const stream of streams) {
    for (const event of stream) {
      if (londonDateOf(event.occurredAt) > lastDay) break;
      foldStatistics(model, event);
    }
  }
  return model.counters;
}

const historiesOf = (streams: RecordedEvent[][]): ProfileSnapshot[][] =>
  streams.map((stream) => statisticalHistory(stream));

describe('the periods an extract is taken for', () => {
  it('end on the last day of each financial quarter', () => {
    expect(
      [1, 2, 3, 4].map((quarter) => periodLastDay({ financialYear: '2025-26', quarter: quarter as 1 | 2 | 3 | 4 })),
    ).toEqual(['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31']);
  });

  it('are the quarters closed (and settled for a day) before today, oldest first', () => {
    expect(closedPeriods('2025-08-14', { lookback: 3, settleDays: 1 })).toEqual([
      { financialYear: '2024-25', quarter: 3 },
      { financialYear: '2024-25', quarter: 4 },
      { financialYear: '2025-26', quarter: 1 },
    ]);
    // 30 June closes the quarter; it is taken once a whole day has passed for late records to arrive.
    expect(closedPeriods('2025-07-01', { lookback: 1, settleDays: 1 })).toEqual([
      { financialYear: '2024-25', quarter: 4 },
    ]);
    expect(closedPeriods('2025-07-02', { lookback: 1, settleDays: 1 })).toEqual([
      { financialYear: '2025-26', quarter: 1 },
    ]);
  });

  it('are named by year, quarter and revision', () => {
    expect(extractId({ financialYear: '2025-26', quarter: 2 }, 1)).toBe('2025-26-q2-r1');
  });
});

describe('an extract as at the end of a quarter', () => {
  it('counts each referral as its events stood at the end of the last day, as the fold of those events alone does', () => {
    const lastDay = periodLastDay(q1);
    const counters = countersAsAt(historiesOf(year.streams), q1);
    const folded = foldUpTo(year.streams, lastDay);
    expect(counters.counts).toEqual(folded.counts);
    const tables = statisticsTables(counters, { year: '2023-24', viewer: 'case-access' });
    expect(tables).toEqual(statisticsTables(folded, { year: '2023-24', viewer: 'case-access' }));
    const referrals = tables.find((table) => table.name === 'referrals-by-quarter')?.total.cells[0]?.value;
    const submittedByThen = year.streams.filter((stream) => londonDateOf(stream[0]!.occurredAt) <= lastDay).length;
    expect(referrals).toBe(submittedByThen);
    expect(submittedByThen).toBeGreaterThan(50);
    expect(submittedByThen).toBeLessThan(400);
  });

  it('does not change when a referral is submitted after the quarter, nor when later events of its referrals are recorded', () => {
    const produce = (streams: RecordedEvent[][]) =>
      produceExtract({
        period: q1,
        revision: 1,
        producedAt: '2023-07-02T02:00:00.000Z',
        histories: historiesOf(streams),
      });
    // Each stream cut at the quarter's end: what the records held on 30 June.
    const asAtEnd = year.streams
      .map((stream) => stream.filter((event) => londonDateOf(event.occurredAt) <= '2023-06-30'))
      .filter((stream) => stream.length > 0);
    const before = produce(asAtEnd);
    // Everything after: later referrals, and the gateway outcomes, panels and exits of Q1 referrals.
    const after = produce(year.streams);
    expect(after).toEqual(before);
    expect(after.counters.counts).toEqual(foldUpTo(year.streams, '2023-06-30').counts);
  });

  it('is dated and kept with when it was produced and its revision', () => {
    const extract = produceExtract({
      period: q1,
      revision: 1,
      producedAt: '2023-07-02T02:00:00.000Z',
      histories: historiesOf(year.streams),
    });
    expect(StatisticsExtract.parse(extract)).toMatchObject({
      id: '2023-24-q1-r1',
      financialYear: '2023-24',
      quarter: 1,
      asAt: '2023-06-30',
      producedAt: '2023-07-02T02:00:00.000Z',
      revision: 1,
    });
  });

  it('will not be produced for a quarter that has not ended by the time it is produced', () => {
    expect(() =>
      produceExtract({ period: q1, revision: 1, producedAt: '2023-06-30T12:00:00.000Z', histories: [] }),
    ).toThrow(/has not ended/);
  });
});

describe("a referral's statistical history", () => {
  it('keeps its profile after each event that moved it between cells, and the profile as at a day is the last one by then', () => {
    const stream = year.streams.find((candidate) => candidate.some((event) => event.type === 'PanelDecisionRecorded'))!;
    const history = statisticalHistory(stream);
    // Counted from its routing to a police force in England and Wales (version 2), not before.
    expect(history[0]?.profile.version).toBe(2);
    expect(stream[1]?.type).toBe('ReferralRouted');
    expect(history.map((snapshot) => snapshot.profile.version)).toEqual(
      [...history.map((snapshot) => snapshot.profile.version)].sort((a, b) => a - b),
    );
    const submittedOn = londonDateOf(stream[0]!.occurredAt);
    const dayBefore = new Date(Date.parse(`${submittedOn}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(profileAsAt(history, dayBefore)).toBeUndefined();
    expect(profileAsAt(history, '2099-01-01')?.panelDecision).not.toBeNull();
    expect(profileAsAt(history, submittedOn)?.panelDecision ?? null).toBeNull();
  });
});
