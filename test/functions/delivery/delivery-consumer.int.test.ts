// A delivery that fails only because the event store is down must not be dead-lettered: against
// the SQS stand-in (receive counts, visibility and the redrive policy as SQS keeps them) and DynamoDB
// Local, a store unreachable for longer than the queue's five receives at its own visibility
// timeout would take. With the consumer's backoff the message is delivered once the store is back
// and nothing is dead-lettered; without it (the control) the same outage dead-letters it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDeliveryConsumer } from '../../../functions/delivery/delivery-composition.js';
import { type RedeliveryBackoff, outageSurvivedSeconds } from '../../../functions/delivery/redelivery-backoff.js';
import { recordingUndeliveredAlarm } from '../../../functions/delivery/undelivered-alarm.js';
import { type LocalStack, startLocalStack } from '../../../local/local-stack.js';
import { dynamoClientConfigForTests, dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';
import { takeMessages } from '../router/queue-messages.js';
import { type ReferralDesk, openReferralDesk } from '../router/referral-desk.js';

const POLICE = 'police:E23000014';
const VISIBILITY_SECONDS = 1;
const MAX_RECEIVES = 5;
/** Longer than five receives one visibility timeout apart (about 4 s), shorter than the backoff's span. */
const OUTAGE_MS = 9_000;

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

describe('the delivery consumer while the event store is down', () => {
  let stack: LocalStack;
  let desk: ReferralDesk;

  beforeAll(async () => {
    stack = await startLocalStack({
      dynamoDbEndpoint: dynamoEndpointForTests(),
      prefix: uniquePrefix('storedown'),
      pollIntervalMs: 50,
      visibilityTimeoutSeconds: VISIBILITY_SECONDS,
      maxReceiveCount: MAX_RECEIVES,
      delivery: false,
      onError: () => undefined,
    });
    desk = openReferralDesk(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** A DynamoDB client to the same engine that cannot connect until `upAt` (as when DynamoDB Local is stopped). */
  function storeDownUntil(upAt: number): DynamoDBClient {
    const client = new DynamoDBClient(dynamoClientConfigForTests());
    client.middlewareStack.add(
      (next) => async (args) => {
        if (Date.now() < upAt)
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1'), { name: 'Error', code: 'ECONNREFUSED' });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'storeDown' },
    );
    return client;
  }

  async function policeDelivered(streamId: string): Promise<boolean> {
    return (await desk.store.read(streamId)).some(
      (event) => event.type === 'ReferralDelivered' && event.data.destinationId === POLICE,
    );
  }

  async function deadLettered(referralId: string): Promise<boolean> {
    const police = stack.queues.get(POLICE)!;
    const found: Message[] = [];
    await takeMessages(stack.clients.sqs, police.deadLetterQueueUrl, (message) => {
      if (message.Body?.includes(referralId)) found.push(message);
    });
    return found.length > 0;
  }

  /** Submits a referral, waits for its routing, then consumes the police queue through a store outage. */
  async function throughOutage(backoff: RedeliveryBackoff) {
    const referral = await desk.submit('CV1 5FB');
    expect(
      await until(
        async () => (await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralRouted'),
        30_000,
      ),
    ).toBe(true);
    const alarm = recordingUndeliveredAlarm();
    const upAt = Date.now() + OUTAGE_MS;
    const consume = composeDeliveryConsumer(
      stack.config,
      { ...stack.clients, dynamo: storeDownUntil(upAt) },
      { alarm, maxReceiveCount: MAX_RECEIVES, redeliveryBackoff: backoff },
    );
    const police = stack.queues.get(POLICE)!;
    const poller = await stack.consumeQueue('delivery police', police.queueUrl, consume);
    return { referral, alarm, poller, upAt };
  }

  it('backs a failed message off with its receive count, so an outage longer than five visibility timeouts dead-letters nothing', async () => {
    const backoff = { firstSeconds: VISIBILITY_SECONDS, maxSeconds: 16 * VISIBILITY_SECONDS };
    expect(outageSurvivedSeconds(MAX_RECEIVES, backoff) * 1000).toBeGreaterThan(OUTAGE_MS);
    expect(MAX_RECEIVES * VISIBILITY_SECONDS * 1000).toBeLessThan(OUTAGE_MS);
    const { referral, alarm, poller, upAt } = await throughOutage(backoff);
    try {
      expect(await until(() => policeDelivered(referral.streamId), 30_000)).toBe(true);
      expect(Date.now()).toBeGreaterThanOrEqual(upAt);
      expect(alarm.raised).toEqual([]);
      expect(await deadLettered(referral.referralId)).toBe(false);
      const attributes = await stack.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: stack.queues.get(POLICE)!.deadLetterQueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      expect(attributes.Attributes).toMatchObject({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
    } finally {
      await poller.stop();
    }
  });

  it('(control) with the queue visibility timeout alone, the same outage dead-letters the message', async () => {
    const { referral, alarm, poller } = await throughOutage({
      firstSeconds: VISIBILITY_SECONDS,
      maxSeconds: VISIBILITY_SECONDS,
    });
    try {
      expect(await until(() => deadLettered(referral.referralId), 20_000)).toBe(true);
      expect(alarm.raised).toEqual([expect.objectContaining({ reason: 'last-attempt-failed', destinationId: POLICE })]);
      expect(await policeDelivered(referral.streamId)).toBe(false);
    } finally {
      await poller.stop();
    }
  });
});
