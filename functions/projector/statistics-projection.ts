// The statistics projection: each referral's statistical profile (its checkpoint), written with a
// condition on the version it was read at, so a redelivered event can never count twice.
//
// Two more kinds of item go with it, in the same transaction: the referral's statistical
// history (its profile after each event that moved it between cells, with the event's instant:
// what dated extracts are taken from), and, under each organisation the referral is routed to
// now, its profile (what that organisation's own, unsuppressed figures are counted from). The
// profile under an organisation carries the version of the last event that changed it, so that
// folding events together or one by one stores the same items.
//
// Every item a transaction writes is the referral's own: no item is shared between referrals, so
// no two referrals' transactions can meet (decision 0007: the year's national counters are
// counted from the histories when they are needed, not kept as items every referral adds to).
import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type ProfileSnapshot, StatisticalProfile, stepStatistics } from '../../domain/statistics/index.js';
import { statisticsKeys } from '../read-models/read-model-keys.js';
import { statisticsHistoryKeys } from '../read-models/statistics-keys.js';
import { type Projection } from './projection.js';
import { projectionOf } from './stream-fold.js';

export interface StatisticsProjectionDeps {
  client: DynamoDBClient;
  tableName: string;
}

/** The profile as folded so far. */
interface FoldedStatistics {
  profile: StatisticalProfile | undefined;
  /** The profile after each folded event that moved the referral between cells. */
  history: ProfileSnapshot[];
  /** The version of the last folded event that changed the profile (beyond its checkpoint), if any. */
  lastChange: number | null;
}

/** The profile without its checkpoint, to tell whether an event changed anything counted or where it is routed. */
function withoutCheckpoint(profile: StatisticalProfile | undefined): string {
  return profile ? JSON.stringify({ ...profile, version: 0 }) : '';
}

export function createStatisticsProjection(deps: StatisticsProjectionDeps): Projection {
  const { client, tableName } = deps;

  async function load(version: number, streamId: string): Promise<StatisticalProfile | undefined> {
    const result = await client.send(
      new GetItemCommand({
        TableName: tableName,
        Key: marshall({ pk: statisticsKeys.profilePartition(version, streamId), sk: statisticsKeys.profileSk }),
        ConsistentRead: true,
      }),
    );
    return result.Item ? StatisticalProfile.parse(JSON.parse(String(unmarshall(result.Item).profile))) : undefined;
  }

  function historyPut(version: number, snapshot: ProfileSnapshot): TransactWriteItem {
    const { profile } = snapshot;
    return {
      Put: {
        TableName: tableName,
        Item: marshall({
          pk: statisticsHistoryKeys.historyPartition(version, profile.financialYear),
          sk: statisticsHistoryKeys.historySk(profile.streamId, profile.version),
          snapshot: JSON.stringify(snapshot),
        }),
      },
    };
  }

  /** The profile under every organisation the referral is routed to now; removed from those it no longer is. */
  function ownFiguresChange(
    version: number,
    before: readonly string[],
    profile: StatisticalProfile,
  ): TransactWriteItem[] {
    const key = (organisation: string) =>
      marshall({
        pk: statisticsHistoryKeys.organisationPartition(version, organisation, profile.financialYear),
        sk: profile.streamId,
      });
    return [
      ...before
        .filter((organisation) => !profile.destinations.includes(organisation))
        .map((organisation) => ({ Delete: { TableName: tableName, Key: key(organisation) } })),
      ...profile.destinations.map((organisation) => ({
        Put: {
          TableName: tableName,
          Item: { ...key(organisation), ...marshall({ profile: JSON.stringify(profile) }) },
        },
      })),
    ];
  }

  return projectionOf<StatisticalProfile | undefined, FoldedStatistics>(client, {
    name: 'statistics',
    load,
    empty: undefined,
    checkpointOf: (stored) => stored?.version ?? 0,
    start: (stored) => ({ profile: stored, history: [], lastChange: null }),

    async step(folded, event) {
      const step = stepStatistics(folded.profile, event);
      if (step.status !== 'applied') return { outcome: step, folded };
      const history =
        step.deltas.length > 0
          ? [...folded.history, { occurredAt: event.occurredAt, profile: step.profile }]
          : folded.history;
      const changed = withoutCheckpoint(folded.profile) !== withoutCheckpoint(step.profile);
      return {
        outcome: { status: 'applied' },
        folded: { profile: step.profile, history, lastChange: changed ? event.version : folded.lastChange },
      };
    },

    write(version, stored, folded) {
      const profile = folded.profile as StatisticalProfile;
      const checkpoint: TransactWriteItem = {
        Put: {
          TableName: tableName,
          Item: marshall({
            pk: statisticsKeys.profilePartition(version, profile.streamId),
            sk: statisticsKeys.profileSk,
            checkpoint: profile.version,
            profile: JSON.stringify(profile),
          }),
          ConditionExpression: stored ? 'checkpoint = :previous' : 'attribute_not_exists(pk)',
          ...(stored ? { ExpressionAttributeValues: marshall({ ':previous': stored.version }) } : {}),
        },
      };
      const effects = folded.history.map((snapshot) => historyPut(version, snapshot));
      if (folded.lastChange !== null)
        effects.push(
          ...ownFiguresChange(version, stored?.destinations ?? [], { ...profile, version: folded.lastChange }),
        );
      return { checkpoint, effects, stored: profile };
    },
  });
}
