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
import { type DirectoryChanges, type SettingChange } from './directory-changes.js';
import { isOrganisationStream } from './organisation-stream.js';

export interface DirectoryProjectionDeps {
  changes: DirectoryChanges;
  decode(image: Record<string, AttributeValue>): Promise<RecordedEvent>;
}

export type DirectoryProjection = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/** The setting a per-setting event carries (state-carrying: the setting after the change), or null for any other event. */
function settingChangeOf(event: RecordedEvent): SettingChange | null {
  const at = { version: event.version, changedAt: event.occurredAt };
  switch (event.type) {
    case 'OrganisationSharingPolicyChanged':
      return {
        setting: 'sharing',
        change: { ...at, organisationId: event.data.organisationId, sharing: event.data.sharing },
      };
    case 'RegionalAssessmentChanged':
      return {
        setting: 'assessment',
        change: { ...at, organisationId: event.data.organisationId, assessedBy: event.data.assessedBy },
      };
    case 'ChannelPanelChanged':
      return {
        setting: 'panel',
        change: { ...at, organisationId: event.data.organisationId, panel: event.data.panel },
      };
    default:
      return null;
  }
}

export function createDirectoryProjection(deps: DirectoryProjectionDeps): DirectoryProjection {
  async function apply(record: DynamoDBRecord): Promise<void> {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || isKeyItem(image)) return;
    const event = await deps.decode(image as Record<string, AttributeValue>);
    const setting = settingChangeOf(event);
    if (setting) {
      await deps.changes.recordSetting(setting);
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
