// Reading every stream of the store at once, for a rebuild's bulk pass: a parallel, strongly
// consistent scan of the events table (segments side by side, `scanPages`) instead of a query
// per stream. A segment holds whole partitions, so a stream's items come together, in version
// order; each run of one stream's items is decoded as a read would decode it (the data key
// learned from its key item or first event) and handed over once the scan has moved past it,
// one stream at a time (the caller's work paces the scan: each segment reads one page ahead).
// What is handed over is always a stream's events from version 1 with no gap: a run that does
// not start at version 1 (a stream met again after the scan moved on) is left out, and a run is
// cut at its first gap, so the caller reads what is missing the ordinary way.
import { type RecordedEvent } from '../../events/catalogue.js';
import { scanPages } from '../read-models/partition-items.js';
import { type DataKeys, isKeyItem } from './data-keys.js';
import { type EventCodec, type EventItem } from './event-codec.js';
import { type EventsTable, send } from './events-table.js';

export interface StreamScanOptions {
  /** Scan segments read side by side. */
  segments: number;
  /** Only streams whose id starts with this. */
  category: string;
  /**
   * Items a page holds at most (the Scan's Limit; `SCAN_PAGE_ITEMS` when not given). Pages smaller
   * than the store let the caller start on the first streams while the rest is read: in 1 MB pages,
   * 16 segments held a 10,000-event store in one round, so nothing was handed over until it was
   * all read.
   */
  pageSize?: number;
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
    // The run of one stream's items each segment is in; handed over once the segment moves past
    // it. A failure (a request, a hand-over) ends the iteration: nothing is handed over after it.
    const runs = new Map<number, { streamId: string; items: EventItem[] }>();
    for await (const page of scanPages(
      { send: (command) => send('scan', () => table.client.send(command)) },
      {
        TableName: table.tableName,
        ConsistentRead: true,
        ...(options.pageSize ? { Limit: options.pageSize } : {}),
      },
      { segments: options.segments },
    )) {
      for (const item of page.items) {
        const streamId = item.streamId?.S ?? '';
        if (!streamId.startsWith(options.category)) continue;
        const run = runs.get(page.segment);
        if (run?.streamId === streamId) run.items.push(item);
        else {
          if (run) await handOver(run.streamId, run.items, onStream);
          runs.set(page.segment, { streamId, items: [item] });
        }
      }
    }
    for (const run of runs.values()) await handOver(run.streamId, run.items, onStream);
  };
}
