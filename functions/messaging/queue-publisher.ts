// Sends destination messages on to each destination's SQS FIFO queue. The message group is the
// referral's stream (one referral's events stay in order), the deduplication id its stream and
// version (a replayed event within SQS's five-minute window is dropped by the queue).
//
// "Priority delivery": a FIFO queue has no priority, so urgent referrals' messages are sent first
// within each batch and carry a `priority` message attribute a destination can sort its work by.
import { createHash } from 'node:crypto';
import { type SQSClient, SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { type DestinationDirectory, requireDestination } from './destination-directory.js';
import { DestinationMessage } from './destination-message.js';

export interface OutgoingMessage {
  /** The referral's event stream: the message group. */
  streamId: string;
  message: DestinationMessage;
}

export interface QueuePublisher {
  /** Sends every message or throws; what was sent before a failure is deduplicated on retry. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface QueuePublisherDeps {
  sqs: SQSClient;
  /** Queue URLs are `${queueUrlBase}${queueName}`. */
  queueUrlBase: string;
  directory: DestinationDirectory;
}

export class QueuePublishError extends Error {
  constructor(
    readonly queueName: string,
    readonly failures: { id: string; code: string }[],
  ) {
    super(
      `${failures.length} message(s) could not be sent to ${queueName}: ${failures.map((failure) => failure.code).join(', ')}`,
    );
    this.name = 'QueuePublishError';
  }
}

const MAX_DEDUPLICATION_ID = 128;
const BATCH_SIZE = 10;

/** `${streamId}:${version}`, or its SHA-256 when that would exceed SQS's 128 characters. */
export function deduplicationIdFor(streamId: string, version: number): string {
  const id = `${streamId}:${version}`;
  return id.length <= MAX_DEDUPLICATION_ID ? id : createHash('sha256').update(id).digest('hex');
}

/** Urgent referrals first; a referral's messages keep their order (its group counts as urgent if any message is). */
export function inDeliveryOrder(messages: readonly OutgoingMessage[]): OutgoingMessage[] {
  const urgentStreams = new Set(
    messages.filter(({ message }) => message.priority === 'urgent').map(({ streamId }) => streamId),
  );
  const rank = (streamId: string): number => (urgentStreams.has(streamId) ? 0 : 1);
  return messages
    .map((message, index) => ({ message, index }))
    .sort((a, b) => rank(a.message.streamId) - rank(b.message.streamId) || a.index - b.index)
    .map(({ message }) => message);
}

export function createQueuePublisher(deps: QueuePublisherDeps): QueuePublisher {
  async function sendToQueue(queueName: string, messages: OutgoingMessage[]): Promise<void> {
    const queueUrl = `${deps.queueUrlBase}${queueName}`;
    for (let start = 0; start < messages.length; start += BATCH_SIZE) {
      const entries: SendMessageBatchRequestEntry[] = messages
        .slice(start, start + BATCH_SIZE)
        .map(({ streamId, message }, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(DestinationMessage.parse(message)),
          MessageGroupId: streamId,
          MessageDeduplicationId: deduplicationIdFor(streamId, message.version),
          MessageAttributes: {
            priority: { DataType: 'String', StringValue: message.priority },
            eventType: { DataType: 'String', StringValue: message.eventType },
          },
        }));
      const result = await deps.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = result.Failed ?? [];
      if (failed.length > 0)
        throw new QueuePublishError(
          queueName,
          failed.map((failure) => ({ id: failure.Id ?? '?', code: failure.Code ?? 'unknown' })),
        );
    }
  }

  return {
    async publish(messages) {
      const byQueue = new Map<string, OutgoingMessage[]>();
      for (const outgoing of inDeliveryOrder(messages)) {
        const { queueName } = await requireDestination(deps.directory, outgoing.message.destinationId);
        byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), outgoing]);
      }
      const results = await Promise.allSettled(
        [...byQueue].map(([queueName, queued]) => sendToQueue(queueName, queued)),
      );
      const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
