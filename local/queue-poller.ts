// A local stand-in for a Lambda event source mapping on an SQS queue: long-polls ReceiveMessage
// against the SQS stand-in, hands each batch to an SQS handler in the Lambda event shape, and
// deletes what succeeded. Failed messages are left alone: they come back after the queue's
// visibility timeout, and the queue's redrive policy moves them to its dead-letter queue.
import {
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type SQSBatchResponse,
  type SQSEvent,
  type SQSMessageAttributes,
  type SQSRecord,
  type SQSRecordAttributes,
} from 'aws-lambda';
import { failedRecordIds, startPollingLoop } from './polling-loop.js';

export type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

export interface QueuePollerOptions {
  name: string;
  sqs: SQSClient;
  queueUrl: string;
  handler: QueueHandler;
  /** Messages per invocation (1 to 10, default 10). */
  batchSize?: number;
  /** Long-poll wait in seconds (default 2; shorter stops sooner). */
  waitTimeSeconds?: number;
  onError?: (error: unknown) => void;
  region?: string;
}

export interface QueuePoller {
  readonly name: string;
  stop(): Promise<void>;
}

export async function startQueuePoller(options: QueuePollerOptions): Promise<QueuePoller> {
  const region = options.region ?? 'eu-west-2';
  const queueArn = queueArnOf(options.queueUrl, region);
  const report = options.onError ?? ((error: unknown) => console.error(`queue poller ${options.name}:`, error));

  /** One long poll; true when messages were handed over. */
  async function pass(stopping: AbortSignal): Promise<boolean> {
    const received = await options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize ?? 10,
        WaitTimeSeconds: options.waitTimeSeconds ?? 2,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: stopping },
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return false;
    const records = messages.map((message) => lambdaSqsRecord(message, queueArn, region));
    const failed = await failedRecordIds(options.handler, records, (record) => record.messageId, report);
    const succeeded = records.filter((record) => !failed.has(record.messageId));
    if (succeeded.length > 0) {
      const deleted = await options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: succeeded.map((record, index) => ({ Id: String(index), ReceiptHandle: record.receiptHandle })),
        }),
      );
      if ((deleted.Failed ?? []).length > 0)
        report(new Error(`queue poller ${options.name}: ${deleted.Failed?.length} message(s) could not be deleted`));
    }
    return true;
  }

  const loop = startPollingLoop({ pass, idleMs: 0, pauseAfterFailureMs: 500, report });
  return { name: options.name, stop: loop.stop };
}

/** arn:aws:sqs:<region>:<account>:<queue name>, from a queue URL http(s)://host/<account>/<queue name>. */
export function queueArnOf(queueUrl: string, region: string): string {
  const [account, name] = new URL(queueUrl).pathname.split('/').filter(Boolean).slice(-2);
  return `arn:aws:sqs:${region}:${account ?? '000000000000'}:${name ?? ''}`;
}

/** A received message as Lambda hands it to a function. */
export function lambdaSqsRecord(message: Message, eventSourceARN: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? '',
      SenderId: attributes.SenderId ?? '',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? '',
      ...(attributes.MessageGroupId ? { MessageGroupId: attributes.MessageGroupId } : {}),
      ...(attributes.MessageDeduplicationId ? { MessageDeduplicationId: attributes.MessageDeduplicationId } : {}),
      ...(attributes.SequenceNumber ? { SequenceNumber: attributes.SequenceNumber } : {}),
    } as SQSRecordAttributes,
    messageAttributes: lambdaMessageAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion: region,
  };
}

function lambdaMessageAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
        stringListValues: [],
        binaryListValues: [],
      },
    ]),
  );
}
