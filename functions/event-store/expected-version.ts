// Where an append starts. After a numbered version the stream must already hold that version
// (so a stream never has gaps): known from an earlier append or read, or else looked up. At `any`
// the append reads the stream's version and, in the same pass, the item of this command if it
// was already recorded (a retry). At `no-stream` nothing is read: the conditional write checks it.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { ConcurrencyConflictError } from './errors.js';
import { type EventItem } from './event-codec.js';
import { type EventsTable, send } from './events-table.js';
import { streamPages } from './stream-read.js';

async function currentVersion(table: EventsTable, streamId: string): Promise<number> {
  const { Items } = await send(streamId, () =>
    table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': { S: streamId } },
        ProjectionExpression: 'version',
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    ),
  );
  const version = Number(Items?.[0]?.version?.N ?? 0);
  table.remember(streamId, version);
  return version;
}

/** Guards against gaps: appending after version n needs version n to exist. */
export async function assertVersionExists(table: EventsTable, streamId: string, expected: number): Promise<void> {
  if (expected === 0 || table.knownVersion(streamId) >= expected) return;
  const { Item } = await send(streamId, () =>
    table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { streamId: { S: streamId }, version: { N: String(expected) } },
        ProjectionExpression: 'version',
        ConsistentRead: true,
      }),
    ),
  );
  if (!Item) throw new ConcurrencyConflictError(streamId, expected, await currentVersion(table, streamId));
  table.remember(streamId, expected);
}

/** For `any`: the stream's version, and the item of this command if it was already recorded. */
export async function versionAndCommand(
  table: EventsTable,
  streamId: string,
  commandId: string,
): Promise<{ version: number; recorded?: EventItem }> {
  let version = 0;
  let recorded: EventItem | undefined;
  for await (const items of streamPages(table, {
    TableName: table.tableName,
    KeyConditionExpression: 'streamId = :s',
    ExpressionAttributeValues: { ':s': { S: streamId } },
    ProjectionExpression: 'version, commandId, commandDigest, commandFirstVersion, commandLastVersion',
    ConsistentRead: true,
  })) {
    for (const item of items) {
      version = Math.max(version, Number(item.version?.N ?? 0));
      if (!recorded && item.commandId?.S === commandId) recorded = item;
    }
  }
  table.remember(streamId, version);
  return recorded ? { version, recorded } : { version };
}
