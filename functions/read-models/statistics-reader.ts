// The outcome statistics as people may read them (docs/decisions/0012-dated-statistics-extracts.md):
// - national figures (every force and area) only from the dated extracts of closed quarters, with
//   disclosure control, never from live counters that could be differenced;
// - an organisation's own figures: the referrals routed to it now, counted as they stand, exact.
// The live national counters are counted here too (from every referral's history), for checks of
// the projection and the benchmarks; no route serves them.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import {
  FinancialYear,
  StatisticalProfile,
  type StatisticsCounters,
  type StatisticsExtractSummary,
  type StatisticsTable,
  StatisticsTablesOptions,
  TableName,
  type KeyResults,
  type ReleaseTablesResult,
  type ReleaseStage,
  DEFAULT_SUPPRESSION_THRESHOLD,
  countersOf,
  csvFileName,
  keyResults,
  keyResultsCsv,
  keyResultsMarkdown,
  releaseFileName,
  releaseTableCsv,
  releaseTables,
  statisticsTable,
  statisticsTables,
  toCsv,
} from '../../domain/statistics/index.js';
import { partitionItems } from './partition-items.js';
import { type ProjectionVersions } from './projection-versions.js';
import { type StatisticsExtracts, type ExtractChoice } from './statistics-extracts.js';
import { statisticsHistoryKeys } from './statistics-keys.js';
import { releaseWorkbook } from './release-workbook.js';

const StoredOwnProfile = z.object({ profile: z.string() });

/** Tables and the date (or instant) they stand as at. */
export interface DatedTables {
  asAt: string;
  tables: StatisticsTable[];
}

/** The national tables of one dated extract, with disclosure control. */
export interface ExtractTables extends DatedTables {
  extract: StatisticsExtractSummary;
}

export interface StatisticsCsv {
  filename: string;
  body: string;
}

/** The release's tables of an extract; 'no-release' when the extract was kept before they were. */
export interface ExtractRelease {
  extract: StatisticsExtractSummary;
  asAt: string;
  release: ReleaseTablesResult;
  keyResults: KeyResults;
}

export interface StatisticsFile {
  filename: string;
  body: string | Uint8Array;
  contentType: string;
}

export interface StatisticsReader {
  /** The release's tables, key results included, of an extract (the one named, else the latest of the year), with disclosure control across all tables. */
  release(choice: ExtractChoice): Promise<ExtractRelease | null | 'no-release'>;
  /** One file of the release: a table's CSV (`table-3`), the key results (`key-results.csv`, `key-results.md`) or the workbook (`workbook`). */
  releaseFile(choice: ExtractChoice, file: string): Promise<StatisticsFile | null | 'no-release' | 'no-such-file'>;
  /** Every extract kept (without its figures), newest period first, latest revision first. */
  extracts(): Promise<StatisticsExtractSummary[]>;
  /** The national tables of an extract (the one named, else the latest of the year); null when none has been produced. */
  extractTables(choice: ExtractChoice): Promise<ExtractTables | null>;
  extractCsv(
    choice: ExtractChoice,
    name: TableName,
  ): Promise<(StatisticsCsv & { extract: StatisticsExtractSummary }) | null>;
  /** The exact tables of the referrals routed to `organisation` now, as at `now` (an ISO instant from the caller's clock). */
  organisationTables(organisation: string, year: string, now: string): Promise<DatedTables>;
  organisationCsv(organisation: string, year: string, name: TableName, now: string): Promise<StatisticsCsv>;
  /** Live national counters of the active projection version: checks and benchmarks only, never served. */
  liveCounters(year: string): Promise<StatisticsCounters>;
  liveTables(options: StatisticsTablesOptions): Promise<StatisticsTable[]>;
}

export interface StatisticsReaderDeps {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
  extracts: StatisticsExtracts;
  /**
   * The organisations whose referrals are an organisation's own figures: itself, or for a regional
   * Prevent hub the police forces of its region (decision 0018). Itself alone when not given.
   */
  ownReferralsOf?: (organisation: string) => readonly string[];
}

