// The delivery consumer: one handler for every destination queue's event source mapping. Each
// message is checked (zod) and checked against the queue it came from; a ReferralRouted message
// is confirmed back into the referral's stream as ReferralDelivered (command id
// `deliver:<stream>:<routed version>:<destination>`, so a redelivered message records nothing
// twice), and so are the existence facts sent for a routing to a destination that receives after
// deconfliction; a ReferralShared message as SharedReferralDelivered. Other messages are
// acknowledged: they are for the destination's own systems.
//
// FIFO semantics (Powertools SqsFifoPartialProcessorAsync with skipGroupOnError): a failure stops
// the rest of that referral's messages in the batch; other referrals go on. Bounded retries are
// the queue's redrive policy (maxReceiveCount) into the destination's dead-letter queue; the
// last failing attempt raises the UndeliveredReferral alarm. Every message the batch answer
// reports failed (skipped ones too) is hidden for a time growing with its receive count
// (redelivery-backoff.ts), so the receives span an outage of the store instead of a minute.
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { type SQSBatchResponse, type SQSEvent, type SQSRecord } from 'aws-lambda';
import { type Actor } from '../../events/envelope.js';
import { type CommandOf } from '../../domain/referral/commands.js';
import { CommandIdReusedError } from '../event-store/errors.js';
import { logger } from '../observability/logger.js';
import { type DestinationDirectory, requireDestination } from '../messaging/destination-directory.js';
import { type DestinationMessage, readDestinationMessage } from '../messaging/destination-message.js';
import { type SystemCommands, SystemCommandRefused } from '../command-handler/system-commands.js';
import { type HideMessages } from './message-visibility.js';
import { type RedeliveryBackoff, hiddenAfterFailure } from './redelivery-backoff.js';
import { type UndeliveredAlarm } from './undelivered-alarm.js';
import { referralStreamId } from '../../domain/referral/stream-id.js';

export const DELIVERY_ACTOR: Actor = { organisation: 'system', user: 'delivery', role: 'system' };

/** The queue's redrive policy: receives before a message moves to the dead-letter queue. */
export const DEFAULT_MAX_RECEIVE_COUNT = 5;

export interface DeliveryConsumerDeps {
  commands: SystemCommands;
  directory: DestinationDirectory;
  alarm: UndeliveredAlarm;
  clock: () => Date;
  maxReceiveCount?: number;
  /** Backs failed messages off (none: they come back after the queue's visibility timeout). */
  redelivery?: { backoff: RedeliveryBackoff; hide: HideMessages };
}

export type DeliveryConsumer = (event: SQSEvent) => Promise<SQSBatchResponse>;

export class WrongQueueError extends Error {
  constructor(
    readonly destinationId: string,
    readonly queueName: string,
  ) {
    super(`a message for ${destinationId} arrived on queue ${queueName}, which is not its queue`);
    this.name = 'WrongQueueError';
  }
}

export function deliveryCommandId(streamId: string, routedVersion: number, destinationId: string): string {
  return `deliver:${streamId}:${routedVersion}:${destinationId}`;
}

export function sharedDeliveryCommandId(streamId: string, sharedVersion: number, destinationId: string): string {
  return `deliver-shared:${streamId}:${sharedVersion}:${destinationId}`;
}

/**
 * What a message's receipt confirms: a routing (the routed event itself, or the existence facts
 * a destination that receives after deconfliction is sent for it, under the routing's version),
 * or a share. Other messages are for the destination's own systems.
 */
function confirmationOf(
  message: DestinationMessage,
  receipt: { at: string; messageId: string; receivedAt: string },
): { command: CommandOf<'RecordDelivery'> | CommandOf<'RecordSharedDelivery'>; commandId: string } | null {
  const streamId = streamIdOf(message);
  const common = { at: receipt.at, actor: DELIVERY_ACTOR, destinationId: message.destinationId };
  const { messageId, receivedAt } = receipt;
  if (message.eventType === 'ReferralRouted' || message.eventType === 'ReferralSharingDeferred')
    return {
      command: { type: 'RecordDelivery', ...common, routedVersion: message.version, messageId, receivedAt },
      commandId: deliveryCommandId(streamId, message.version, message.destinationId),
    };
  if (message.eventType === 'ReferralShared')
    return {
      command: { type: 'RecordSharedDelivery', ...common, sharedVersion: message.version, messageId, receivedAt },
      commandId: sharedDeliveryCommandId(streamId, message.version, message.destinationId),
    };
  return null;
}

