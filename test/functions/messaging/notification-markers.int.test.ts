// Notification mails at least once and never twice: the markers in the idempotency table on
// DynamoDB Local, and the mailer against the SES stand-in (and against an SES that refuses).
import { type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../../functions/composition/clients.js';
import { createNotificationMailer } from '../../../functions/messaging/notification-mailer.js';
import {
  NotificationInProgressError,
  createNotificationMarkers,
} from '../../../functions/messaging/notification-markers.js';
import { type SesStandIn, startSesStandIn } from '../../../local/ses-stand-in.js';
import { dynamoClientForTests, tableNamesForTests, uniqueStreamId } from '../../engines/local-engines.js';

const dynamo = dynamoClientForTests();
const markers = createNotificationMarkers({ dynamo, tableName: tableNamesForTests().idempotency, leaseSeconds: 60 });
const mail = { subject: 'New Prevent referral PRV-7K3M-Q9TX', text: 'Reference: PRV-7K3M-Q9TX' };
let ses: SesStandIn;

beforeAll(async () => {
  ses = await startSesStandIn();
});

afterAll(async () => {
  await ses.stop();
  dynamo.destroy();
});

const sesClient = (endpoint: string) =>
  new SESv2Client({
    region: 'eu-west-2',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

/** The first request takes effect, then its answer is lost (a socket timing out: no status); counts the answers lost. */
function loseFirstAnswer(client: { middlewareStack: { add: DynamoDBClient['middlewareStack']['add'] } }): {
  count: number;
} {
  const lost = { count: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      const answer = await next(args);
      if (lost.count === 0) {
        lost.count += 1;
        throw Object.assign(new Error('answer lost'), { name: 'TimeoutError', $metadata: {} });
      }
      return answer;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'loseFirstAnswer' },
  );
  return lost;
}

describe('notification markers', () => {
  it('lets one sender claim a notification, refuses a second while the lease holds, and hands it over once the lease has run out', async () => {
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    const now = new Date('2026-01-05T09:00:00Z');
    // Another sender is another process (a Lambda container handles one invocation at a time):
    // a process knows the claims it holds itself.
    const otherSender = createNotificationMarkers({
      dynamo,
      tableName: tableNamesForTests().idempotency,
      leaseSeconds: 60,
    });
    expect(await markers.claim(key, now)).toBe('claimed');
    await expect(otherSender.claim(key, new Date(now.getTime() + 30_000))).rejects.toBeInstanceOf(
      NotificationInProgressError,
    );
    expect(await markers.claim(key, new Date(now.getTime() + 30_000)), 'its own claim, after confirming failed').toBe(
      'claimed',
    );
    expect(await otherSender.claim(key, new Date(now.getTime() + 61_000))).toBe('claimed');
    await markers.confirm(key);
    expect(await markers.claim(key, new Date(now.getTime() + 3_600_000))).toBe('already-sent');
  });

  it('knows its own claim on a later try when the put took effect but every answer was lost (the engine restarting)', async () => {
    const flaky = dynamoClientForTests();
    let lostAll = true;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        const answer = await next(args);
        if (lostAll && context.commandName === 'PutItemCommand')
          throw Object.assign(new Error('connection reset'), { name: 'ECONNRESET', $metadata: {} });
        return answer;
      },
      { step: 'initialize', name: 'loseEveryAnswer' },
    );
    const flakyMarkers = createNotificationMarkers({
      dynamo: flaky,
      tableName: tableNamesForTests().idempotency,
      leaseSeconds: 60,
    });
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'referrer' };
    await expect(flakyMarkers.claim(key, new Date())).rejects.toThrow('connection reset');
    lostAll = false;
    expect(await flakyMarkers.claim(key, new Date()), 'the retry in the same process').toBe('claimed');
    await expect(markers.claim(key, new Date()), 'another process is still kept out').rejects.toBeInstanceOf(
      NotificationInProgressError,
    );
    flaky.destroy();
  });

  it('knows its own claim when the put took effect but its answer was lost and the SDK sent it again', async () => {
    const flaky = dynamoClientForTests();
    const lost = loseFirstAnswer(flaky);
    const flakyMarkers = createNotificationMarkers({
      dynamo: flaky,
      tableName: tableNamesForTests().idempotency,
      leaseSeconds: 60,
    });
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    expect(await flakyMarkers.claim(key, new Date())).toBe('claimed');
    expect(lost.count).toBe(1);
    await expect(markers.claim(key, new Date()), 'another sender is still kept out').rejects.toBeInstanceOf(
      NotificationInProgressError,
    );
    flaky.destroy();
  });
});

