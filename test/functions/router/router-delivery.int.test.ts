// Submit -> routed -> FIFO queue(s) -> delivered, on the real local engines (DynamoDB Local with
// streams, the SQS stand-in, the SES stand-in), with the same handlers the cloud runs behind the
// local pollers.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type Message, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { type DynamoDBRecord, type DynamoDBStreamEvent, type SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedEvent } from '../../../events/catalogue.js';
import { composeDeliveryConsumer } from '../../../functions/delivery/delivery-composition.js';
import { recordingUndeliveredAlarm } from '../../../functions/delivery/undelivered-alarm.js';
import { readDestinationMessage } from '../../../functions/messaging/destination-message.js';
import { composeRouter } from '../../../functions/router/router-composition.js';
import { eventStoreTable, tableName } from '../../../functions/tables/table-definitions.js';
import { type LocalStack, startLocalStack } from '../../../local/local-stack.js';
import { lambdaSqsRecord, queueArnOf } from '../../../local/queue-poller.js';
import { type StoredMail } from '../../../local/ses-stand-in.js';
import { personalWords } from './referral-history.js';
import { dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { takeMessages } from './queue-messages.js';
import { type ReferralDesk, openReferralDesk } from './referral-desk.js';
import { unbindCommandId } from '../../../functions/command-handler/command-identity.js';

const BASE = 'https://prevent.example.gov.uk';
const errors: { source: string; error: unknown }[] = [];

function stackOptions(label: string) {
  return {
    dynamoDbEndpoint: dynamoEndpointForTests(),
    prefix: uniquePrefix(label),
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 1,
    publicBaseUrl: BASE,
    // Every referral here has the same referrer address: its acknowledgements are not what is limited here.
    serviceConfig: { ACKNOWLEDGEMENT_MAIL_LIMIT: '100000' },
    onError: (source: string, error: unknown) => errors.push({ source, error }),
  };
}

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function destinationsOf(events: readonly RecordedEvent[]): string[] {
  const routed = events.find((event) => event.type === 'ReferralRouted');
  return routed?.type === 'ReferralRouted' ? routed.data.destinations.map((destination) => destination.id) : [];
}

function deliveries(events: readonly RecordedEvent[]) {
  return events.flatMap((event) => (event.type === 'ReferralDelivered' ? [event] : []));
}

/** The referral's stored items as the stream would carry them again (a replayed shard). */
async function replayOf(stack: LocalStack, streamId: string): Promise<DynamoDBStreamEvent> {
  const items = await streamItems(
    stack.clients.dynamo,
    tableName(stack.config.SERVICE_PREFIX, eventStoreTable),
    streamId,
  );
  const records: DynamoDBRecord[] = items.map((item, index) => ({
    eventID: `replay-${index}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-west-2',
    dynamodb: {
      Keys: { streamId: item.streamId, version: item.version } as never,
      NewImage: item as never,
      SequenceNumber: String(1000 + index),
      StreamViewType: 'NEW_IMAGE',
    },
  }));
  return { Records: records };
}

function mailsFor(mails: readonly StoredMail[], reference: string): StoredMail[] {
  return mails.filter((mail) => mail.subject.includes(reference));
}

describe('routing and delivery on the local stack', () => {
  let stack: LocalStack;
  let desk: ReferralDesk;

  beforeAll(async () => {
    stack = await startLocalStack(stackOptions('router'));
    desk = openReferralDesk(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('routes Coventry, Lichfield, Edinburgh and Manchester (with a hub) and each destination confirms delivery', async () => {
    const cases = [
      { postcode: 'CV1 5FB', expected: ['police:E23000014', 'la:E08000026'] },
      { postcode: 'ws136yy', expected: ['police:E23000015', 'la:E07000194'] },
      { postcode: 'EH1 1YZ', expected: ['national-triage'] },
      { postcode: 'M1 1AE', hub: true, expected: ['police:E23000005', 'la:E08000003', 'vsh:VSH-NORTH'] },
      { postcode: 'B1 1BB', urgent: true, expected: ['police:E23000014', 'la:E08000025'] },
    ];
    const submitted = await Promise.all(
      cases.map((c) =>
        desk.submit(c.postcode, { immediateRisk: c.urgent ?? false, vulnerabilitySupportHubRequested: c.hub ?? false }),
      ),
    );
    for (const [index, referral] of submitted.entries()) {
      const events = await desk.untilDelivered(referral.streamId);
      const expected = cases[index]!.expected;
      expect(destinationsOf(events)).toEqual(expected);
      const routed = events.find((event) => event.type === 'ReferralRouted')!;
      expect(routed.version).toBe(2);
      expect(unbindCommandId(routed.commandId).commandId).toBe(`route:${referral.streamId}:1`);
      expect(routed.actor).toEqual({ organisation: 'system', user: 'router', role: 'system' });
      expect(routed.data).toMatchObject({
        priority: cases[index]!.urgent ? 'urgent' : 'standard',
        reason: 'submitted',
      });
      const delivered = deliveries(events);
      expect(delivered.map((event) => event.data.destinationId).sort()).toEqual([...expected].sort());
      for (const event of delivered) {
        expect(event.data.routedVersion).toBe(2);
        expect(unbindCommandId(event.commandId).commandId).toBe(
          `deliver:${referral.streamId}:2:${event.data.destinationId}`,
        );
      }
    }
  });

  it('mails each destination and the referrer a reference and a link, and nothing personal', async () => {
    const referral = await desk.submit('CV1 5FB');
    await desk.untilDelivered(referral.streamId);
    const mails = await until(async () => {
      const found = mailsFor(await stack.ses.mails(), referral.reference);
      return found.length === 3 ? found : undefined;
    });
    const byRecipient = new Map(mails.map((mail) => [mail.destination.to[0], mail]));
    expect([...byRecipient.keys()].sort()).toEqual(
      [
        'prevent-hub.e23000014@mailbox.invalid',
        'prevent-team.e08000026@mailbox.invalid',
        'sam.referrer@academy.example.org',
      ].sort(),
    );
    expect(byRecipient.get('prevent-hub.e23000014@mailbox.invalid')!.subject).toBe(
      `New Prevent referral ${referral.reference}`,
    );
    expect(byRecipient.get('prevent-hub.e23000014@mailbox.invalid')!.body.text).toContain(
      `${BASE}/cases/${referral.referralId}`,
    );
    expect(byRecipient.get('sam.referrer@academy.example.org')!.body.text).toContain(
      `${BASE}/referral-status/${referral.referralId}`,
    );
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
      for (const word of personalWords) expect(text).not.toContain(word);
      expect(text).not.toMatch(/CV1 ?5FB/i);
    }
  });

  it('records nothing twice and sends no mail twice when the stream is replayed, or a message redelivered', async () => {
    const referral = await desk.submit('WS13 6YY');
    const before = await desk.untilDelivered(referral.streamId);
    const mailsBefore = await until(async () => {
      const found = mailsFor(await stack.ses.mails(), referral.reference);
      return found.length === 3 ? found : undefined;
    });
    const router = composeRouter(stack.config, stack.clients);
    const replay = await replayOf(stack, referral.streamId);
    expect(await router(replay)).toEqual({ batchItemFailures: [] });
    expect(await router(replay)).toEqual({ batchItemFailures: [] });
    await stack.streamsDrained();
    const after = await desk.store.read(referral.streamId);
    expect(after.map((event) => `${event.version}:${event.type}`)).toEqual(
      before.map((event) => `${event.version}:${event.type}`),
    );
    expect(mailsFor(await stack.ses.mails(), referral.reference)).toHaveLength(mailsBefore.length);
  });

  it('sets a poison stream record aside in router-failures while the rest of its batch proceeds', async () => {
    const poisonStream = `referral-${uniquePrefix('poison').replace('poison-', 'p0150n')}`;
    await stack.clients.dynamo.send(
      new PutItemCommand({
        TableName: tableName(stack.config.SERVICE_PREFIX, eventStoreTable),
        Item: {
          streamId: { S: poisonStream },
          version: { N: '1' },
          type: { S: 'ReferralSubmitted' },
          data: { S: '{"not":"an event"}' },
        },
      }),
    );
    const healthy = await desk.submit('CV1 5FB');
    await desk.untilDelivered(healthy.streamId);
    const failure = await until(async () => {
      const received = await stack.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: stack.routerFailuresQueueUrl,
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 10,
        }),
      );
      return (received.Messages ?? []).find((message) => message.Body?.includes(poisonStream));
    });
    const body = JSON.parse(failure.Body!) as {
      keys: { streamId: string; version: string };
      requestContext: { approximateInvokeCount: number };
    };
    expect(body.keys).toEqual({ streamId: poisonStream, version: '1' });
    expect(body.requestContext.approximateInvokeCount).toBe(3);
    expect(failure.Body).not.toContain('an event'); // where the record was, never what it held
  });

  it('moves an undeliverable message to the dead-letter queue after five attempts and raises the alarm, while other referrals are delivered', async () => {
    const police = stack.queues.get('police:E23000014')!;
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: police.queueUrl,
        MessageBody: '{"referralId":"broken"}',
        MessageGroupId: 'referral-broken000',
        MessageDeduplicationId: 'broken-1',
      }),
    );
    const healthy = await desk.submit('CV1 5FB');
    await desk.untilDelivered(healthy.streamId);
    const raised = await until(async () => {
      const alarms = stack.undelivered();
      return alarms.some((alarm) => alarm.reason === 'dead-lettered') ? alarms : undefined;
    }, 40_000);
    expect(raised).toContainEqual({
      reason: 'dead-lettered',
      destinationId: 'police:E23000014',
      streamId: null,
      version: null,
    });
    expect(raised).toContainEqual({
      reason: 'last-attempt-failed',
      destinationId: null,
      streamId: null,
      version: null,
    });
    const inDlq = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: police.deadLetterQueueUrl, WaitTimeSeconds: 1 }),
    );
    expect(inDlq.Messages?.[0]?.Body).toBe('{"referralId":"broken"}');
  });
});

describe('queue contents and redelivery (no delivery consumers running)', () => {
  let stack: LocalStack;
  let desk: ReferralDesk;

  beforeAll(async () => {
    stack = await startLocalStack({ ...stackOptions('queues'), delivery: false });
    desk = openReferralDesk(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function drain(queueUrl: string): Promise<Message[]> {
    const all: Message[] = [];
    while ((await takeMessages(stack.clients.sqs, queueUrl, (message) => all.push(message))) > 0);
    return all;
  }

  it('puts the routed event, without personal data, in exactly the right FIFO queues, once, even when the stream is replayed', async () => {
    const referral = await desk.submit('CV1 5FB', { immediateRisk: true });
    await until(async () =>
      (await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralRouted'),
    );
    await stack.streamsDrained();
    const router = composeRouter(stack.config, stack.clients);
    const replay = await replayOf(stack, referral.streamId);
    await router(replay);
    await router(replay);

    const police = await drain(stack.queues.get('police:E23000014')!.queueUrl);
    const council = await drain(stack.queues.get('la:E08000026')!.queueUrl);
    const lichfield = await drain(stack.queues.get('la:E07000194')!.queueUrl);
    expect(lichfield.filter((message) => message.Body?.includes(referral.referralId))).toEqual([]);
    for (const [messages, destinationId] of [
      [police, 'police:E23000014'],
      [council, 'la:E08000026'],
    ] as const) {
      const ours = messages.filter((message) => message.Body?.includes(referral.referralId));
      expect(ours).toHaveLength(1);
      const message = ours[0]!;
      const body = readDestinationMessage(message.Body);
      expect(body).toMatchObject({
        referralId: referral.referralId,
        reference: referral.reference,
        destinationId,
        eventType: 'ReferralRouted',
        version: 2,
        priority: 'urgent',
      });
      expect(message.Attributes?.MessageGroupId).toBe(referral.streamId);
      expect(message.Attributes?.MessageDeduplicationId).toBe(`${referral.streamId}:2`);
      expect(message.MessageAttributes?.priority?.StringValue).toBe('urgent');
      for (const word of personalWords) expect(message.Body).not.toContain(word);
      expect(message.Body).not.toMatch(/CV1 ?5FB/i);
    }
  });

  it("records one delivery for a message delivered twice, and refuses a message that arrived on another destination's queue", async () => {
    const referral = await desk.submit('WS13 6YY');
    await until(async () =>
      (await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralRouted'),
    );
    const policeQueue = stack.queues.get('police:E23000015')!.queueUrl;
    const message = await until(async () =>
      (await drain(policeQueue)).find((m) => m.Body?.includes(referral.referralId)),
    );
    const alarm = recordingUndeliveredAlarm();
    const consume = composeDeliveryConsumer(stack.config, stack.clients, { alarm });
    const onItsQueue: SQSEvent = {
      Records: [lambdaSqsRecord(message, queueArnOf(policeQueue, 'eu-west-2'), 'eu-west-2')],
    };
    expect(await consume(onItsQueue)).toEqual({ batchItemFailures: [] });
    expect(await consume(onItsQueue)).toEqual({ batchItemFailures: [] });
    const wrongQueue: SQSEvent = {
      Records: [
        lambdaSqsRecord(message, queueArnOf(stack.queues.get('la:E07000194')!.queueUrl, 'eu-west-2'), 'eu-west-2'),
      ],
    };
    expect(await consume(wrongQueue)).toEqual({ batchItemFailures: [{ itemIdentifier: message.MessageId }] });
    const events = await desk.store.read(referral.streamId);
    expect(deliveries(events).map((event) => event.data.destinationId)).toEqual(['police:E23000015']);
    expect(alarm.raised).toEqual([]);
  });

  it('tells a council that receives after deconfliction only that the referral exists, then shares it once the police refer it to Channel: each confirmed once, nothing lost or doubled when the router runs again', async () => {
    const BIRMINGHAM = 'la:E08000025';
    const police = { organisation: 'police:E23000014', user: 'po-opaque-2', role: 'police-prevent-officer' } as const;
    const referral = await desk.submit('B1 1BB');
    await until(async () =>
      (await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralSharingDeferred'),
    );
    const councilQueue = stack.queues.get(BIRMINGHAM)!.queueUrl;
    const policeQueue = stack.queues.get('police:E23000014')!.queueUrl;
    const ours = (messages: Message[]) => messages.filter((m) => m.Body?.includes(referral.referralId));
    const councilMessages: Message[] = [];
    const policeMessages: Message[] = [];
    await until(async () => {
      councilMessages.push(...ours(await drain(councilQueue)));
      policeMessages.push(...ours(await drain(policeQueue)));
      return councilMessages.length > 0 && policeMessages.length > 0;
    });
    const notice = readDestinationMessage(councilMessages[0]!.Body);
    expect(councilMessages).toHaveLength(1);
    expect(notice).toMatchObject({
      reference: referral.reference,
      destinationId: BIRMINGHAM,
      eventType: 'ReferralSharingDeferred',
      version: 2,
      priority: 'standard',
      data: { destinationIds: [BIRMINGHAM], typesOfConcern: ['extreme-right-wing'] },
    });
    for (const word of personalWords) expect(councilMessages[0]!.Body).not.toContain(word);
    expect(readDestinationMessage(policeMessages[0]!.Body).eventType).toBe('ReferralRouted');

    const run = async (command: Record<string, unknown>, id: string) => {
      const result = await desk.commands.handle({
        streamId: referral.streamId,
        commandId: id,
        command: command as never,
        correlationId: id,
      });
      if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    };
    const at = () => new Date().toISOString();
    await run({ type: 'StartGatewayAssessment', at: at(), actor: police }, `start-${referral.referralId}`);
    await run(
      {
        type: 'CompleteGatewayAssessment',
        at: at(),
        actor: police,
        outcome: 'referred-to-channel',
        confirmedConcernType: 'extreme-right-wing',
        deconflicted: true,
        signpostedTo: [],
        personal: { rationale: 'No live investigation.' },
      },
      `complete-${referral.referralId}`,
    );
    const events = await desk.store.read(referral.streamId);
    const outcome = events.slice(-3);
    expect(outcome.map((event) => event.type)).toEqual([
      'DeconflictionRecorded',
      'GatewayAssessmentCompleted',
      'ReferralShared',
    ]);
    // One append: the share cannot be lost between the outcome and its delivery.
    expect(new Set(outcome.map((event) => unbindCommandId(event.commandId).commandId)).size).toBe(1);
    const shared = outcome[2]!;
    await until(async () => {
      councilMessages.push(...ours(await drain(councilQueue)));
      return councilMessages.length >= 2;
    });
    await stack.streamsDrained();
    // The router runs the whole stream again (a crash before its checkpoint, a replayed shard).
    const router = composeRouter(stack.config, stack.clients);
    const replay = await replayOf(stack, referral.streamId);
    expect(await router(replay)).toEqual({ batchItemFailures: [] });
    expect(await router(replay)).toEqual({ batchItemFailures: [] });
    councilMessages.push(...ours(await drain(councilQueue)));
    expect(
      councilMessages.map((m) => [readDestinationMessage(m.Body).eventType, readDestinationMessage(m.Body).version]),
    ).toEqual([
      ['ReferralSharingDeferred', 2],
      ['ReferralShared', shared.version],
    ]);

    const alarm = recordingUndeliveredAlarm();
    const consume = composeDeliveryConsumer(stack.config, stack.clients, { alarm });
    const batch: SQSEvent = {
      Records: councilMessages.map((m) => lambdaSqsRecord(m, queueArnOf(councilQueue, 'eu-west-2'), 'eu-west-2')),
    };
    expect(await consume(batch)).toEqual({ batchItemFailures: [] });
    expect(await consume(batch)).toEqual({ batchItemFailures: [] });
    const after = await desk.store.read(referral.streamId);
    expect(
      deliveries(after)
        .filter((event) => event.data.destinationId === BIRMINGHAM)
        .map((event) => event.data.routedVersion),
    ).toEqual([2]);
    const sharedDeliveries = after.flatMap((event) => (event.type === 'SharedReferralDelivered' ? [event] : []));
    expect(sharedDeliveries.map((event) => [event.data.destinationId, event.data.sharedVersion])).toEqual([
      [BIRMINGHAM, shared.version],
    ]);
    expect(unbindCommandId(sharedDeliveries[0]!.commandId).commandId).toBe(
      `deliver-shared:${referral.streamId}:${shared.version}:${BIRMINGHAM}`,
    );
    expect(alarm.raised).toEqual([]);
    const mails = mailsFor(await stack.ses.mails(), referral.reference).filter(
      (mail) => mail.destination.to[0] === 'prevent-team.e08000025@mailbox.invalid',
    );
    expect(mails.map((mail) => mail.subject).sort()).toEqual(
      [
        `Prevent referral ${referral.reference} in your area: awaiting police deconfliction`,
        `Prevent referral ${referral.reference} shared with you`,
      ].sort(),
    );
    for (const mail of mails) for (const word of personalWords) expect(mail.body.text).not.toContain(word);
  });

  it('records a confirmation that arrives after the case was closed, erased or transferred, at the first attempt, without the alarm', async () => {
    const police = { organisation: 'police:E23000014', user: 'po-opaque-1', role: 'police-prevent-officer' } as const;
    const at = () => new Date().toISOString();
    const closed = await desk.submit('CV1 5FB');
    const erased = await desk.submit('CV1 5FB');
    const moved = await desk.submit('CV1 5FB');
    const all = [closed, erased, moved];
    for (const referral of all)
      await until(async () =>
        (await desk.store.read(referral.streamId)).some((event) => event.type === 'ReferralRouted'),
      );
    // The destination has the message before anything else happens to the case.
    const policeQueue = stack.queues.get('police:E23000014')!.queueUrl;
    const messages: Message[] = [];
    await until(async () => {
      messages.push(...(await drain(policeQueue)));
      return all.every((referral) =>
        messages.some(
          (m) => m.Body?.includes(referral.referralId) && readDestinationMessage(m.Body).eventType === 'ReferralRouted',
        ),
      );
    });
    const run = async (streamId: string, command: Record<string, unknown>, id: string) => {
      const result = await desk.commands.handle({
        streamId,
        commandId: id,
        command: command as never,
        correlationId: id,
      });
      if (!result.ok) throw new Error(`${String(command.type)} refused: ${result.error.code}`);
    };
    await run(closed.streamId, { type: 'StartGatewayAssessment', at: at(), actor: police }, 'start-1');
    await run(
      closed.streamId,
      {
        type: 'CompleteGatewayAssessment',
        at: at(),
        actor: police,
        outcome: 'no-further-action',
        confirmedConcernType: 'islamist',
        deconflicted: true,
        signpostedTo: [],
        personal: { rationale: 'No concern.' },
      },
      'complete-1',
    );
    await run(
      closed.streamId,
      { type: 'CloseReferral', at: at(), actor: police, outcome: 'no-further-action' },
      'close-1',
    );
    await run(
      erased.streamId,
      {
        type: 'ErasePersonalData',
        at: at(),
        actor: police,
        reason: 'recorded-in-error',
        grounds: 'mistaken-or-test-submission',
      },
      'erase-1',
    );
    await run(
      moved.streamId,
      {
        type: 'TransferReferral',
        at: at(),
        actor: police,
        reason: 'person-moved',
        personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6AA' },
      },
      'transfer-1',
    );

    const alarm = recordingUndeliveredAlarm();
    const consume = composeDeliveryConsumer(stack.config, stack.clients, { alarm });
    for (const referral of all) {
      const message = messages.find(
        (m) => m.Body?.includes(referral.referralId) && readDestinationMessage(m.Body).eventType === 'ReferralRouted',
      )!;
      const event: SQSEvent = {
        Records: [lambdaSqsRecord(message, queueArnOf(policeQueue, 'eu-west-2'), 'eu-west-2')],
      };
      expect(
        await consume(event),
        referral === closed ? 'closed' : referral === erased ? 'erased' : 'transferred',
      ).toEqual({ batchItemFailures: [] });
      const recorded = deliveries(await desk.store.read(referral.streamId));
      expect(recorded.map((delivery) => [delivery.data.destinationId, delivery.data.routedVersion])).toEqual([
        ['police:E23000014', 2],
      ]);
    }
    expect(alarm.raised).toEqual([]);
  });
});

afterAll(() => {
  if (errors.length > 0)
    console.warn(
      'pollers reported',
      errors.map(({ source, error }) => `${source}: ${error instanceof Error ? error.message : String(error)}`),
    );
});
