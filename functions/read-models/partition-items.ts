// Paginated reads of a table: every item of one read-model partition (a Query, page after
// page), and every page of a Scan, in parallel segments when asked.
import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  ScanCommand,
  type ScanCommandInput,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export async function* partitionItems(
  client: DynamoDBClient,
  tableName: string,
  pk: string,
  options: { consistentRead?: boolean } = {},
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        ...(options.consistentRead ? { ConsistentRead: true } : {}),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) yield unmarshall(item);
    start = page.LastEvaluatedKey;
  } while (start);
}

/** What sends a Scan: a DynamoDB client, or one wrapped to translate its errors. */
export interface ScanSender {
  send(command: ScanCommand): Promise<ScanCommandOutput>;
}

export interface ScannedPage {
  /** The segment the page belongs to (0 without segments); a segment's pages come in order. */
  segment: number;
  items: Record<string, AttributeValue>[];
  /** The Count of the page (what a `Select: 'COUNT'` scan gives instead of items). */
  count: number;
}

/**
 * Items a Scan page holds at most when the caller sets no Limit. Without a Limit DynamoDB Local
 * pays for the rest of the segment on every page, so a scan's cost grows with the square of the
 * table: a keys-only scan of 100,000 events in 8 segments cost the engine 8.8-9.1 s of CPU in 1 MB
 * pages and 3.3-3.7 s with pages of at most 2,500 items; a whole-item scan in 16 segments 1.8-2.1 s
 * with pages of 1,000 against 3.1-3.2 s with pages of 250 (bench/results/rebuild-bulk.md). In
 * DynamoDB a page also ends at 1 MB read, and a Scan is charged by what it reads, not by its pages.
 */
export const SCAN_PAGE_ITEMS = 1_000;

/**
 * Every page of the scan `input`, following LastEvaluatedKey, each of at most `input.Limit`
 * items (`SCAN_PAGE_ITEMS` when not given). With `segments` above 1 it is a
 * parallel scan: the segments are read side by side, each at most one page ahead of what the
 * caller has taken, and their pages come as they arrive (each segment's in order). Stopping
 * the iteration (a break, a throw) stops every segment after its request in flight; the first
 * failed request is thrown to the caller.
 */
export async function* scanPages(
  client: ScanSender,
  input: Omit<ScanCommandInput, 'ExclusiveStartKey' | 'Segment' | 'TotalSegments'>,
  options: { segments?: number } = {},
): AsyncGenerator<ScannedPage> {
  const segments = options.segments ?? 1;
  const read = (segment: number, start: Record<string, AttributeValue> | undefined) =>
    client.send(
      new ScanCommand({
        ...input,
        Limit: input.Limit ?? SCAN_PAGE_ITEMS,
        ExclusiveStartKey: start,
        ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
      }),
    );
  const pageOf = (segment: number, page: ScanCommandOutput): ScannedPage => ({
    segment,
    items: page.Items ?? [],
    count: page.Count ?? 0,
  });
  if (segments <= 1) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await read(0, start);
      yield pageOf(0, page);
      start = page.LastEvaluatedKey;
    } while (start);
    return;
  }

  // Each segment's next page, as a promise that settles with it (or with the segment's end).
  type Next = { segment: number; page: ScanCommandOutput };
  const pending = new Map<number, Promise<Next>>();
  const request = (segment: number, start: Record<string, AttributeValue> | undefined) => {
    const next = read(segment, start).then((page) => ({ segment, page }));
    // Settled by the race below or left behind when the caller stops: never unhandled.
    next.catch(() => undefined);
    pending.set(segment, next);
  };
  for (let segment = 0; segment < segments; segment += 1) request(segment, undefined);
  while (pending.size > 0) {
    const { segment, page } = await Promise.race(pending.values());
    pending.delete(segment);
    // The segment's next page is read while the caller works on this one.
    if (page.LastEvaluatedKey) request(segment, page.LastEvaluatedKey);
    yield pageOf(segment, page);
  }
}

/** Every item of the table, read strongly consistent (an item just written is not missed). */
export async function allItems(client: ScanSender, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  for await (const page of scanPages(client, { TableName: tableName, ConsistentRead: true })) items.push(...page.items);
  return items;
}