describe('notification mailer', () => {
  it('sends once per stream, version and recipient', async () => {
    const mailer = createNotificationMailer({
      ses: sesClient(ses.endpoint),
      markers,
      from: 'no-reply@prevent.localhost',
      clock: () => new Date(),
    });
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'la:E08000026' };
    const before = (await ses.mails()).length;
    expect(await mailer.send(key, 'prevent-team.e08000026@mailbox.invalid', mail)).toBe('sent');
    expect(await mailer.send(key, 'prevent-team.e08000026@mailbox.invalid', mail)).toBe('already-sent');
    const mails = (await ses.mails()).slice(before);
    expect(mails.map((m) => [m.destination.to, m.subject])).toEqual([
      [['prevent-team.e08000026@mailbox.invalid'], mail.subject],
    ]);
  });

  it('releases the claim when SES refuses, so the retry sends the mail', async () => {
    const key = { streamId: uniqueStreamId(), version: 3, recipient: 'referrer' };
    const refusing = createNotificationMailer({
      ses: sesClient('http://127.0.0.1:9'),
      markers,
      from: 'no-reply@prevent.localhost',
      clock: () => new Date(),
    });
    await expect(refusing.send(key, 'someone@example.org', mail)).rejects.toThrow();
    const working = createNotificationMailer({
      ses: sesClient(ses.endpoint),
      markers,
      from: 'no-reply@prevent.localhost',
      clock: () => new Date(),
    });
    expect(await working.send(key, 'someone@example.org', mail)).toBe('sent');
  });

  it('does not send again when the retry follows a mail sent whose marker could not be confirmed (engine unreachable)', async () => {
    const flaky = dynamoClientForTests();
    let refusedConfirmations = 0;
    flaky.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand' && refusedConfirmations === 0) {
          refusedConfirmations += 1;
          throw Object.assign(new Error('engine unreachable'), { name: 'ECONNREFUSED', $metadata: {} });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseFirstConfirmation' },
    );
    const flakyMarkers = createNotificationMarkers({
      dynamo: flaky,
      tableName: tableNamesForTests().idempotency,
      leaseSeconds: 60,
    });
    const mailer = createNotificationMailer({
      ses: sesClient(ses.endpoint),
      markers: flakyMarkers,
      from: 'no-reply@prevent.localhost',
      clock: () => new Date(),
    });
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    const before = (await ses.mails()).length;
    await expect(mailer.send(key, 'prevent@police.invalid', mail)).rejects.toThrow('engine unreachable');
    expect(await mailer.send(key, 'prevent@police.invalid', mail)).toBe('sent');
    expect((await ses.mails()).slice(before)).toHaveLength(1);
    expect(await markers.claim(key, new Date())).toBe('already-sent');
    flaky.destroy();
  });

  it('does not send again when SES accepted the mail but its answer was lost: the outcome is recorded as unknown', async () => {
    // The service's own SES client (its retry settings), with the first send's answer lost after SES took it.
    const { ses: losing, dynamo: unused } = createAwsClients({ AWS_REGION: 'eu-west-2', SES_ENDPOINT: ses.endpoint });
    unused.destroy();
    const lost = loseFirstAnswer(losing);
    const mailer = createNotificationMailer({
      ses: losing,
      markers,
      from: 'no-reply@prevent.localhost',
      clock: () => new Date(),
    });
    const key = { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' };
    const before = (await ses.mails()).length;
    expect(await mailer.send(key, 'prevent@police.invalid', mail)).toBe('outcome-unknown');
    expect(await mailer.send(key, 'prevent@police.invalid', mail), 'the stream record replayed').toBe(
      'outcome-unknown',
    );
    expect(lost.count).toBe(1);
    expect((await ses.mails()).slice(before)).toHaveLength(1);
    expect(await markers.claim(key, new Date()), 'another process').toBe('outcome-unknown');
    losing.destroy();
  });
});
