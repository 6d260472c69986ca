// The statistics projection: each referral's statistical profile (its checkpoint) and the
// counters of the Home Office tables. The profile is written with a condition on the version it
// was read at and the counter deltas as ADD updates in the same transaction, so a redelivered
// event can never count twice.
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type RecordedEvent } from '../../events/index.js';
import { type CounterDelta, StatisticalProfile, stepStatistics } from '../../domain/statistics/index.js';
import { statisticsKeys } from '../read-models/read-model-keys.js';
import { writeWithCheckpoint } from './checkpointed-write.js';
import { CHECKPOINT_RACE_ATTEMPTS, CheckpointRaceError, type Projection, type ProjectionOutcome } from './projection.js';

export interface StatisticsProjectionDeps {
  client: DynamoDBClient;
  tableName: string;
}

/** The sort key of a counter within its year's partition: `<table>#<row>#<measure>`. */
export function counterSortKey(delta: Pick<CounterDelta, 'cell'>): string {
  const { table, row, measure } = delta.cell;
  return `${table}#${row}#${measure}`;
}

export function createStatisticsProjection(deps: StatisticsProjectionDeps): Projection {
  const { client, tableName } = deps;

  async function load(version: number, streamId: string): Promise<StatisticalProfile | undefined> {
    const result = await client.send(
      new GetItemCommand({ TableName: tableName, Key: marshall({ pk: statisticsKeys.profilePartition(version, streamId), sk: statisticsKeys.profileSk }), ConsistentRead: true }),
    );
    return result.Item ? StatisticalProfile.parse(JSON.parse(String(unmarshall(result.Item).profile))) : undefined;
  }

  function counterUpdate(version: number, delta: CounterDelta): TransactWriteItem {
    return {
      Update: {
        TableName: tableName,
        Key: marshall({ pk: statisticsKeys.counterPartition(version, delta.cell.year), sk: counterSortKey(delta) }),
        UpdateExpression: 'ADD #count :by SET #key = :key, #table = :table, #row = :row, #measure = :measure, rowLabel = :label',
        ExpressionAttributeNames: { '#count': 'count', '#key': 'counterKey', '#table': 'table', '#row': 'row', '#measure': 'measure' },
        ExpressionAttributeValues: marshall({
          ':by': delta.by,
          ':key': delta.key,
          ':table': delta.cell.table,
          ':row': delta.cell.row,
          ':measure': delta.cell.measure,
          ':label': delta.cell.rowLabel,
        }),
      },
    };
  }

  async function attempt(version: number, event: RecordedEvent): Promise<ProjectionOutcome | 'raced'> {
    const previous = await load(version, event.streamId);
    const step = stepStatistics(previous, event);
    if (step.status !== 'applied') return step;
    const profileItem: TransactWriteItem = {
      Put: {
        TableName: tableName,
        Item: marshall({ pk: statisticsKeys.profilePartition(version, event.streamId), sk: statisticsKeys.profileSk, checkpoint: step.profile.version, profile: JSON.stringify(step.profile) }),
        ConditionExpression: previous ? 'checkpoint = :previous' : 'attribute_not_exists(pk)',
        ...(previous ? { ExpressionAttributeValues: marshall({ ':previous': previous.version }) } : {}),
      },
    };
    const written = await writeWithCheckpoint(client, profileItem, step.deltas.map((delta) => counterUpdate(version, delta)));
    return written === 'written' ? { status: 'applied' } : 'raced';
  }

  return {
    name: 'statistics',
    async apply(version, event) {
      for (let tries = 0; tries < CHECKPOINT_RACE_ATTEMPTS; tries += 1) {
        const outcome = await attempt(version, event);
        if (outcome !== 'raced') return outcome;
      }
      throw new CheckpointRaceError('statistics', event.streamId);
    },
    async checkpointOf(version, streamId) {
      return (await load(version, streamId))?.version ?? 0;
    },
  };
}
