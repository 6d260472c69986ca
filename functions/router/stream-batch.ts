// A DynamoDB stream batch, split by event stream: records of one stream are handled in order,
// and the first failure fails the rest of that stream in the batch (version 6 is never handled
// after version 5 failed), while other streams go on. The answer is Lambda's partial batch
// response: the sequence numbers of every record not handled.
import { type DynamoDBBatchResponse, type DynamoDBRecord } from 'aws-lambda';

export interface StreamGroup {
  /** The event stream (the item's partition key), or null when the record has none (it cannot be handled). */
  streamId: string | null;
  records: DynamoDBRecord[];
}

/** Groups records by the `streamId` key of their item, keeping their order. */
export function groupByStream(records: readonly DynamoDBRecord[]): StreamGroup[] {
  const groups = new Map<string, StreamGroup>();
  const unkeyed: StreamGroup[] = [];
  for (const record of records) {
    const streamId = record.dynamodb?.Keys?.streamId?.S;
    if (streamId === undefined) {
      unkeyed.push({ streamId: null, records: [record] });
      continue;
    }
    const group = groups.get(streamId) ?? { streamId, records: [] };
    group.records.push(record);
    groups.set(streamId, group);
  }
  return [...groups.values(), ...unkeyed];
}

/** Runs `work` over the items with at most `concurrency` at a time, in the items' order. */
export async function inPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

export function sequenceNumberOf(record: DynamoDBRecord): string {
  return record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
}

export function batchResponse(failed: readonly DynamoDBRecord[]): DynamoDBBatchResponse {
  return { batchItemFailures: failed.map((record) => ({ itemIdentifier: sequenceNumberOf(record) })) };
}
