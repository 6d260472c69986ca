// Dated extracts of the outcome statistics: what analysts read, and what anyone reads of referrals
// not routed to their own organisation. An extract holds the tables of one financial year as the
// records stood at the end of one of its quarters (the year to date), taken once that quarter has
// closed and kept with its as-at date, when it was produced and its revision. Nothing recorded
// after the quarter's end changes it, so two readings can never be differenced to single out one
// referral (docs/decisions/0012-dated-statistics-extracts.md). Extracts are never overwritten: a
// correction is a later revision of the same period, kept beside the first.
//
// Each referral keeps a statistical history: its profile after every event that moved it between
// cells, with that event's instant. The profile as at a day is the last one recorded on or before
// that day (England and Wales time), so an extract is a fold of histories, not a replay of events.
import * as z from 'zod';
import { type RecordedEvent } from '../../events/index.js';
import { CalendarDate, addDays, londonDateOf } from '../triage/calendar-date.js';
import { type StatisticsCounters, applyDeltas, deltasBetween, emptyCounters } from './counters.js';
import { stepStatistics } from './fold.js';
import { type ReleaseCounts, addToReleaseCounts } from './release-counts.js';
import { FinancialYear, type Quarter, financialQuarterOf, financialYearOf } from './financial-year.js';
import { StatisticalProfile } from './statistical-profile.js';

export const ExtractPeriod = z.strictObject({
  financialYear: FinancialYear,
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
});
export type ExtractPeriod = { financialYear: FinancialYear; quarter: Quarter };

/** "2025-26-q1-r1": the year, the quarter the extract is as at the end of, and its revision. */
export const ExtractId = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-q[1-4]-r[0-9]{1,3}$/, 'an extract id looks like 2025-26-q1-r1');

export const StatisticsExtractSummary = z.strictObject({
  id: ExtractId,
  financialYear: FinancialYear,
  quarter: ExtractPeriod.shape.quarter,
  /** The last day of the quarter: the extract counts what was recorded by the end of it. */
  asAt: CalendarDate,
  producedAt: z.iso.datetime(),
  /** 1 for the first extract of the period; a later revision is kept beside it, never over it. */
  revision: z.number().int().min(1).max(999),
  /** What a revision changed, in plain words (none for a first extract). */
  revisionNote: z.string().min(1).max(500).nullable(),
});
export type StatisticsExtractSummary = z.infer<typeof StatisticsExtractSummary>;

export const StatisticsExtract = StatisticsExtractSummary.extend({
  counters: z.strictObject({
    counts: z.record(z.string(), z.number().int().positive()),
    labels: z.record(z.string(), z.string()),
  }),
  /**
   * The counts behind the release's tables (release-counts.ts), cross-tabulations included.
   * Extracts kept before the release tables have none: a revision of the period adds them.
   */
  release: z.record(z.string(), z.number().int().positive()).optional(),
});
export type StatisticsExtract = z.infer<typeof StatisticsExtract>;

/** A referral's profile after an event that changed its cells, and when that event happened. */
export const ProfileSnapshot = z.strictObject({ occurredAt: z.iso.datetime(), profile: StatisticalProfile });
export type ProfileSnapshot = z.infer<typeof ProfileSnapshot>;

export class StatisticsExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatisticsExtractError';
  }
}

export function extractId(period: ExtractPeriod, revision: number): string {
  return `${period.financialYear}-q${period.quarter}-r${revision}`;
}

/** The last day of a financial quarter: 30 June, 30 September, 31 December, 31 March. */
export function periodLastDay(period: ExtractPeriod): CalendarDate {
  const start = Number(FinancialYear.parse(period.financialYear).slice(0, 4));
  const lastDays: Record<Quarter, CalendarDate> = {
    1: `${start}-06-30`,
    2: `${start}-09-30`,
    3: `${start}-12-31`,
    4: `${start + 1}-03-31`,
  };
  return lastDays[period.quarter];
}

function periodOf(date: CalendarDate): ExtractPeriod {
  return { financialYear: financialYearOf(date), quarter: financialQuarterOf(date) };
}

function periodBefore(period: ExtractPeriod): ExtractPeriod {
  if (period.quarter > 1) return { financialYear: period.financialYear, quarter: (period.quarter - 1) as Quarter };
  return periodOf(addDays(periodLastDay(period), -100));
}

/**
 * The `lookback` latest quarters that ended more than `settleDays` days before `today` (so that
 * records of the quarter's last hours have reached the statistics), oldest first.
 */
export function closedPeriods(today: CalendarDate, options: { lookback: number; settleDays: number }): ExtractPeriod[] {
  let period = periodOf(today);
  const periods: ExtractPeriod[] = [];
  while (periods.length < options.lookback) {
    period = periodBefore(period);
    if (addDays(periodLastDay(period), options.settleDays) < today) periods.unshift(period);
  }
  return periods;
}

/** The profile after every event of one stream that moved the referral between cells. */
export function statisticalHistory(events: readonly RecordedEvent[]): ProfileSnapshot[] {
  const history: ProfileSnapshot[] = [];
  let profile: StatisticalProfile | undefined;
  for (const event of events) {
    const step = stepStatistics(profile, event);
    if (step.status === 'gap')
      throw new StatisticsExtractError(`stream ${event.streamId}: version ${step.expectedVersion} is missing`);
    if (step.status === 'duplicate') continue;
    profile = step.profile;
    if (step.deltas.length > 0) history.push({ occurredAt: event.occurredAt, profile });
  }
  return history;
}

