// Hides failed destination messages for a while (ChangeMessageVisibility): the delivery
// consumer's backoff (redelivery-backoff.ts), in the cloud and on the local stack alike. Queue URLs
// are `${queueUrlBase}${queue name}`, the name taken from the record's queue ARN. Best effort: when
// SQS cannot be told (it is down too), the message comes back after the queue's own visibility
// timeout, as it did before; the failure is logged, never thrown (throwing would fail the whole
// batch, delivered messages included).
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type SQSRecord } from 'aws-lambda';
import { logger } from '../observability/logger.js';

export interface HiddenMessage {
  record: Pick<SQSRecord, 'messageId' | 'receiptHandle' | 'eventSourceARN'>;
  seconds: number;
}

export type HideMessages = (messages: readonly HiddenMessage[]) => Promise<void>;

/** SQS's limit on entries in one ChangeMessageVisibilityBatch. */
const BATCH_LIMIT = 10;

export function sqsHideMessages(deps: { sqs: SQSClient; queueUrlBase: string }): HideMessages {
  return async (messages) => {
    const byQueue = new Map<string, HiddenMessage[]>();
    for (const message of messages) {
      const arn = message.record.eventSourceARN;
      const queueName = arn.slice(arn.lastIndexOf(':') + 1);
      byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), message]);
    }
    await Promise.all(
      [...byQueue].flatMap(([queueName, queued]) =>
        Array.from({ length: Math.ceil(queued.length / BATCH_LIMIT) }, async (_, chunk) => {
          const entries = queued.slice(chunk * BATCH_LIMIT, (chunk + 1) * BATCH_LIMIT);
          try {
            const answer = await deps.sqs.send(
              new ChangeMessageVisibilityBatchCommand({
                QueueUrl: `${deps.queueUrlBase}${queueName}`,
                Entries: entries.map((entry, index) => ({
                  Id: String(index),
                  ReceiptHandle: entry.record.receiptHandle,
                  VisibilityTimeout: entry.seconds,
                })),
              }),
            );
            if ((answer.Failed ?? []).length > 0)
              logger.warn(
                'failed messages could not all be hidden; they come back after the queue visibility timeout',
                {
                  queueName,
                  failed: answer.Failed?.map((failure) => failure.Code),
                },
              );
          } catch (error) {
            logger.warn('failed messages could not be hidden; they come back after the queue visibility timeout', {
              queueName,
              messages: entries.length,
              error: error instanceof Error ? error.name : 'unknown',
            });
          }
        }),
      ),
    );
  };
}
