// The streams in the event store and how far each has got: a keys-only scan of the events
// table (no personal part is read), in parallel segments (one scan after another made a rebuild
// wait 3-11 s for each on DynamoDB Local at 10,000 events), in `scanPages`' pages of at most
// `SCAN_PAGE_ITEMS` (1 MB pages cost DynamoDB Local 2.4-2.7 times the CPU at 100,000 events).
// Used by the rebuild to know what to replay and when it has caught up; the events themselves are
// read through the store.
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { REFERRAL_STREAM_CATEGORY } from '../../domain/referral/stream-id.js';
import { scanPages } from '../read-models/partition-items.js';

export type StreamHeads = Map<string, number>;

/** Segments of the keys-only scan, read at once. */
export const STREAM_HEADS_SEGMENTS = 8;

export async function streamHeads(
  client: DynamoDBClient,
  eventsTable: string,
  category = REFERRAL_STREAM_CATEGORY,
): Promise<StreamHeads> {
  const heads: StreamHeads = new Map();
  for await (const page of scanPages(
    client,
    { TableName: eventsTable, ProjectionExpression: 'streamId, version', ConsistentRead: true },
    { segments: STREAM_HEADS_SEGMENTS },
  ))
    for (const item of page.items) {
      const streamId = item.streamId?.S;
      const version = Number(item.version?.N ?? 0);
      if (streamId?.startsWith(category) && version > (heads.get(streamId) ?? 0)) heads.set(streamId, version);
    }
  return heads;
}
