// The dated extracts of the outcome statistics, kept in the read-models table (not versioned:
// an extract outlives rebuilds of the projection it was taken from). Each is written once, on
// the condition that nothing is kept under its period and revision yet, so an extract is never
// overwritten, silently or otherwise: a correction is a later revision beside it. Also reads the
// statistical histories an extract is taken from.
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import {
  ExtractId,
  FinancialYear,
  ProfileSnapshot,
  StatisticsExtract,
  StatisticsExtractSummary,
} from '../../domain/statistics/index.js';
import { partitionItems } from './partition-items.js';
import { type ProjectionVersions } from './projection-versions.js';
import { statisticsHistoryKeys } from './statistics-keys.js';

/** Which extract: the one named (it must be of the year), else the latest revision of the latest quarter of the year. */
export interface ExtractChoice {
  year: string;
  extractId?: string | undefined;
}

export interface StatisticsExtracts {
  /** Every extract kept, without its figures: newest quarter first, latest revision first. */
  list(): Promise<StatisticsExtractSummary[]>;
  get(id: string): Promise<StatisticsExtract | null>;
  chosen(choice: ExtractChoice): Promise<StatisticsExtract | null>;
  /** Whether any revision of the quarter is kept. */
  hasPeriod(financialYear: string, quarter: number): Promise<boolean>;
  /** Keeps a new extract; 'exists' (and nothing written) when that quarter and revision are kept already. */
  save(extract: StatisticsExtract): Promise<'saved' | 'exists'>;
  /** The statistical history of every referral of the year, from the active version of the statistics projection. */
  histories(financialYear: string): Promise<ProfileSnapshot[][]>;
}

const StoredExtract = z.object({ counters: z.string(), release: z.string().optional() }).passthrough();
const StoredSnapshot = z.object({ snapshot: z.string() });
const summaryAttributes = StatisticsExtractSummary.keyof().options;

function idParts(id: string): { financialYear: string; quarter: number; revision: number } {
  const parsed = ExtractId.parse(id);
  return {
    financialYear: parsed.slice(0, 7),
    quarter: Number(parsed.slice(9, 10)),
    revision: Number(parsed.slice(12)),
  };
}

function extractOf(item: Record<string, AttributeValue>): StatisticsExtract {
  const { pk: _pk, sk: _sk, counters, release, ...summary } = StoredExtract.parse(unmarshall(item));
  return StatisticsExtract.parse({
    ...summary,
    counters: JSON.parse(counters),
    ...(release === undefined ? {} : { release: JSON.parse(release) }),
  });
}

export function createStatisticsExtracts(deps: {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
}): StatisticsExtracts {
  const { client, tableName } = deps;
  const pk = statisticsHistoryKeys.extractPartition;

  async function query(options: {
    skPrefix?: string;
    newestFirst: boolean;
    limit?: number;
    summaryOnly: boolean;
  }): Promise<Record<string, AttributeValue>[]> {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: options.skPrefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
          ExpressionAttributeValues: marshall({
            ':pk': pk,
            ...(options.skPrefix ? { ':prefix': options.skPrefix } : {}),
          }),
          ...(options.summaryOnly
            ? {
                ProjectionExpression: summaryAttributes.map((_, index) => `#a${index}`).join(', '),
                ExpressionAttributeNames: Object.fromEntries(
                  summaryAttributes.map((name, index) => [`#a${index}`, name]),
                ),
              }
            : {}),
          ScanIndexForward: !options.newestFirst,
          ...(options.limit ? { Limit: options.limit } : {}),
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(page.Items ?? []));
      start = options.limit && items.length >= options.limit ? undefined : page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async function get(id: string): Promise<StatisticsExtract | null> {
    const { financialYear, quarter, revision } = idParts(id);
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: marshall({ pk, sk: statisticsHistoryKeys.extractSk(financialYear, quarter, revision) }),
      }),
    );
    return Item ? extractOf(Item) : null;
  }

  return {
    async list() {
      return (await query({ newestFirst: true, summaryOnly: true })).map((item) =>
        StatisticsExtractSummary.parse(unmarshall(item)),
      );
    },
    get,
    async chosen({ year, extractId }) {
      const financialYear = FinancialYear.parse(year);
      if (extractId !== undefined) {
        const extract = await get(extractId);
        return extract && extract.financialYear === financialYear ? extract : null;
      }
      const [latest] = await query({ skPrefix: `${financialYear}#`, newestFirst: true, limit: 1, summaryOnly: false });
      return latest ? extractOf(latest) : null;
    },
    async hasPeriod(financialYear, quarter) {
      return (
        (
          await query({
            skPrefix: `${FinancialYear.parse(financialYear)}#q${quarter}#`,
            newestFirst: false,
            limit: 1,
            summaryOnly: true,
          })
        ).length > 0
      );
    },
    async save(extract) {
      const parsed = StatisticsExtract.parse(extract);
      const { counters, release, ...summary } = parsed;
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall({
              pk,
              sk: statisticsHistoryKeys.extractSk(summary.financialYear, summary.quarter, summary.revision),
              ...summary,
              counters: JSON.stringify(counters),
              ...(release === undefined ? {} : { release: JSON.stringify(release) }),
            }),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'saved';
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'exists';
        throw error;
      }
    },
    async histories(financialYear) {
      const { active } = await deps.versions.current('statistics');
      const histories: ProfileSnapshot[][] = [];
      let current: ProfileSnapshot[] = [];
      // Items come sorted by <streamId>#<version>: one referral's snapshots together, in order.
      for await (const item of partitionItems(
        client,
        tableName,
        statisticsHistoryKeys.historyPartition(active, FinancialYear.parse(financialYear)),
      )) {
        const snapshot = ProfileSnapshot.parse(JSON.parse(StoredSnapshot.parse(item).snapshot));
        if (current.length > 0 && current[0]?.profile.streamId !== snapshot.profile.streamId) {
          histories.push(current);
          current = [];
        }
        current.push(snapshot);
      }
      if (current.length > 0) histories.push(current);
      return histories;
    },
  };
}
