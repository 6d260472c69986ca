// The outcome statistics as people may read them (docs/decisions/0012-dated-statistics-extracts.md):
// - national figures (every force and area) only from the dated extracts of closed quarters, with
//   disclosure control, never from live counters that could be differenced;
// - an organisation's own figures: the referrals routed to it now, counted as they stand, exact.
// The live national counters are read here too, for checks of the projection and the benchmarks;
// no route serves them.
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
  countersOf,
  csvFileName,
  emptyCounters,
  rowLabelKey,
  statisticsTable,
  statisticsTables,
  toCsv,
} from '../../domain/statistics/index.js';
import { partitionItems } from './partition-items.js';
import { type ProjectionVersions } from './projection-versions.js';
import { statisticsKeys } from './read-model-keys.js';
import { type StatisticsExtracts, type ExtractChoice } from './statistics-extracts.js';
import { statisticsHistoryKeys } from './statistics-keys.js';

const StoredCounter = z.object({
  counterKey: z.string(),
  table: TableName,
  row: z.string(),
  count: z.number().int(),
  rowLabel: z.string(),
});
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

export interface StatisticsReader {
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
}

export function createStatisticsReader(deps: StatisticsReaderDeps): StatisticsReader {
  async function liveCounters(year: string): Promise<StatisticsCounters> {
    const { active } = await deps.versions.current('statistics');
    const result = emptyCounters();
    for await (const item of partitionItems(
      deps.client,
      deps.tableName,
      statisticsKeys.counterPartition(active, FinancialYear.parse(year)),
    )) {
      const counter = StoredCounter.parse(item);
      if (counter.count === 0) continue;
      result.counts[counter.counterKey] = counter.count;
      result.labels[rowLabelKey(counter.table, counter.row)] = counter.rowLabel;
    }
    return result;
  }

  async function organisationCounters(organisation: string, year: string): Promise<StatisticsCounters> {
    const { active } = await deps.versions.current('statistics');
    const profiles: StatisticalProfile[] = [];
    const pk = statisticsHistoryKeys.organisationPartition(active, organisation, FinancialYear.parse(year));
    for await (const item of partitionItems(deps.client, deps.tableName, pk)) {
      profiles.push(StatisticalProfile.parse(JSON.parse(StoredOwnProfile.parse(item).profile)));
    }
    return countersOf(profiles);
  }

  async function extractTables(choice: ExtractChoice): Promise<ExtractTables | null> {
    const extract = await deps.extracts.chosen(choice);
    if (!extract) return null;
    const { counters, ...summary } = extract;
    return {
      extract: summary,
      asAt: summary.asAt,
      tables: statisticsTables(counters, { year: summary.financialYear, viewer: 'aggregate-only' }),
    };
  }

  return {
    extracts: () => deps.extracts.list(),
    extractTables,
    async extractCsv(choice, name) {
      const extract = await deps.extracts.chosen(choice);
      if (!extract) return null;
      const { counters, ...summary } = extract;
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
