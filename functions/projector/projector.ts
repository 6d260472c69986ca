// The projector: a DynamoDB Streams consumer of the event store that keeps every projection's
// live versions up to date. A batch's records of one referral are applied together, in order
// (one read and one write per projection and version); different referrals proceed side by
// side. A record that cannot be applied (a gap, a failure) is reported in `batchItemFailures`,
// together with every later record of the same referral, so the event source delivers it
// again; nothing is ever applied past a gap.
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBBatchResponse, type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionVersions, liveVersions } from '../read-models/projection-versions.js';
import { isKeyItem } from '../event-store/data-keys.js';
import { type Projection, StreamProjectionError } from './projection.js';
import { REFERRAL_STREAM_CATEGORY } from '../../domain/referral/stream-id.js';

export interface ProjectorLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface ProjectorDeps {
  projections: readonly Projection[];
  versions: ProjectionVersions;
  /** The store's codec: a stream NEW_IMAGE -> the recorded event (upcast, personal part decrypted or erased). */
  decode(image: Record<string, AttributeValue>): Promise<RecordedEvent>;
  logger: ProjectorLogger;
  /** Referrals projected side by side within one batch. */
  concurrency?: number;
}

export type Projector = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export class ProjectionGapError extends Error {
  constructor(
    readonly projection: string,
    readonly streamId: string,
    readonly version: number,
    readonly expectedVersion: number,
  ) {
    super(
      `projection ${projection}: stream ${streamId} version ${version} arrived before version ${expectedVersion}; it will be retried`,
    );
    this.name = 'ProjectionGapError';
  }
}

/** Only referral streams are projected; other categories (organisation streams) are not read models' business. */
const PROJECTED_CATEGORY = REFERRAL_STREAM_CATEGORY;

function streamIdOf(record: DynamoDBRecord): string {
  return record.dynamodb?.Keys?.streamId?.S ?? '';
}

/** Where a stream's records stopped being projected: the first record that failed, and why. */
interface Stop {
  index: number;
  error: unknown;
}

function earliest(a: Stop | undefined, b: Stop | undefined): Stop | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.index < a.index ? b : a;
}

export function createProjector(deps: ProjectorDeps): Projector {
  const concurrency = deps.concurrency ?? 16;

  /**
   * Applies a stream's events to every live version of every projection, each projection and
   * version in one go; says where the first failure (in the stream's order) is, if any.
   */
  async function project(streamId: string, events: RecordedEvent[]): Promise<Stop | undefined> {
    const stops = await Promise.all(
      deps.projections.map(async (projection): Promise<Stop | undefined> => {
        const pointer = await deps.versions.current(projection.name);
        let stop: Stop | undefined;
        for (const { version, role } of liveVersions(pointer)) {
          try {
            const outcomes = await projection.applyMany(version, streamId, events);
            const last = outcomes.at(-1);
            // A version being rebuilt is filled from the store by the rebuild; a gap there is its business.
            if (last?.status === 'gap' && role === 'active') {
              const event = events[outcomes.length - 1] as RecordedEvent;
              stop = earliest(stop, {
                index: outcomes.length - 1,
                error: new ProjectionGapError(projection.name, streamId, event.version, last.expectedVersion),
              });
            }
          } catch (error) {
            const settled = error instanceof StreamProjectionError ? error.settled : 0;
            stop = earliest(stop, {
              index: settled,
              error: error instanceof StreamProjectionError && error.cause !== undefined ? error.cause : error,
            });
          }
        }
        return stop;
      }),
    );
    return stops.reduce(earliest, undefined);
  }

  async function projectStream(streamId: string, records: DynamoDBRecord[], failures: string[]): Promise<void> {
    const sequenceNumberOf = (record: DynamoDBRecord): string =>
      record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
    // The INSERT records of events (a MODIFY is an erasure taking a data key away; version 0 is a
    // stream's key item, not an event), decoded in order until one cannot be.
    const inserted: { position: number; event: RecordedEvent }[] = [];
    let stop: Stop | undefined;
    for (const [position, record] of records.entries()) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || !image || isKeyItem(image)) continue;
      try {
        inserted.push({ position, event: await deps.decode(image as Record<string, AttributeValue>) });
      } catch (error) {
        stop = { index: position, error };
        break;
      }
    }
    if (inserted.length > 0) {
      const projected = await project(
        streamId,
        inserted.map(({ event }) => event),
      );
      if (projected)
        stop = { index: (inserted[projected.index] as { position: number }).position, error: projected.error };
    }
    if (!stop) return;
    // The failing record and every later record of the referral are delivered again.
    const failed = records.slice(stop.index);
    failures.push(...failed.map(sequenceNumberOf));
    const { name, message } = stop.error instanceof Error ? stop.error : { name: 'Error', message: String(stop.error) };
    const log = stop.error instanceof ProjectionGapError ? deps.logger.warn : deps.logger.error;
    log.call(deps.logger, 'a stream record was not projected', {
      streamId,
      sequenceNumber: sequenceNumberOf(failed[0] as DynamoDBRecord),
      failedRecords: failed.length,
      error: name,
      reason: message,
    });
  }

  return async (event) => {
    const byStream = new Map<string, DynamoDBRecord[]>();
    for (const record of event.Records) {
      const streamId = streamIdOf(record);
      if (!streamId.startsWith(PROJECTED_CATEGORY)) continue;
      const records = byStream.get(streamId) ?? [];
      records.push(record);
      byStream.set(streamId, records);
    }
    const failures: string[] = [];
    const queue = [...byStream.entries()];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await projectStream(next[0], next[1], failures);
    });
    await Promise.all(workers);
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
