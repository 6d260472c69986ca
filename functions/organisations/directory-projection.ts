// Projects organisation streams into the directory's changes (directory-changes.ts): a DynamoDB
// Streams consumer of the event store beside the router and the projector, which leave
// organisation streams alone. Events carry the details after the change, so applying the latest
// version is enough; replays and late records change nothing (the write is conditional on the
// version). Failures are reported per record, with the rest of that organisation's records.
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBBatchResponse, type DynamoDBRecord, type DynamoDBStreamEvent } from 'aws-lambda';
import { type RecordedEvent } from '../../events/catalogue.js';
import { isKeyItem } from '../event-store/data-keys.js';
import { logger } from '../observability/logger.js';
import { batchResponse, groupByStream } from '../router/stream-batch.js';
import { type DirectoryChanges } from './directory-changes.js';
import { isOrganisationStream } from './organisation-stream.js';

export interface DirectoryProjectionDeps {
  changes: DirectoryChanges;
  decode(image: Record<string, AttributeValue>): Promise<RecordedEvent>;
}

export type DirectoryProjection = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export function createDirectoryProjection(deps: DirectoryProjectionDeps): DirectoryProjection {
  async function apply(record: DynamoDBRecord): Promise<void> {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || isKeyItem(image)) return;
    const event = await deps.decode(image as Record<string, AttributeValue>);
    if (event.type === 'OrganisationSharingPolicyChanged') {
      const { organisationId, sharing } = event.data;
      await deps.changes.recordSharing({
        organisationId,
        sharing,
        version: event.version,
        changedAt: event.occurredAt,
      });
      return;
    }
    if (event.type === 'RegionalAssessmentChanged') {
      const { organisationId, assessedBy } = event.data;
      await deps.changes.recordAssessment({
        organisationId,
        assessedBy,
        version: event.version,
        changedAt: event.occurredAt,
      });
      return;
    }
    if (event.type === 'ChannelPanelChanged') {
      const { organisationId, panel } = event.data;
      await deps.changes.recordChannelPanel({
        organisationId,
        panel,
        version: event.version,
        changedAt: event.occurredAt,
      });
      return;
    }
    if (event.type !== 'OrganisationDetailsChanged') return;
    const { organisationId, mailbox, onboarded } = event.data;
    await deps.changes.record({
      organisationId,
      mailbox,
      onboarded,
      version: event.version,
      changedAt: event.occurredAt,
    });
  }

  return async (event) => {
    const failed: DynamoDBRecord[] = [];
    for (const group of groupByStream(event.Records)) {
      if (group.streamId === null || !isOrganisationStream(group.streamId)) continue;
      for (let index = 0; index < group.records.length; index += 1) {
        try {
          await apply(group.records[index] as DynamoDBRecord);
        } catch (error) {
          logger.error('organisation change not projected; the rest of its stream waits', {
            streamId: group.streamId,
            error: error instanceof Error ? error.name : 'unknown',
          });
          failed.push(...group.records.slice(index));
          break;
        }
      }
    }
    return batchResponse(failed);
  };
}
