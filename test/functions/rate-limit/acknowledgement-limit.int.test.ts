// One address cannot be mailed over and over by submitting referrals with it: acknowledgements to
// the same recipient (however its case is written) stop at the limit for the window; the referral
// itself is unaffected, a replay of a stream record does not count again, and destinations'
// notifications are never limited.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { createNotificationMailer } from '../../../functions/messaging/notification-mailer.js';
import { createNotificationMarkers } from '../../../functions/messaging/notification-markers.js';
import { createDynamoRateLimiter } from '../../../functions/rate-limit/rate-limiter.js';
import { createSubjectHasher } from '../../../functions/rate-limit/subject-key.js';
import { type SesStandIn, startSesStandIn } from '../../../local/ses-stand-in.js';
import { dynamoClientForTests, tableNamesForTests, uniquePrefix, uniqueStreamId } from '../../engines/local-engines.js';

const dynamo = dynamoClientForTests();
const tables = tableNamesForTests();
const markers = createNotificationMarkers({ dynamo, tableName: tables.idempotency });
// The run's keys table is shared by files with other master keys: this file keeps its own key item.
const hasher = createSubjectHasher({
  client: dynamo,
  tableName: tables.keys,
  keyProvider: createLocalKeyProvider(new Uint8Array(32).fill(4)),
  keyId: uniquePrefix('rate-limit-key'),
});
const mail = {
  subject: 'Your Prevent referral PRV-7K3M-Q9TX has been received',
  text: 'Your reference: PRV-7K3M-Q9TX',
};
let ses: SesStandIn;

beforeAll(async () => {
  ses = await startSesStandIn();
});
afterAll(async () => {
  await ses.stop();
  dynamo.destroy();
});

function mailer() {
  const scope = uniquePrefix('ack');
  const limiter = createDynamoRateLimiter({
    client: dynamo,
    tableName: tables.idempotency,
    scope,
    limit: 2,
    windowSeconds: 86_400,
    hash: (subject) => hasher.hash(scope, subject.trim().toLowerCase()),
    clock: () => new Date(),
  });
  const ses2 = new SESv2Client({
    region: 'eu-west-2',
    endpoint: ses.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return createNotificationMailer({
    ses: ses2,
    markers,
    from: 'no-reply@prevent.localhost',
    clock: () => new Date(),
    acknowledgementLimit: limiter,
  });
}

describe('acknowledgement mails per recipient', () => {
  it('stop at the limit for one address, whatever its case, and a replay does not count again', async () => {
    const sender = mailer();
    const address = `${uniquePrefix('victim')}@example.org`;
    const before = (await ses.mails()).length;
    const keys = [0, 1, 2, 3].map(() => ({ streamId: uniqueStreamId(), version: 1, recipient: 'referrer' }));
    expect(await sender.send(keys[0]!, address, mail)).toBe('sent');
    expect(await sender.send(keys[1]!, address.toUpperCase(), mail)).toBe('sent');
    expect(await sender.send(keys[2]!, ` ${address}`, mail)).toBe('not-sent-limit-reached');
    expect(await sender.send(keys[2]!, address, mail)).toBe('already-sent');
    expect(await sender.send(keys[3]!, address, mail)).toBe('not-sent-limit-reached');
    const sent = (await ses.mails()).slice(before);
    expect(sent).toHaveLength(2);
    expect(
      await sender.send({ streamId: uniqueStreamId(), version: 1, recipient: 'referrer' }, `other-${address}`, mail),
    ).toBe('sent');
  });

  it('never hold back a destination’s notification', async () => {
    const sender = mailer();
    for (let index = 0; index < 4; index += 1) {
      expect(
        await sender.send(
          { streamId: uniqueStreamId(), version: 2, recipient: 'police:E23000014' },
          'prevent@police.invalid',
          mail,
        ),
      ).toBe('sent');
    }
  });
});
