// Dead letters an operator can handle, on the local engines: a destination message that failed
// every attempt is listed with ids and types only, shown without personal data, redriven to its
// queue (audited), and confirmed by the delivery consumer once; a second copy redriven records
// nothing twice; a stream record set aside is handed back to the router.
import { type Message, SendMessageCommand } from '@aws-sdk/client-sqs';
import { type SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessRecord, createAccessAudit } from '../../../functions/audit/access-audit.js';
import {
  createDeadLetters,
  type DeadLetterAuditEntry,
  type DeadLetterQueue,
} from '../../../functions/delivery/dead-letters.js';
import { composeDeliveryConsumer } from '../../../functions/delivery/delivery-composition.js';
import { recordingUndeliveredAlarm } from '../../../functions/delivery/undelivered-alarm.js';
import { auditTable, tableName } from '../../../functions/tables/table-definitions.js';
import { redrivesInAccessAudit, streamRecordRedrive } from '../../../local/dead-letter-redrive.js';
import { type LocalStack, startLocalStack } from '../../../local/local-stack.js';
import { lambdaSqsRecord, queueArnOf } from '../../../local/queue-poller.js';
import { personalWords } from '../router/referral-history.js';
import { dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';
import { takeMessages } from '../router/queue-messages.js';
import { type ReferralDesk, openReferralDesk } from '../router/referral-desk.js';

const POLICE = 'police:E23000014';

describe('dead letters', () => {
  let stack: LocalStack;
  let desk: ReferralDesk;
  const audited: DeadLetterAuditEntry[] = [];

  beforeAll(async () => {
    stack = await startLocalStack({
      dynamoDbEndpoint: dynamoEndpointForTests(),
      prefix: uniquePrefix('deadletters'),
      pollIntervalMs: 50,
      visibilityTimeoutSeconds: 1,
      delivery: false,
      onError: () => undefined,
    });
    desk = openReferralDesk(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  function queuesOf(): DeadLetterQueue[] {
    const police = stack.queues.get(POLICE)!;
    return [
      { name: 'police-dlq', url: police.deadLetterQueueUrl, redriveTo: police.queueUrl, destinationId: POLICE },
      { name: 'router-failures', url: stack.routerFailuresQueueUrl, redriveTo: null, destinationId: null },
    ];
  }

  it('lists, shows without personal data, redrives once with an audit, and the delivery is recorded once', async () => {
    const accessAudit = createAccessAudit({
      client: stack.clients.dynamo,
      tableName: tableName(stack.config.SERVICE_PREFIX, auditTable),
      newId: () => crypto.randomUUID(),
    });
    const recordInAudit = redrivesInAccessAudit(accessAudit);
    const deadLetters = createDeadLetters({
      sqs: stack.clients.sqs,
      queues: queuesOf(),
      clock: () => new Date(),
      audit: async (entry) => {
        audited.push(entry);
        await recordInAudit(entry);
      },
    });
    const referral = await desk.submit('CV1 5FB');
    const police = stack.queues.get(POLICE)!;
    // The message fails every attempt (say the store was down) and the redrive policy moves it: twice, as if sent twice.
    let original: Message | undefined;
    for (let tries = 0; tries < 100 && !original; tries += 1) {
      await takeMessages(stack.clients.sqs, police.queueUrl, (message) => {
        if (message.Body?.includes(referral.referralId) && message.Body.includes('"ReferralRouted"'))
          original = message;
      });
    }
    expect(original).toBeDefined();
    for (const copy of ['a', 'b']) {
      await stack.clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: police.deadLetterQueueUrl,
          MessageBody: original!.Body,
          MessageGroupId: referral.streamId,
          MessageDeduplicationId: `copy-${copy}-${referral.referralId}`,
        }),
      );
    }

    const counts = await deadLetters.counts();
    // Both copies are counted; a FIFO receive sees the oldest of the referral's group only.
    expect(counts).toEqual([
      expect.objectContaining({
        queue: 'police-dlq',
        destinationId: POLICE,
        messages: 2,
        byEventType: { ReferralRouted: 1 },
      }),
    ]);
    const listed = await deadLetters.list();
    expect(listed).toHaveLength(1);
    const shown = await deadLetters.show(listed[0]!.id);
    expect(shown).toMatchObject({
      streamId: referral.streamId,
      eventType: 'ReferralRouted',
      version: 2,
      destinationId: POLICE,
      unreadable: null,
    });
    for (const word of personalWords) expect(JSON.stringify(shown)).not.toContain(word);

    expect(await deadLetters.redrive({ id: listed[0]!.id }, 'operator-7', 'store restored after outage')).toEqual({
      redriven: 1,
      failed: 0,
      notFound: false,
    });
    expect(await deadLetters.redrive({ id: listed[0]!.id }, 'operator-7', 'again')).toEqual({
      redriven: 0,
      failed: 0,
      notFound: true,
    });
    expect(await deadLetters.redrive({ all: true }, 'operator-7', 'the rest')).toEqual({
      redriven: 1,
      failed: 0,
      notFound: false,
    });
    expect(await deadLetters.counts()).toEqual([]);

    const consume = composeDeliveryConsumer(stack.config, stack.clients, { alarm: recordingUndeliveredAlarm() });
    const redriven: Message[] = [];
    for (let tries = 0; tries < 20 && redriven.length < 2; tries += 1) {
      await takeMessages(stack.clients.sqs, police.queueUrl, async (message) => {
        redriven.push(message);
        const event: SQSEvent = {
          Records: [lambdaSqsRecord(message, queueArnOf(police.queueUrl, 'eu-west-2'), 'eu-west-2')],
        };
        expect(await consume(event)).toEqual({ batchItemFailures: [] });
      });
    }
    expect(redriven).toHaveLength(2);
    const deliveries = (await desk.store.read(referral.streamId)).filter((event) => event.type === 'ReferralDelivered');
    expect(deliveries).toHaveLength(1);
    expect(audited.map((entry) => [entry.queue, entry.operator, entry.outcome])).toEqual([
      ['police-dlq', 'operator-7', 'redriven'],
      ['police-dlq', 'operator-7', 'redriven'],
    ]);
    const records: AccessRecord[] = (await accessAudit.listForCase('dead-letters#police-dlq')).items;
    expect(records.map((record) => [record.user, record.action, record.reason])).toEqual(
      expect.arrayContaining([['operator-7', 'redrive-dead-letter', 'store restored after outage']]),
    );
  });

  it('hands a stream record set aside back to the router, which records nothing twice', async () => {
    const handToRouter = streamRecordRedrive(stack.config, stack.clients);
    const handed: string[] = [];
    const deadLetters = createDeadLetters({
      sqs: stack.clients.sqs,
      queues: queuesOf(),
      clock: () => new Date(),
      audit: async (entry) => void audited.push(entry),
      redriveStreamRecord: async (streamId, version) => {
        handed.push(`${streamId} v${version}`);
        await handToRouter(streamId, version);
      },
    });
    const referral = await desk.submit('WS13 6YY');
    for (
      let tries = 0;
      tries < 300 && !(await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralRouted');
      tries += 1
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.streamsDrained();
    const routedBefore = (await desk.store.read(referral.streamId)).filter(
      (event) => event.type === 'ReferralRouted',
    ).length;
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.routerFailuresQueueUrl,
        MessageBody: JSON.stringify({
          requestContext: { condition: 'RetryAttemptsExhausted' },
          keys: { streamId: referral.streamId, version: '1' },
        }),
      }),
    );
    const [letter] = (await deadLetters.list()).filter((summary) => summary.queue === 'router-failures');
    expect(letter).toMatchObject({ streamId: referral.streamId, version: 1, eventType: 'stream record' });
    expect(await deadLetters.redrive({ id: letter!.id }, 'operator-7', 'router fixed')).toEqual({
      redriven: 1,
      failed: 0,
      notFound: false,
    });
    expect(handed).toEqual([`${referral.streamId} v1`]);
    expect((await desk.store.read(referral.streamId)).filter((event) => event.type === 'ReferralRouted')).toHaveLength(
      routedBefore,
    );
    expect(routedBefore).toBe(1);
  });
});
