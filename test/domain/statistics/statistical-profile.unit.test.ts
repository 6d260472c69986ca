// The counting rules of the release (docs/statistics-release.md), on one referral at a time.
import { describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/index.js';
import {
  countedInStatistics,
  emptyStatistics,
  foldStatistics,
  releaseCountsOf,
  typeOfConcernOf,
} from '../../../domain/statistics/index.js';
import { generateReferralYear } from '../../fixtures/referral-year.js';

const year = generateReferralYear({
  startYear: 2023,
  referrals: 40,
  discussedAtPanel: 10,
  adopted: 5,
  leftNoFurtherConcern: 2,
  seed: 7,
});
const assessedStream = year.streams.find((stream) => stream.some((e) => e.type === 'GatewayAssessmentCompleted'))!;

function fold(events: readonly RecordedEvent[]) {
  const model = emptyStatistics();
  for (const event of events) foldStatistics(model, event);
  return model;
}

function next(stream: readonly RecordedEvent[], type: RecordedEvent['type'], data: unknown): RecordedEvent {
  const last = stream.at(-1)!;
  return {
    ...last,
    eventId: `${last.eventId}-x`,
    version: last.version + 1,
    type,
    schemaVersion: 1,
    data,
    personal: undefined,
  } as RecordedEvent;
}

describe('the counting rules', () => {
  it('remove a referral erased as recorded in error from every table, and keep one erased for another reason', () => {
    const inError = [...assessedStream, next(assessedStream, 'PersonalDataErased', { reason: 'recorded-in-error' })];
    const model = fold(inError);
    expect(Object.keys(model.counters.counts)).toEqual([]);
    expect(releaseCountsOf(Object.values(model.profiles))).toEqual({});
    const retention = fold([
      ...assessedStream,
      next(assessedStream, 'PersonalDataErased', { reason: 'retention-period-ended' }),
    ]);
    expect(releaseCountsOf(Object.values(retention.profiles))['referrals|total']).toBe(1);
  });

  it('do not count a referral routed outside England and Wales or held for national triage', () => {
    const [submitted, routed] = assessedStream as [RecordedEvent, RecordedEvent];
    const data = routed.data as Record<string, unknown>;
    for (const elsewhere of [
      { ...data, jurisdiction: 'scotland', policeForce: null, ctpRegion: null },
      { ...data, jurisdiction: 'unknown', policeForce: null, ctpRegion: null },
    ]) {
      const model = fold([submitted, { ...routed, data: elsewhere } as RecordedEvent]);
      expect(countedInStatistics(Object.values(model.profiles)[0]!)).toBe(false);
      expect(model.counters.counts).toEqual({});
    }
    expect(fold([submitted]).counters.counts).toEqual({});
    expect(fold([submitted, routed]).counters.counts).not.toEqual({});
  });

  it('take the type of concern the gateway assessment confirmed, whatever order the referrer ticked boxes in', () => {
    const [submitted, ...rest] = assessedStream as [RecordedEvent, ...RecordedEvent[]];
    const ticks = (types: string[]) =>
      ({ ...submitted, data: { ...(submitted.data as object), suspectedConcernTypes: types } }) as RecordedEvent;
    const confirmed = (
      assessedStream.find((e) => e.type === 'GatewayAssessmentCompleted')!.data as { confirmedConcernType: string }
    ).confirmedConcernType;
    const one = Object.values(fold([ticks(['islamist', 'extreme-right-wing']), ...rest]).profiles)[0]!;
    const other = Object.values(fold([ticks(['extreme-right-wing', 'islamist']), ...rest]).profiles)[0]!;
    expect(typeOfConcernOf(one)).toBe(confirmed);
    expect(typeOfConcernOf(other)).toBe(confirmed);
    const unassessed = Object.values(fold([ticks(['islamist', 'other']), rest[0]!]).profiles)[0]!;
    expect(typeOfConcernOf(unassessed)).toBe('not-yet-assessed');
  });

  it('read profiles stored before recorded-in-error was kept as not in error', async () => {
    const { StatisticalProfile } = await import('../../../domain/statistics/index.js');
    const stored = { ...Object.values(fold(assessedStream).profiles)[0]! } as Record<string, unknown>;
    delete stored.recordedInError;
    expect(StatisticalProfile.parse(stored).recordedInError).toBe(false);
  });
});
