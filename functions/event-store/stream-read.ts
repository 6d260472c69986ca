// Reading a stream back: strongly consistent, page after page (a query answers at most 1 MB),
// each item upcast and decrypted, or marked erased, by the codec. A read from the start also takes
// the stream's key item (version 0) when there is one, and learns the data key from it or from
// the first event, so a cold read makes no key lookup of its own. The paging also serves appends
// at `any` version, which read a stream's versions and command ids the same way.
import { type AttributeValue, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { type RecordedEvent } from '../../events/catalogue.js';
import { StreamId } from '../../events/envelope.js';
import { type DataKeys, isKeyItem } from './data-keys.js';
import { type EventCodec, type EventItem } from './event-codec.js';
import { type EventsTable, send } from './events-table.js';

/** Every page of a query of one stream (its id in `:s`), in order. */
export async function* streamPages(
  table: EventsTable,
  input: QueryCommandInput,
): AsyncGenerator<Record<string, AttributeValue>[]> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await send(input.ExpressionAttributeValues?.[':s']?.S ?? '?', () =>
      table.client.send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

export function createStreamRead(table: EventsTable, codec: EventCodec, keys: DataKeys) {
  return async function read(streamId: string, options: { fromVersion?: number } = {}): Promise<RecordedEvent[]> {
    StreamId.parse(streamId);
    const fromVersion = options.fromVersion ?? 1;
    const items: EventItem[] = [];
    for await (const page of streamPages(table, {
      TableName: table.tableName,
      KeyConditionExpression: 'streamId = :s AND version >= :v',
      ExpressionAttributeValues: { ':s': { S: streamId }, ':v': { N: String(fromVersion <= 1 ? 0 : fromVersion) } },
      ConsistentRead: true,
    })) {
      items.push(...page);
    }
    if (fromVersion <= 1) {
      await keys.learn(streamId, items.slice(0, 2));
      if (isKeyItem(items[0])) items.shift();
    }
    const events = await Promise.all(items.map((item) => codec.fromItem(item)));
    const last = events.at(-1);
    if (last) table.remember(streamId, last.version);
    return events;
  };
}
