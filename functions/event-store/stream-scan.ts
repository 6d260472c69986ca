// Reading every stream of the store at once, for a rebuild's bulk pass: a parallel, strongly
// consistent scan of the events table (segments side by side, 1 MB a page) instead of a query
// per stream. A segment holds whole partitions, so a stream's items come together, in version
// order; each run of one stream's items is decoded as a read would decode it (the data key
// learned from its key item or first event) and handed over once the scan has moved past it.
// What is handed over is always a stream's events from version 1 with no gap: a run that does
// not start at version 1 (a stream met again after the scan moved on) is left out, and a run is
// cut at its first gap, so the caller reads what is missing the ordinary way.
import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { type RecordedEvent } from '../../events/catalogue.js';
import { type DataKeys, isKeyItem } from './data-keys.js';
import { type EventCodec, type EventItem } from './event-codec.js';
import { type EventsTable, send } from './events-table.js';

export interface StreamScanOptions {
  /** Scan segments read side by side. */
  segments: number;
  /** Only streams whose id starts with this. */
  category: string;
}

/** Called with each stream's events from version 1, contiguous; the scan waits for it (backpressure). */
export type OnScannedStream = (streamId: string, events: RecordedEvent[]) => Promise<void>;

export function createStreamScan(table: EventsTable, codec: EventCodec, keys: DataKeys) {
  async function handOver(streamId: string, items: EventItem[], onStream: OnScannedStream): Promise<void> {
    await keys.learn(streamId, items.slice(0, 2));
    const events = items.filter((item) => !isKeyItem(item));
    const contiguous: EventItem[] = [];
    for (const item of events) {
      if (Number(item.version?.N) !== contiguous.length + 1) break;
      contiguous.push(item);
    }
    if (contiguous.length === 0) return;
    const decoded = await Promise.all(contiguous.map((item) => codec.fromItem(item)));
    table.remember(streamId, decoded.length);
    await onStream(streamId, decoded);
  }

  return async function scanStreams(onStream: OnScannedStream, options: StreamScanOptions): Promise<void> {
    // The first failure stops every segment at its next stream: nothing is handed over after it.
    let failed = false;
    const stopping = (error: unknown): never => {
      failed = true;
      throw error;
    };
    await Promise.all(
      Array.from({ length: options.segments }, async (_unused, segment) => {
        let run: { streamId: string; items: EventItem[] } | undefined;
        let start: Record<string, AttributeValue> | undefined;
        do {
          const page = await send(`scan segment ${segment}`, () =>
            table.client.send(
              new ScanCommand({
                TableName: table.tableName,
                Segment: segment,
                TotalSegments: options.segments,
                ExclusiveStartKey: start,
                ConsistentRead: true,
              }),
            ),
          );
          for (const item of page.Items ?? []) {
            const streamId = item.streamId?.S ?? '';
            if (!streamId.startsWith(options.category)) continue;
            if (run?.streamId !== streamId) {
              if (failed) return;
              if (run) await handOver(run.streamId, run.items, onStream).catch(stopping);
              run = { streamId, items: [] };
            }
            run.items.push(item);
          }
          start = page.LastEvaluatedKey;
        } while (start && !failed);
        if (run && !failed) await handOver(run.streamId, run.items, onStream).catch(stopping);
      }),
    );
  };
}