export function streamIdOf(message: Pick<DestinationMessage, 'referralId'>): string {
  return referralStreamId(message.referralId);
}

/** The queue name at the end of an SQS ARN (arn:aws:sqs:region:account:name). */
function queueNameOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

function receiveCountOf(record: SQSRecord): number {
  const count = Number(record.attributes.ApproximateReceiveCount);
  return Number.isFinite(count) && count > 0 ? count : 1;
}

function isoFromMillis(value: string | undefined, fallback: Date): string {
  const millis = Number(value);
  return value && Number.isFinite(millis) && millis > 0 ? new Date(millis).toISOString() : fallback.toISOString();
}

export function createDeliveryConsumer(deps: DeliveryConsumerDeps): DeliveryConsumer {
  const maxReceiveCount = deps.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;

  async function confirm(record: SQSRecord, message: DestinationMessage): Promise<void> {
    const destination = await requireDestination(deps.directory, message.destinationId);
    const queueName = queueNameOfArn(record.eventSourceARN);
    if (destination.queueName !== queueName) throw new WrongQueueError(message.destinationId, queueName);
    const now = deps.clock();
    const confirmation = confirmationOf(message, {
      at: now.toISOString(),
      messageId: record.messageId,
      receivedAt: isoFromMillis(record.attributes.ApproximateFirstReceiveTimestamp, now),
    });
    if (confirmation === null) return;
    const { command, commandId } = confirmation;
    const streamId = streamIdOf(message);
    try {
      await deps.commands.run(streamId, command, {
        commandId,
        correlationId: message.referralId,
        causationId: record.messageId,
      });
    } catch (error) {
      // Another copy of this message (redriven from the dead-letter queue, or sent again after
      // SQS's five-minute deduplication window) already recorded this routing's delivery to this
      // destination: its message id and receipt time differ, so the store sees another command
      // under the same id. The fact is recorded; retrying would only dead-letter the copy.
      if (error instanceof CommandIdReusedError && error.commandId === commandId) {
        logger.info('delivery already recorded from another copy of the message', {
          streamId,
          destinationId: message.destinationId,
          version: message.version,
        });
        return;
      }
      // A delivery is recorded whatever happened to the case since (closed, erased, transferred):
      // only a message claiming a routing that never went to this destination is refused, and
      // retrying cannot change that. Nothing is recorded for it: never a false proof of delivery.
      if (error instanceof SystemCommandRefused && error.code === 'not-a-destination') {
        logger.warn('a confirmation for a routing that did not go to this destination was set aside', {
          streamId,
          destinationId: message.destinationId,
          version: message.version,
        });
        return;
      }
      throw error;
    }
  }

  async function handleRecord(record: SQSRecord): Promise<void> {
    let message: DestinationMessage | null = null;
    try {
      message = readDestinationMessage(record.body);
      await confirm(record, message);
    } catch (error) {
      const attempt = receiveCountOf(record);
      logger.warn('delivery attempt failed', {
        messageId: record.messageId,
        attempt,
        error: error instanceof Error ? error.message : String(error),
      });
      if (attempt >= maxReceiveCount) {
        deps.alarm.raise({
          reason: 'last-attempt-failed',
          destinationId: message?.destinationId ?? null,
          streamId: message ? streamIdOf(message) : null,
          version: message?.version ?? null,
        });
      }
      throw error;
    }
  }

  async function backOff(event: SQSEvent, response: SQSBatchResponse): Promise<void> {
    if (!deps.redelivery || response.batchItemFailures.length === 0) return;
    const { backoff, hide } = deps.redelivery;
    const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    await hide(
      event.Records.filter((record) => failed.has(record.messageId)).map((record) => ({
        record,
        seconds: hiddenAfterFailure(receiveCountOf(record), backoff),
      })),
    );
  }

  return async (event) => {
    const processor = new SqsFifoPartialProcessorAsync();
    const response = await processPartialResponse(event, handleRecord, processor, {
      skipGroupOnError: true,
      throwOnFullBatchFailure: false,
    });
    await backOff(event, response);
    return response;
  };
}
