// The real event store (local key provider) and the real read side on private tables, plus the
// stream records Lambda would hand the projector for items already in the events table, and
// what tests do with them again and again: project, erase a referral, rebuild a projection.
import { randomBytes } from 'node:crypto';
import { type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { expect } from 'vitest';
import { defaultTriagePolicy } from '../../../domain/triage/index.js';
import { type Actor, type RecordedEvent } from '../../../events/index.js';
import { createDataKeys } from '../../../functions/event-store/data-keys.js';
import { createEventCodec } from '../../../functions/event-store/event-codec.js';
import { createEventStore } from '../../../functions/event-store/event-store.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { createBlindIndexKeySource } from '../../../functions/deconfliction/blind-index-key.js';
import { createPersonIndex } from '../../../functions/deconfliction/person-index.js';
import { createCaseProjection } from '../../../functions/projector/case-projection.js';
import { type Projection } from '../../../functions/projector/projection.js';
import { createProjector, type ProjectorLogger } from '../../../functions/projector/projector.js';
import { type RebuildDeps, rebuildProjection, scanOfStore } from '../../../functions/projector/rebuild.js';
import { createStatisticsProjection } from '../../../functions/projector/statistics-projection.js';
import { streamHeads } from '../../../functions/projector/stream-heads.js';
import { createDeconflictionReader } from '../../../functions/read-models/deconfliction-reader.js';
import { createCaseViewReader } from '../../../functions/read-models/case-view-reader.js';
import { createProjectionVersions } from '../../../functions/read-models/projection-versions.js';
import { createTriageQueueReader } from '../../../functions/read-models/triage-queue-reader.js';
import { type TestTableNames } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { appendAsRecorded } from './recorded-appends.js';

export function recordingLogger(): ProjectorLogger & {
  lines: { level: string; message: string; details?: Record<string, unknown> }[];
} {
  const lines: { level: string; message: string; details?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, details?: Record<string, unknown>) =>
    void lines.push({ level, message, ...(details ? { details } : {}) });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function storeHarness(client: DynamoDBClient, tables: TestTableNames) {
  const keyProvider = createLocalKeyProvider(randomBytes(32));
  const dataKeys = createDataKeys({
    client,
    eventsTableName: tables.events,
    legacyKeysTableName: tables.keys,
    keyProvider,
    now: () => new Date(),
  });
  const store = createEventStore({ client, tableName: tables.events, keys: dataKeys });
  const codec = createEventCodec(dataKeys);
  const blindIndexKeys = createBlindIndexKeySource({ client, tableName: tables.keys, keyProvider });
  const versions = createProjectionVersions({ client, tableName: tables.readModels, cacheMs: 0 });
  const projections = [
    createCaseProjection({
      client,
      tableName: tables.readModels,
      policy: defaultTriagePolicy,
      personIndexOf: createPersonIndex(blindIndexKeys),
    }),
    createStatisticsProjection({ client, tableName: tables.readModels }),
  ];
  const logger = recordingLogger();
  const projector = createProjector({ projections, versions, decode: (image) => codec.fromStreamImage(image), logger });
  const deconfliction = createDeconflictionReader({ client, tableName: tables.readModels });

  /** The INSERT records Lambda would deliver for these versions of a stream, in the order given. */
  async function streamRecords(streamId: string, versionsWanted: readonly number[]): Promise<DynamoDBStreamEvent> {
    const byVersion = new Map(
      (await streamItems(client, tables.events, streamId)).map((item) => [Number(item.version?.N), item]),
    );
    const Records: DynamoDBRecord[] = versionsWanted.map((version) => {
      const item = byVersion.get(version) as Record<string, AttributeValue>;
      return {
        eventID: `${streamId}-${version}`,
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          Keys: { streamId: { S: streamId }, version: { N: String(version) } },
          NewImage: item as never,
          SequenceNumber: `${streamId}-${String(version).padStart(6, '0')}`,
          StreamViewType: 'NEW_IMAGE',
        },
      };
    });
    return { Records };
  }

  return {
    store,
    codec,
    keyProvider,
    blindIndexKeys,
    versions,
    projections,
    projector,
    logger,
    queues: createTriageQueueReader({ client, tableName: tables.readModels, versions, deconfliction }),
    caseViews: createCaseViewReader({ client, tableName: tables.readModels, versions }),

    /** Appends recorded events (as a story tells them) one command per event. */
    append: (events: readonly RecordedEvent[]): Promise<void> => appendAsRecorded(store, events),

    streamRecords,

    /** Hands the projector these versions of a stream, as Lambda would, and expects every record applied. */
    async project(streamId: string, versionsWanted: readonly number[]): Promise<void> {
      expect((await projector(await streamRecords(streamId, versionsWanted))).batchItemFailures).toEqual([]);
    },

    /** Erases a referral as an erasure command does: records PersonalDataErased after the version given, then destroys its data key. */
    async eraseReferral(streamId: string, expectedVersion: number, actor: Actor): Promise<void> {
      await store.append(
        streamId,
        expectedVersion,
        [{ type: 'PersonalDataErased', data: { reason: 'data-subject-request' } }],
        { commandId: `${streamId}-erase`, actor, correlationId: 'erasure', occurredAt: '2025-03-10T09:00:00.000Z' },
      );
      await store.erase(streamId);
    },

    /** Rebuilds a projection from this store into its next version, with no pause between passes. */
    rebuild: (projection: Projection, onProgress?: RebuildDeps['onProgress']) =>
      rebuildProjection({
        projection,
        versions,
        read: (streamId, options) => store.read(streamId, options),
        heads: () => streamHeads(client, tables.events),
        client,
        ...scanOfStore(store),
        ...(onProgress ? { onProgress } : {}),
        sleep: async () => undefined,
      }),
  };
}
