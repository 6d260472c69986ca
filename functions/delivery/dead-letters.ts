// Dead letters an operator can handle: what is waiting in each destination's dead-letter queue
// (and in the stream consumers' failure queue), why, how often, without personal data; and an
// audited, idempotent redrive once the cause is fixed. The same code serves the local stack and
// the cloud: it is given the queues, an SQS client and the audit.
//
// Redrive sends each message back to its destination queue in its own message group, with a new
// deduplication id (SQS would drop a reused one within five minutes), then deletes it from the
// dead-letter queue. Sending twice (a redrive interrupted between send and delete, then run
// again) is harmless: the delivery consumer records a delivery once per routing and destination
// (command id `deliver:<stream>:<routed version>:<destination>`).
import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { readDestinationMessage } from '../messaging/destination-message.js';
import { referralStreamId } from '../../domain/referral/stream-id.js';

export interface DeadLetterQueue {
  /** The queue's name, such as prevent-police-e23000014-dlq.fifo, or router-failures. */
  name: string;
  url: string;
  /** The destination's own queue, where a redriven message goes; null for stream failures (redriven through the store). */
  redriveTo: string | null;
  destinationId: string | null;
}

/** What a dead letter says, without personal data: ids, types, counts, times. */
export interface DeadLetterSummary {
  id: string;
  queue: string;
  destinationId: string | null;
  streamId: string | null;
  eventType: string | null;
  version: number | null;
  /** How many times it was received before it was set aside. */
  receiveCount: number;
  firstReceivedAt: string | null;
  /** Why it cannot be read, when it cannot. */
  unreadable: string | null;
}

export interface DeadLetterAuditEntry {
  operator: string;
  reason: string;
  queue: string;
  messageId: string;
  outcome: 'redriven' | 'failed';
  at: Date;
}

export interface DeadLettersDeps {
  sqs: SQSClient;
  queues: readonly DeadLetterQueue[];
  audit: (entry: DeadLetterAuditEntry) => Promise<void>;
  /** Hands a stream record (its keys) to its consumer again; required to redrive stream failures. */
  redriveStreamRecord?: (streamId: string, version: number) => Promise<void>;
  clock: () => Date;
}

export interface QueueCount {
  queue: string;
  destinationId: string | null;
  messages: number;
  /** Of the messages a receive can see now (the oldest of each referral, on a FIFO queue). */
  byEventType: Record<string, number>;
  oldest: string | null;
}

const MAX_DEDUPLICATION_ID = 128;

function summarise(queue: DeadLetterQueue, message: Message): DeadLetterSummary {
  const base = {
    id: message.MessageId ?? '',
    queue: queue.name,
    destinationId: queue.destinationId,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    firstReceivedAt: message.Attributes?.ApproximateFirstReceiveTimestamp
      ? new Date(Number(message.Attributes.ApproximateFirstReceiveTimestamp)).toISOString()
      : null,
  };
  if (queue.redriveTo === null) {
    try {
      const keys = (JSON.parse(message.Body ?? '') as { keys?: { streamId?: unknown; version?: unknown } }).keys;
      const streamId = typeof keys?.streamId === 'string' ? keys.streamId : null;
      const version = Number(keys?.version);
      return {
        ...base,
        streamId,
        eventType: 'stream record',
        version: Number.isFinite(version) ? version : null,
        unreadable: streamId ? null : 'no stream id in the failure record',
      };
    } catch {
      return { ...base, streamId: null, eventType: null, version: null, unreadable: 'not JSON' };
    }
  }
  try {
    const body = readDestinationMessage(message.Body);
    return {
      ...base,
      destinationId: body.destinationId,
      streamId: referralStreamId(body.referralId),
      eventType: body.eventType,
      version: body.version,
      unreadable: null,
    };
  } catch {
    return { ...base, streamId: null, eventType: null, version: null, unreadable: 'not a destination message' };
  }
}

function redriveDeduplicationId(message: Message, at: Date): string {
  const id = `${message.Attributes?.MessageDeduplicationId ?? message.MessageId}:redrive:${at.getTime()}`;
  return id.length <= MAX_DEDUPLICATION_ID ? id : createHash('sha256').update(id).digest('hex');
}

