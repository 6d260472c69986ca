// The scheduled statistics extracts: at every run of the timers, each closed quarter (of the
// last two years) with no extract kept yet is extracted from the statistical histories as the
// records stood at its end, and kept. A run finds nothing to do on all but the first days of a
// quarter (one query per quarter looked at), and takes at most a few quarters per run, the newest
// first, so a first deployment has its latest figures at once and catches up over a few runs. Two runs racing for the same quarter keep one extract: the save is
// conditional on nothing being kept under that quarter and revision.
import { type ExtractPeriod, closedPeriods, produceExtract } from '../../domain/statistics/index.js';
import { londonDateOf } from '../../domain/triage/calendar-date.js';
import { type StatisticsExtracts } from '../read-models/statistics-extracts.js';

export interface ExtractScheduleOptions {
  /** How many closed quarters back an extract is taken of, if missing (default 8: two years). */
  lookback: number;
  /** Days after a quarter's end before it is extracted, for records of its last hours to arrive (default 1). */
  settleDays: number;
  /** The most quarters extracted in one run (default 2). */
  perRun: number;
}

export const defaultExtractSchedule: ExtractScheduleOptions = { lookback: 8, settleDays: 1, perRun: 2 };

export function createStatisticsExtractSchedule(deps: {
  extracts: StatisticsExtracts;
  now(): Date;
  options?: Partial<ExtractScheduleOptions>;
}) {
  const options = { ...defaultExtractSchedule, ...deps.options };
  return {
    /** Extracts the closed quarters that have none yet; says which extracts it kept. */
    async run(): Promise<{ produced: string[] }> {
      const producedAt = deps.now().toISOString();
      const missing: ExtractPeriod[] = [];
      for (const period of closedPeriods(londonDateOf(producedAt), options)) {
        if (!(await deps.extracts.hasPeriod(period.financialYear, period.quarter))) missing.push(period);
      }
      const produced: string[] = [];
      for (const period of missing.reverse().slice(0, options.perRun)) {
        const extract = produceExtract({
          period,
          revision: 1,
          producedAt,
          histories: await deps.extracts.histories(period.financialYear),
        });
        if ((await deps.extracts.save(extract)) === 'saved') produced.push(extract.id);
      }
      return { produced };
    },
  };
}