export function createStatisticsReader(deps: StatisticsReaderDeps): StatisticsReader {
  /** The year's counters as they stand: every referral's latest counted profile, from the histories. */
  async function liveCounters(year: string): Promise<StatisticsCounters> {
    const financialYear = FinancialYear.parse(year);
    const latest = (await deps.extracts.histories(financialYear)).flatMap((history) => {
      const profile = history.at(-1)?.profile;
      return profile && profile.financialYear === financialYear ? [profile] : [];
    });
    return countersOf(latest);
  }

  async function organisationCounters(organisation: string, year: string): Promise<StatisticsCounters> {
    const { active } = await deps.versions.current('statistics');
    const profiles: StatisticalProfile[] = [];
    // A referral is held by one force at a time: the forces' partitions do not overlap.
    for (const member of deps.ownReferralsOf?.(organisation) ?? [organisation]) {
      const pk = statisticsHistoryKeys.organisationPartition(active, member, FinancialYear.parse(year));
      for await (const item of partitionItems(deps.client, deps.tableName, pk)) {
        profiles.push(StatisticalProfile.parse(JSON.parse(StoredOwnProfile.parse(item).profile)));
      }
    }
    return countersOf(profiles);
  }

  async function extractTables(choice: ExtractChoice): Promise<ExtractTables | null> {
    const extract = await deps.extracts.chosen(choice);
    if (!extract) return null;
    const { counters, release: _release, ...summary } = extract;
    return {
      extract: summary,
      asAt: summary.asAt,
      tables: statisticsTables(counters, { year: summary.financialYear, viewer: 'aggregate-only' }),
    };
  }

  /** The headline figures of the latest extract of every other year kept: the comparisons with previous years. */
  async function yearsHeld(): Promise<Record<string, Partial<Record<ReleaseStage, number>>>> {
    const years = [...new Set((await deps.extracts.list()).map((summary) => summary.financialYear))];
    const held: Record<string, Partial<Record<ReleaseStage, number>>> = {};
    for (const year of years) {
      const extract = await deps.extracts.chosen({ year });
      if (!extract?.release || extract.quarter !== 4) continue;
      const total = (stage: ReleaseStage) => extract.release?.[`${stage}|total`] ?? 0;
      held[year] = {
        referrals: total('referrals'),
        'discussed-at-panel': total('discussed-at-panel'),
        adopted: total('adopted'),
        'left-no-further-concern': total('left-no-further-concern'),
      };
    }
    return held;
  }

  async function release(choice: ExtractChoice): Promise<ExtractRelease | null | 'no-release'> {
    const extract = await deps.extracts.chosen(choice);
    if (!extract) return null;
    const { counters: _counters, release: counts, ...summary } = extract;
    if (!counts) return 'no-release';
    const tables = releaseTables(counts, {
      year: summary.financialYear,
      threshold: DEFAULT_SUPPRESSION_THRESHOLD,
      yearsHeld: await yearsHeld(),
    });
    return {
      extract: summary,
      asAt: summary.asAt,
      release: tables,
      keyResults: keyResults(tables.tables, { year: summary.financialYear, asAt: summary.asAt }),
    };
  }

  return {
    release,
    async releaseFile(choice, file) {
      const found = await release(choice);
      if (found === null || found === 'no-release') return found;
      const dated = { year: found.extract.financialYear, asAt: found.asAt };
      if (file === 'key-results.csv')
        return {
          filename: releaseFileName(dated, 'key-results', 'csv'),
          body: keyResultsCsv(found.keyResults),
          contentType: 'text/csv; charset=utf-8',
        };
      if (file === 'key-results.md')
        return {
          filename: releaseFileName(dated, 'key-results', 'md'),
          body: keyResultsMarkdown(found.keyResults),
          contentType: 'text/markdown; charset=utf-8',
        };
      if (file === 'workbook')
        return {
          filename: releaseFileName(dated, 'tables', 'xlsx'),
          body: await releaseWorkbook(found.release.tables, {
            ...dated,
            extractId: found.extract.id,
            producedAt: found.extract.producedAt,
          }),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        };
      const table = found.release.tables.find((candidate) => `${candidate.id}.csv` === file);
      if (!table) return 'no-such-file';
      return {
        filename: releaseFileName(dated, table.id, 'csv'),
        body: releaseTableCsv(table, dated),
        contentType: 'text/csv; charset=utf-8',
      };
    },
    extracts: () => deps.extracts.list(),
    extractTables,
    async extractCsv(choice, name) {
      const extract = await deps.extracts.chosen(choice);
      if (!extract) return null;
      const { counters, release: _release, ...summary } = extract;
      const table = statisticsTable(TableName.parse(name), counters, {
        year: summary.financialYear,
        viewer: 'aggregate-only',
      });
      return {
        extract: summary,
        filename: csvFileName(table, { asAt: summary.asAt }),
        body: toCsv(table, { asAt: summary.asAt }),
      };
    },
    async organisationTables(organisation, year, now) {
      return {
        asAt: now,
        tables: statisticsTables(await organisationCounters(organisation, year), { year, viewer: 'case-access' }),
      };
    },
    async organisationCsv(organisation, year, name, now) {
      const table = statisticsTable(TableName.parse(name), await organisationCounters(organisation, year), {
        year,
        viewer: 'case-access',
      });
      return { filename: csvFileName(table, { asAt: now }), body: toCsv(table, { asAt: now }) };
    },
    liveCounters,
    async liveTables(options) {
      return statisticsTables(await liveCounters(StatisticsTablesOptions.parse(options).year), options);
    },
  };
}