export function createDeadLetters(deps: DeadLettersDeps) {
  /**
   * The messages a receive can see now, made visible again straight after (nothing is changed),
   * except `keep`, which stays received for the caller. A FIFO queue shows only the oldest
   * message of each message group (each referral) at a time.
   */
  async function peek(queue: DeadLetterQueue, keep?: string): Promise<Message[]> {
    const seen = new Map<string, Message>();
    for (let round = 0; round < 100; round += 1) {
      const received = await deps.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 30,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const fresh = (received.Messages ?? []).filter((message) => !seen.has(message.MessageId ?? ''));
      if (fresh.length === 0) break;
      for (const message of fresh) seen.set(message.MessageId ?? '', message);
    }
    for (const message of seen.values()) {
      if (message.MessageId === keep) continue;
      await deps.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queue.url,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    return [...seen.values()];
  }

  /** The message with this id; kept received (invisible to others) when it is to be redriven. */
  async function find(id: string, keep: boolean): Promise<{ queue: DeadLetterQueue; message: Message } | null> {
    for (const queue of deps.queues) {
      const message = (await peek(queue, keep ? id : undefined)).find((candidate) => candidate.MessageId === id);
      if (message) return { queue, message };
    }
    return null;
  }

  async function depth(queue: DeadLetterQueue): Promise<number> {
    const { Attributes } = await deps.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queue.url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
    );
  }

  async function redriveOne(
    queue: DeadLetterQueue,
    message: Message,
    operator: string,
    reason: string,
  ): Promise<'redriven' | 'failed'> {
    const at = deps.clock();
    try {
      if (queue.redriveTo === null) {
        const summary = summarise(queue, message);
        if (!deps.redriveStreamRecord || !summary.streamId || summary.version === null)
          throw new Error('cannot redrive this stream failure here');
        await deps.redriveStreamRecord(summary.streamId, summary.version);
      } else {
        await deps.sqs.send(
          new SendMessageCommand({
            QueueUrl: queue.redriveTo,
            MessageBody: message.Body ?? '',
            MessageGroupId: message.Attributes?.MessageGroupId,
            MessageDeduplicationId: redriveDeduplicationId(message, at),
            ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
          }),
        );
      }
      await deps.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }));
      await deps.audit({
        operator,
        reason,
        queue: queue.name,
        messageId: message.MessageId ?? '',
        outcome: 'redriven',
        at,
      });
      return 'redriven';
    } catch (error) {
      await deps.audit({
        operator,
        reason,
        queue: queue.name,
        messageId: message.MessageId ?? '',
        outcome: 'failed',
        at,
      });
      throw error;
    }
  }

  return {
    async counts(): Promise<QueueCount[]> {
      const counts: QueueCount[] = [];
      for (const queue of deps.queues) {
        const messages = await depth(queue);
        if (messages === 0) continue;
        const summaries = (await peek(queue)).map((message) => summarise(queue, message));
        const byEventType: Record<string, number> = {};
        for (const summary of summaries)
          byEventType[summary.eventType ?? 'unreadable'] = (byEventType[summary.eventType ?? 'unreadable'] ?? 0) + 1;
        const oldest =
          summaries
            .map((summary) => summary.firstReceivedAt)
            .filter((at): at is string => at !== null)
            .sort()[0] ?? null;
        counts.push({ queue: queue.name, destinationId: queue.destinationId, messages, byEventType, oldest });
      }
      return counts;
    },
    async list(): Promise<DeadLetterSummary[]> {
      const all: DeadLetterSummary[] = [];
      for (const queue of deps.queues) all.push(...(await peek(queue)).map((message) => summarise(queue, message)));
      return all;
    },
    async show(id: string): Promise<DeadLetterSummary | null> {
      const found = await find(id, false);
      return found ? summarise(found.queue, found.message) : null;
    },
    /** Redrives one message (by id) or every message; each one audited. */
    async redrive(
      target: { id: string } | { all: true },
      operator: string,
      reason: string,
    ): Promise<{ redriven: number; failed: number; notFound: boolean }> {
      let redriven = 0;
      let failed = 0;
      if ('id' in target) {
        const found = await find(target.id, true);
        if (!found) return { redriven, failed, notFound: true };
        await redriveOne(found.queue, found.message, operator, reason);
        return { redriven: 1, failed, notFound: false };
      }
      for (const queue of deps.queues) {
        // A message that failed stays invisible for the receive's 30 s, so each round sees new ones.
        for (let round = 0; round < 10_000; round += 1) {
          const received = await deps.sqs.send(
            new ReceiveMessageCommand({
              QueueUrl: queue.url,
              MaxNumberOfMessages: 10,
              VisibilityTimeout: 30,
              MessageSystemAttributeNames: ['All'],
              MessageAttributeNames: ['All'],
            }),
          );
          const batch = received.Messages ?? [];
          if (batch.length === 0) break;
          for (const message of batch) {
            try {
              await redriveOne(queue, message, operator, reason);
              redriven += 1;
            } catch {
              failed += 1;
            }
          }
        }
      }
      return { redriven, failed, notFound: false };
    },
  };
}
