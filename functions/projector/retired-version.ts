// Deleting a projection version that a rebuild replaced. Once readers follow the new version,
// nothing keeps the old one up to date: an erasure recorded afterwards would never reach it, so
// it would keep what erasure must remove (the person's blind index on the case item and in the
// person index). A rebuild therefore deletes the version it replaced, partition prefix by prefix.
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { scanPages } from '../read-models/partition-items.js';

const BATCH_SIZE = 25;
const UNPROCESSED_ATTEMPTS = 8;

export class RetiredVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetiredVersionError';
  }
}

async function deleteBatch(client: DynamoDBClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt >= UNPROCESSED_ATTEMPTS)
      throw new RetiredVersionError(
        `${pending.length} items of a retired version could not be deleted; run the rebuild's retirement again`,
      );
    if (attempt > 0) await new Promise((wake) => setTimeout(wake, 50 * 2 ** attempt));
    const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = result.UnprocessedItems?.[tableName] ?? [];
  }
}

/**
 * Deletes every item of the table whose partition key starts with one of the prefixes (one scan
 * of the table, keys only). Says how many it deleted.
 */
export async function deletePartitionsStartingWith(
  client: DynamoDBClient,
  tableName: string,
  prefixes: readonly string[],
): Promise<number> {
  if (prefixes.length === 0) return 0;
  const names = prefixes.map((_prefix, index) => `:p${index}`);
  const filter = names.map((name) => `begins_with(pk, ${name})`).join(' OR ');
  const values = marshall(Object.fromEntries(prefixes.map((prefix, index) => [names[index], prefix])));
  let deleted = 0;
  for await (const page of scanPages(client, {
    TableName: tableName,
    ProjectionExpression: 'pk, sk',
    FilterExpression: filter,
    ExpressionAttributeValues: values,
    ConsistentRead: true,
  })) {
    const keys = page.items;
    for (let index = 0; index < keys.length; index += BATCH_SIZE) {
      const batch = keys.slice(index, index + BATCH_SIZE).map((key): WriteRequest => ({
        DeleteRequest: { Key: { pk: key.pk as AttributeValue, sk: key.sk as AttributeValue } },
      }));
      await deleteBatch(client, tableName, batch);
      deleted += batch.length;
    }
  }
  return deleted;
}
