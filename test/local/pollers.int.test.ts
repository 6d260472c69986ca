// The local pollers against the real engines: DynamoDB Local's stream and the SQS stand-in.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { type DynamoDBRecord, type SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventStoreTable } from '../../functions/tables/table-definitions.js';
import { startQueuePoller } from '../../local/queue-poller.js';
import { type SqsStandIn, startSqsStandIn } from '../../local/sqs-stand-in.js';
import { startStreamPoller } from '../../local/stream-poller.js';
import {
  createTablesForTest,
  dynamoClientConfigForTests,
  dynamoClientForTests,
  uniquePrefix,
} from '../engines/local-engines.js';

const dynamo = dynamoClientForTests();
const streams = new DynamoDBStreamsClient(dynamoClientConfigForTests());
let sqsStandIn: SqsStandIn;
let sqs: SQSClient;

beforeAll(async () => {
  sqsStandIn = await startSqsStandIn();
  sqs = new SQSClient({
    region: 'eu-west-2',
    endpoint: sqsStandIn.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  sqs.destroy();
  await sqsStandIn.stop();
  dynamo.destroy();
  streams.destroy();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('stream poller', () => {
  it('hands records over in order, retries from the first failure, and sets a poison record aside while the rest proceeds', async () => {
    const tables = await createTablesForTest(uniquePrefix('poller'), [eventStoreTable]);
    const handled: string[] = [];
    const attemptsOfPoison: number[] = [];
    const setAside: { key: string; attempts: number }[] = [];
    const keyOf = (record: DynamoDBRecord) =>
      `${record.dynamodb?.Keys?.streamId?.S}:${record.dynamodb?.Keys?.version?.N}`;
    const poller = await startStreamPoller({
      name: 'test',
      dynamo,
      streams,
      tableName: tables.events,
      pollIntervalMs: 50,
      maxAttempts: 3,
      handler: async (event) => {
        const failed: DynamoDBRecord[] = [];
        for (const record of event.Records) {
          if (record.dynamodb?.NewImage?.poison?.BOOL) {
            attemptsOfPoison.push(event.Records.length);
            failed.push(record);
          } else handled.push(keyOf(record));
        }
        return {
          batchItemFailures: failed.map((record) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })),
        };
      },
      onFailure: async (record, attempts) => {
        setAside.push({ key: keyOf(record), attempts });
      },
    });
    try {
      const put = (streamId: string, version: number, poison = false) =>
        dynamo.send(
          new PutItemCommand({
            TableName: tables.events,
            Item: { streamId: { S: streamId }, version: { N: String(version) }, poison: { BOOL: poison } },
          }),
        );
      await put('referral-aaaaaa', 1);
      await put('referral-bbbbbb', 1, true);
      await put('referral-aaaaaa', 2);
      await put('referral-cccccc', 1);
      await until(() => setAside.length === 1 && handled.includes('referral-cccccc:1'));
      await poller.drained();
      expect(setAside).toEqual([{ key: 'referral-bbbbbb:1', attempts: 3 }]);
      expect(attemptsOfPoison).toHaveLength(3);
      // Everything else was handled, in its stream's order (records after a failure are delivered again).
      expect(new Set(handled)).toEqual(new Set(['referral-aaaaaa:1', 'referral-aaaaaa:2', 'referral-cccccc:1']));
      expect(handled.indexOf('referral-aaaaaa:1')).toBeLessThan(handled.indexOf('referral-aaaaaa:2'));
      await put('referral-aaaaaa', 3);
      await until(() => handled.includes('referral-aaaaaa:3'));
    } finally {
      await poller.stop();
    }
  });
});

describe('queue poller', () => {
  it('deletes what succeeded and leaves a failing message to the redrive policy, which moves it to the dead-letter queue', async () => {
    const name = uniquePrefix('poller');
    const dlq = await sqs.send(
      new CreateQueueCommand({ QueueName: `${name}-dlq.fifo`, Attributes: { FifoQueue: 'true' } }),
    );
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: `${name}.fifo`,
        Attributes: {
          FifoQueue: 'true',
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    const received: SQSRecord[] = [];
    const poller = await startQueuePoller({
      name: 'test',
      sqs,
      queueUrl: queue.QueueUrl as string,
      waitTimeSeconds: 1,
      handler: async (event) => {
        received.push(...event.Records);
        return {
          batchItemFailures: event.Records.filter((record) => record.body === 'poison').map((record) => ({
            itemIdentifier: record.messageId,
          })),
        };
      },
    });
    try {
      for (const [group, body] of [
        ['a', 'fine-1'],
        ['b', 'poison'],
        ['c', 'fine-2'],
      ] as const) {
        await sqs.send(
          new SendMessageCommand({
            QueueUrl: queue.QueueUrl,
            MessageBody: body,
            MessageGroupId: group,
            MessageDeduplicationId: body,
          }),
        );
      }
      await until(async () => {
        const inDlq = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
        );
        return inDlq.Attributes?.ApproximateNumberOfMessages === '1';
      });
      const fine = received.filter((record) => record.body.startsWith('fine'));
      expect(fine.map((record) => record.body).sort()).toEqual(['fine-1', 'fine-2']);
      const poison = received.filter((record) => record.body === 'poison');
      expect(poison.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
      expect(poison[0]?.attributes.MessageGroupId).toBe('b');
      expect(poison[0]?.eventSourceARN).toMatch(/^arn:aws:sqs:eu-west-2:000000000000:poller-[0-9a-f]+\.fifo$/);
      const moved = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 0 }));
      expect(moved.Messages?.[0]?.Body).toBe('poison');
    } finally {
      await poller.stop();
    }
  });
});
