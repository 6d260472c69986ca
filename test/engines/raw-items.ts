// Items as DynamoDB holds them, read past the code under test: what a test looks at to prove
// what was written, and that nothing readable was (no plaintext, no blind index). Every page is
// read and reads are strongly consistent, so an item just written is never missed.
import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  type ScanCommandInput,
} from '@aws-sdk/client-dynamodb';
import { scanPages } from '../../functions/read-models/partition-items.js';

type RawItem = Record<string, AttributeValue>;

/** Every item of the table. */
export { allItems } from '../../functions/read-models/partition-items.js';

/** One stream's items in the events table, in version order. */
export async function streamItems(client: DynamoDBClient, eventsTable: string, streamId: string): Promise<RawItem[]> {
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: eventsTable,
        KeyConditionExpression: 'streamId = :s',
        ExpressionAttributeValues: { ':s': { S: streamId } },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * How many items of the table match (every one, or those `filter` keeps), over every page: a
 * Scan's Count is one page's (1 MB of items), so a count of its first page alone stops changing
 * once the table outgrows a page.
 */
export async function itemCount(
  client: DynamoDBClient,
  tableName: string,
  filter?: Pick<ScanCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
): Promise<number> {
  let count = 0;
  for await (const page of scanPages(client, {
    TableName: tableName,
    Select: 'COUNT',
    ConsistentRead: true,
    ...filter,
  }))
    count += page.count;
  return count;
}
