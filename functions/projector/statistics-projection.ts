// The statistics projection: each referral's statistical profile (its checkpoint) and the
// counters of the Home Office tables. The profile is written with a condition on the version it
// was read at and the counter deltas as ADD updates in the same transaction, so a redelivered
// event can never count twice. Events folded together add their deltas up first.
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type CounterCell, type CounterDelta, StatisticalProfile, stepStatistics } from '../../domain/statistics/index.js';
import { statisticsKeys } from '../read-models/read-model-keys.js';
import { type Projection } from './projection.js';
import { projectionOf } from './stream-fold.js';

export interface StatisticsProjectionDeps {
  client: DynamoDBClient;
  tableName: string;
}

/** The sort key of a counter within its year's partition: `<table>#<row>#<measure>`. */
export function counterSortKey(delta: Pick<CounterDelta, 'cell'>): string {
  const { table, row, measure } = delta.cell;
  return `${table}#${row}#${measure}`;
}

/** The profile as folded so far, and the counter changes summed over the events folded. */
interface FoldedStatistics {
  profile: StatisticalProfile | undefined;
  deltas: Map<string, { cell: CounterCell; by: number }>;
}

export function createStatisticsProjection(deps: StatisticsProjectionDeps): Projection {
  const { client, tableName } = deps;

  async function load(version: number, streamId: string): Promise<StatisticalProfile | undefined> {
    const result = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshall({ pk: statisticsKeys.profilePartition(version, streamId), sk: statisticsKeys.profileSk }), ConsistentRead: true }),
    );
    return result.Item ? StatisticalProfile.parse(JSON.parse(String(unmarshall(result.Item).profile))) : undefined;
  }

  function counterUpdate(version: number, key: string, cell: CounterCell, by: number): TransactWriteItem {
    return {
      Update: {
        TableName: tableName,
        Key: marshall({ pk: statisticsKeys.counterPartition(version, cell.year), sk: counterSortKey({ cell }) }),
        UpdateExpression: 'ADD #count :by SET #key = :key, #table = :table, #row = :row, #measure = :measure, rowLabel = :label',
        ExpressionAttributeNames: { '#count': 'count', '#key': 'counterKey', '#table': 'table', '#row': 'row', '#measure': 'measure' },
        ExpressionAttributeValues: marshall({
          ':by': by,
          ':key': key,
          ':table': cell.table,
          ':row': cell.row,
          ':measure': cell.measure,
          ':label': cell.rowLabel,
        }),
      },
    };
  }

  return projectionOf<StatisticalProfile | undefined, FoldedStatistics>(client, {
    name: 'statistics',
    load,
    empty: undefined,
    checkpointOf: (stored) => stored?.version ?? 0,
    start: (stored) => ({ profile: stored, deltas: new Map() }),

    async step(folded, event) {
      const step = stepStatistics(folded.profile, event);
      if (step.status !== 'applied') return { outcome: step, folded };
      const deltas = new Map(folded.deltas);
      for (const delta of step.deltas) {
        const summed = deltas.get(delta.key);
        deltas.set(delta.key, { cell: delta.cell, by: (summed?.by ?? 0) + delta.by });
      }
      return { outcome: { status: 'applied' }, folded: { profile: step.profile, deltas } };
    },

    write(version, stored, folded) {
      const profile = folded.profile as StatisticalProfile;
      const checkpoint: TransactWriteItem = {
        Put: {
          TableName: tableName,
          Item: marshall({ pk: statisticsKeys.profilePartition(version, profile.streamId), sk: statisticsKeys.profileSk, checkpoint: profile.version, profile: JSON.stringify(profile) }),
          ConditionExpression: stored ? 'checkpoint = :previous' : 'attribute_not_exists(pk)',
          ...(stored ? { ExpressionAttributeValues: marshall({ ':previous': stored.version }) } : {}),
        },
      };
      // A cell left and entered again within the events nets to zero: nothing to write.
      const effects = [...folded.deltas].filter(([, { by }]) => by !== 0).map(([key, { cell, by }]) => counterUpdate(version, key, cell, by));
      return { checkpoint, effects, stored: profile };
    },
  });
}
