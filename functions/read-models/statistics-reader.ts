// The outcome statistics for the API: the counters of a financial year, read from the active
// version of the statistics projection, as Home Office tables (with disclosure control for
// viewers without case access) or as CSV.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { partitionItems } from './partition-items.js';
import * as z from 'zod';
import {
  type StatisticsCounters,
  type StatisticsTable,
  StatisticsTablesOptions,
  TableName,
  emptyCounters,
  rowLabelKey,
  statisticsTable,
  statisticsTables,
  toCsv,
} from '../../domain/statistics/index.js';
import { type ProjectionVersions } from './projection-versions.js';
import { statisticsKeys } from './read-model-keys.js';

const StoredCounter = z.object({ counterKey: z.string(), table: TableName, row: z.string(), count: z.number().int(), rowLabel: z.string() });

export interface StatisticsReader {
  /** The counters of one financial year (cells that went back to zero left out). */
  counters(year: string): Promise<StatisticsCounters>;
  tables(options: StatisticsTablesOptions): Promise<StatisticsTable[]>;
  table(name: TableName, options: StatisticsTablesOptions): Promise<StatisticsTable>;
  csv(name: TableName, options: StatisticsTablesOptions): Promise<string>;
}

export function createStatisticsReader(deps: { client: DynamoDBClient; tableName: string; versions: ProjectionVersions }): StatisticsReader {
  async function counters(year: string): Promise<StatisticsCounters> {
    const { active } = await deps.versions.current('statistics');
    const result = emptyCounters();
    for await (const item of partitionItems(deps.client, deps.tableName, statisticsKeys.counterPartition(active, year))) {
      const counter = StoredCounter.parse(item);
      if (counter.count === 0) continue;
      result.counts[counter.counterKey] = counter.count;
      result.labels[rowLabelKey(counter.table, counter.row)] = counter.rowLabel;
    }
    return result;
  }

  async function countersFor(options: StatisticsTablesOptions): Promise<StatisticsCounters> {
    return counters(StatisticsTablesOptions.parse(options).year);
  }

  return {
    counters,
    async tables(options) {
      return statisticsTables(await countersFor(options), options);
    },
    async table(name, options) {
      return statisticsTable(TableName.parse(name), await countersFor(options), options);
    },
    async csv(name, options) {
      return toCsv(statisticsTable(TableName.parse(name), await countersFor(options), options));
    },
  };
}