/** The profile as the records stood at the end of `lastDay`: undefined when not yet submitted. */
export function profileAsAt(
  history: readonly ProfileSnapshot[],
  lastDay: CalendarDate,
): StatisticalProfile | undefined {
  let profile: StatisticalProfile | undefined;
  for (const snapshot of history) {
    if (londonDateOf(snapshot.occurredAt) > lastDay) break;
    profile = snapshot.profile;
  }
  return profile;
}

/** The counters of the period's financial year as at the end of the period. */
export function countersAsAt(
  histories: Iterable<readonly ProfileSnapshot[]>,
  period: ExtractPeriod,
): StatisticsCounters {
  return figuresAsAt(histories, period, periodLastDay(period)).counters;
}

/** The counters and the release's counts of the period's financial year as at the end of the period, in one pass. */
export function figuresAsAt(
  histories: Iterable<readonly ProfileSnapshot[]>,
  period: ExtractPeriod,
  lastDay: CalendarDate,
): { counters: StatisticsCounters; release: ReleaseCounts } {
  const counters = emptyCounters();
  const release: ReleaseCounts = {};
  for (const history of histories) {
    const profile = profileAsAt(history, lastDay);
    if (profile && profile.financialYear === period.financialYear) {
      applyDeltas(counters, deltasBetween(undefined, profile));
      addToReleaseCounts(release, profile);
    }
  }
  return { counters, release };
}

export interface ExtractRequest {
  period: ExtractPeriod;
  revision: number;
  /** When it is produced (the caller's clock): after the period's end. */
  producedAt: string;
  /** The statistical history of every referral of the period's financial year. */
  histories: Iterable<readonly ProfileSnapshot[]>;
  revisionNote?: string | null;
  /**
   * A later day to take the year's referrals as they stood on (the annual release counts the
   * referrals made in the year with what happened to them by the day its data were extracted);
   * the end of the quarter when left out. Never before the quarter's end.
   */
  asAt?: CalendarDate;
}

export function produceExtract(request: ExtractRequest): StatisticsExtract {
  const period = ExtractPeriod.parse(request.period);
  const asAt = request.asAt ? CalendarDate.parse(request.asAt) : periodLastDay(period);
  if (asAt < periodLastDay(period))
    throw new StatisticsExtractError(
      `an extract of the quarter ending ${periodLastDay(period)} cannot be as at an earlier day`,
    );
  if (londonDateOf(request.producedAt) <= asAt)
    throw new StatisticsExtractError(
      `the quarter ending ${asAt} has not ended yet: an extract is taken only of a closed quarter`,
    );
  return StatisticsExtract.parse({
    id: extractId(period, request.revision),
    financialYear: period.financialYear,
    quarter: period.quarter,
    asAt,
    producedAt: request.producedAt,
    revision: request.revision,
    revisionNote: request.revisionNote ?? null,
    ...figuresAsAt(request.histories, period, asAt),
  });
}

/** The tables (by release table number) whose figures differ between two extracts of the same period. */
export function tablesChanged(before: StatisticsExtract, after: StatisticsExtract): string[] {
  const changed = new Set<string>();
  const differs = (a: Record<string, number> | undefined, b: Record<string, number> | undefined, key: string) =>
    (a?.[key] ?? 0) !== (b?.[key] ?? 0);
  if (!before.release && after.release) changed.add('the release tables (first kept in this revision)');
  const keys = new Set([...Object.keys(before.release ?? {}), ...Object.keys(after.release ?? {})]);
  for (const key of keys) {
    if (!before.release || !differs(before.release, after.release, key)) continue;
    changed.add(releaseTableOfKey(key));
  }
  for (const key of new Set([...Object.keys(before.counters.counts), ...Object.keys(after.counters.counts)]))
    if (differs(before.counters.counts, after.counters.counts, key)) changed.add(`the table ${key.split('#')[1]}`);
  return [...changed].sort();
}

function releaseTableOfKey(key: string): string {
  const [stage, dimension] = key.split('|');
  const stageLetter = 'abcd'[
    ['referrals', 'discussed-at-panel', 'adopted', 'left-no-further-concern'].indexOf(stage ?? '')
  ];
  const tables: Record<string, string> = {
    total: 'Tables 1, 2 and every total',
    sector: 'Table 3',
    type: 'Table 4',
    age: 'Table 5',
    gender: 'Table 6',
    region: 'Table 7',
    force: 'Table 8',
    quarter: 'Table 9',
    outcome: 'Table 10',
    'type-by-age': `Table 11${stageLetter ?? ''}`,
    'type-by-gender': `Table 12${stageLetter ?? ''}`,
  };
  return tables[dimension ?? ''] ?? 'Tables';
}

/**
 * A revised extract of a period already kept: taken again from the records (after a correction,
 * an erasure of referrals recorded in error, or a change of counting rules), kept beside the
 * earlier ones, and saying what changed: the reason given and which tables' figures moved (not by
 * how much, which would single out the referrals that moved).
 */
export function reviseExtract(
  previous: StatisticsExtract,
  request: Omit<ExtractRequest, 'period' | 'revision' | 'revisionNote'> & { reason: string },
): StatisticsExtract {
  const draft = produceExtract({
    ...request,
    period: { financialYear: previous.financialYear, quarter: previous.quarter as Quarter },
    revision: previous.revision + 1,
    asAt: request.asAt ?? previous.asAt,
  });
  const changed = tablesChanged(previous, draft);
  const note = `Revision ${draft.revision} of ${previous.id}: ${request.reason.trim()}. ${
    changed.length === 0 ? 'No figure changed.' : `Figures changed in: ${changed.join('; ')}.`
  }`;
  return StatisticsExtract.parse({ ...draft, revisionNote: note.slice(0, 500) });
}
