// The projector: a DynamoDB Streams consumer of the event store that keeps every projection's
// live versions up to date. Records of one referral are applied in order; different referrals
// proceed side by side. A record that cannot be applied (a gap, a failure) is reported in
// `batchItemFailures`, together with every later record of the same referral, so the event
// source delivers it again; nothing is ever applied past a gap.
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBBatchResponse, type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { type RecordedEvent } from '../../events/index.js';
import { type ProjectionVersions, liveVersions } from '../read-models/projection-versions.js';
import { type Projection } from './projection.js';

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
  constructor(readonly projection: string, readonly streamId: string, readonly version: number, readonly expectedVersion: number) {
    super(`projection ${projection}: stream ${streamId} version ${version} arrived before version ${expectedVersion}; it will be retried`);
    this.name = 'ProjectionGapError';
  }
}

/** Only referral streams are projected; other categories (organisation streams) are not read models' business. */
const PROJECTED_CATEGORY = 'referral-';

function streamIdOf(record: DynamoDBRecord): string {
  return record.dynamodb?.Keys?.streamId?.S ?? '';
}

export function createProjector(deps: ProjectorDeps): Projector {
  const concurrency = deps.concurrency ?? 8;

  /** Applies one event to every live version of every projection. */
  async function project(event: RecordedEvent): Promise<void> {
    await Promise.all(
      deps.projections.map(async (projection) => {
        const pointer = await deps.versions.current(projection.name);
        for (const { version, role } of liveVersions(pointer)) {
          const outcome = await projection.apply(version, event);
          // A version being rebuilt is filled from the store by the rebuild; a gap there is its business.
          if (outcome.status === 'gap' && role === 'active') throw new ProjectionGapError(projection.name, event.streamId, event.version, outcome.expectedVersion);
        }
      }),
    );
  }

  async function projectStream(records: DynamoDBRecord[], failures: string[]): Promise<void> {
    let failed = false;
    for (const record of records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber ?? record.eventID ?? '';
      if (failed) {
        failures.push(sequenceNumber);
        continue;
      }
      try {
        const image = record.dynamodb?.NewImage;
        if (record.eventName !== 'INSERT' || !image) continue;
        await project(await deps.decode(image as Record<string, AttributeValue>));
      } catch (error) {
        failed = true;
        failures.push(sequenceNumber);
        const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
        const log = error instanceof ProjectionGapError ? deps.logger.warn : deps.logger.error;
        log.call(deps.logger, 'a stream record was not projected', { streamId: streamIdOf(record), sequenceNumber, error: name, reason: message });
      }
    }
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
    const queue = [...byStream.values()];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await projectStream(next, failures);
    });
    await Promise.all(workers);
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}
