// Extracts taken on request (issue 13): an analyst takes an extract of a closed quarter, as at its
// end or a later day; when that quarter is kept already, the new one is recorded as its next
// revision, beside the earlier ones (never over them), with a note of the reason and the tables
// whose figures moved, and the cells that changed can be listed: each cell of the release's
// tables as shown before and after, with disclosure control (domain/statistics/release-revision.ts).
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  type ExtractPeriod,
  type RevisionChanges,
  type StatisticsExtract,
  type StatisticsExtractSummary,
  StatisticsExtractError,
  extractId,
  produceExtract,
  reviseExtract,
  revisionChanges,
} from '../../domain/statistics/index.js';
import { type StatisticsExtracts } from './statistics-extracts.js';

export interface ExtractOrder {
  period: ExtractPeriod;
  /** The day the figures are as at: the quarter's end when left out. */
  asAt?: string | undefined;
  /** Why it is taken: kept in the revision note. */
  reason: string;
  /** The caller's clock. */
  producedAt: string;
}

export type ProducedExtract =
  | { produced: true; extract: StatisticsExtractSummary; changes: RevisionChanges | null }
  /** Another extract of the period was kept meanwhile: nothing written, the caller may try again. */
  | { produced: false; reason: 'taken-meanwhile' };

export interface ExtractRevisions {
  produce(order: ExtractOrder): Promise<ProducedExtract>;
  /** The extract and what it changed from the revision before it (null for a first extract); null when not kept. */
  changes(id: string): Promise<{ extract: StatisticsExtractSummary; changes: RevisionChanges | null } | null>;
}

function summaryOf(extract: StatisticsExtract): StatisticsExtractSummary {
  const { counters: _counters, release: _release, ...summary } = extract;
  return summary;
}

export function createExtractRevisions(deps: { extracts: StatisticsExtracts; threshold?: number }): ExtractRevisions {
  const threshold = deps.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;

  async function latestOf(period: ExtractPeriod): Promise<StatisticsExtract | null> {
    const summaries = (await deps.extracts.list()).filter(
      (summary) => summary.financialYear === period.financialYear && summary.quarter === period.quarter,
    );
    const latest = summaries.sort((a, b) => b.revision - a.revision)[0];
    return latest ? deps.extracts.get(latest.id) : null;
  }

  return {
    async produce(order) {
      const previous = await latestOf(order.period);
      const histories = await deps.extracts.histories(order.period.financialYear);
      const request = {
        producedAt: order.producedAt,
        histories,
        ...(order.asAt !== undefined ? { asAt: order.asAt } : {}),
      };
      const extract = previous
        ? reviseExtract(previous, { ...request, reason: order.reason })
        : produceExtract({ ...request, period: order.period, revision: 1, revisionNote: null });
      if ((await deps.extracts.save(extract)) === 'exists') return { produced: false, reason: 'taken-meanwhile' };
      return {
        produced: true,
        extract: summaryOf(extract),
        changes: previous ? revisionChanges(previous, extract, threshold) : null,
      };
    },
    async changes(id) {
      const extract = await deps.extracts.get(id);
      if (!extract) return null;
      if (extract.revision === 1) return { extract: summaryOf(extract), changes: null };
      const previous = await deps.extracts.get(
        extractId({ financialYear: extract.financialYear, quarter: extract.quarter }, extract.revision - 1),
      );
      if (!previous) throw new StatisticsExtractError(`extract ${id} is kept without the revision before it`);
      return { extract: summaryOf(extract), changes: revisionChanges(previous, extract, threshold) };
    },
  };
}
