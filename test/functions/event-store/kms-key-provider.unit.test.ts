// KMS has no local engine: aws-sdk-client-mock stands in for it, and for DynamoDB where the
// point is to prove that nothing was written when KMS failed.
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient, KMSInvalidStateException } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDataKeys } from '../../../functions/event-store/data-keys.js';
import { KeyProviderError } from '../../../functions/event-store/errors.js';
import { createEventStore } from '../../../functions/event-store/event-store.js';
import { createKmsKeyProvider } from '../../../functions/event-store/kms-key-provider.js';
import { sampleEvents } from '../../events/sample-events.js';

const kmsMock = mockClient(KMSClient);
const dynamoMock = mockClient(DynamoDBClient);
const keyId = 'arn:aws:kms:eu-west-2:111122223333:key/referrals';
const options = {
  commandId: 'cmd-1',
  actor: { organisation: 'Coventry Academy', user: 'user-1', role: 'referrer' as const },
  correlationId: 'c-1',
  occurredAt: '2025-01-06T09:00:00Z',
};

function storeWithKms() {
  const client = new DynamoDBClient({ region: 'eu-west-2' });
  const keys = createDataKeys({
    client,
    eventsTableName: 'test-events',
    keyProvider: createKmsKeyProvider({ kms: new KMSClient({ region: 'eu-west-2' }), keyId }),
    now: () => new Date('2025-01-06T09:00:00Z'),
  });
  return createEventStore({ client, tableName: 'test-events', keys });
}

function writesSent(): number {
  return dynamoMock.commandCalls(PutItemCommand).length + dynamoMock.commandCalls(TransactWriteItemsCommand).length;
}

beforeEach(() => {
  kmsMock.reset();
  dynamoMock.reset();
  dynamoMock.on(QueryCommand, { TableName: 'test-events' }).resolves({ Items: [] });
  // Version 1 of each stream exists, so appends after it pass the gap check.
  dynamoMock.on(GetItemCommand, { TableName: 'test-events' }).resolves({ Item: { version: { N: '1' } } });
});

describe('KMS key provider', () => {
  it('asks KMS for a 256-bit key with the stream in the encryption context, and stores only the wrapped key', async () => {
    kmsMock
      .on(GenerateDataKeyCommand)
      .resolves({ Plaintext: new Uint8Array(32).fill(1), CiphertextBlob: new Uint8Array([9, 9, 9]), KeyId: keyId });
    dynamoMock.on(PutItemCommand).resolves({});
    await storeWithKms().append('referral-kms000001', 'no-stream', [sampleEvents.ReferralRouted], options);
    expect(kmsMock.commandCalls(GenerateDataKeyCommand)[0]?.args[0].input).toEqual({
      KeyId: keyId,
      KeySpec: 'AES_256',
      EncryptionContext: { service: 'prevent-referral-routing', streamId: 'referral-kms000001' },
    });
    // The new key rides on the first event: one conditional PutItem, the wrapped key only.
    expect(writesSent()).toBe(1);
    const eventWrite = dynamoMock.commandCalls(PutItemCommand)[0]?.args[0].input;
    expect(eventWrite).toMatchObject({
      TableName: 'test-events',
      ConditionExpression: 'attribute_not_exists(version)',
    });
    expect(eventWrite?.Item?.dataKey).toEqual({ B: new Uint8Array([9, 9, 9]) });
    expect(eventWrite?.Item?.dataKeyMaster).toEqual({ S: keyId });
    expect(
      JSON.stringify(eventWrite, (_k, v: unknown) => (v instanceof Uint8Array ? [...v].join(',') : v)),
    ).not.toContain('1,1,1');
    expect(eventWrite?.Item?.personal?.B).toBeInstanceOf(Uint8Array);
  });

  it('when KMS refuses to create a key, the append fails with a plain error and nothing is written', async () => {
    kmsMock
      .on(GenerateDataKeyCommand)
      .rejects(new KMSInvalidStateException({ message: 'key is pending deletion', $metadata: {} }));
    const failure = await storeWithKms()
      .append('referral-kms000002', 'no-stream', [sampleEvents.ReferralSubmitted], options)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeyProviderError);
    expect((failure as Error).message).toBe(
      'could not create the data key of stream referral-kms000002: KMS refused or failed (KMSInvalidStateException)',
    );
    expect(writesSent()).toBe(0);
  });

  it('when KMS cannot unwrap an existing key, the append fails and nothing is written', async () => {
    dynamoMock.on(QueryCommand, { TableName: 'test-events' }).resolves({
      Items: [
        { streamId: { S: 'referral-kms000003' }, version: { N: '1' }, dataKey: { B: new Uint8Array([1, 2, 3]) } },
      ],
    });
    kmsMock.on(DecryptCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const failure = await storeWithKms()
      .append('referral-kms000003', 1, [sampleEvents.SupportReviewed], options)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(KeyProviderError);
    expect(failure).toMatchObject({ operation: 'unwrap-data-key', streamId: 'referral-kms000003' });
    expect(writesSent()).toBe(0);
  });

  it('refuses an answer without a 256-bit key, writing nothing', async () => {
    kmsMock.on(GenerateDataKeyCommand).resolves({ Plaintext: new Uint8Array(16), CiphertextBlob: new Uint8Array([1]) });
    await expect(
      storeWithKms().append('referral-kms000004', 'no-stream', [sampleEvents.ReferralRouted], options),
    ).rejects.toBeInstanceOf(KeyProviderError);
    expect(writesSent()).toBe(0);
  });

  it('unwraps with the same encryption context it wrapped with', async () => {
    dynamoMock.on(QueryCommand, { TableName: 'test-events' }).resolves({
      Items: [
        { streamId: { S: 'referral-kms000005' }, version: { N: '1' }, dataKey: { B: new Uint8Array([4, 5, 6]) } },
      ],
    });
    kmsMock.on(DecryptCommand).resolves({ Plaintext: new Uint8Array(32).fill(2) });
    dynamoMock.on(PutItemCommand).resolves({});
    expect(await storeWithKms().append('referral-kms000005', 1, [sampleEvents.SupportReviewed], options)).toMatchObject(
      { firstVersion: 2 },
    );
    expect(kmsMock.commandCalls(DecryptCommand)[0]?.args[0].input).toEqual({
      KeyId: keyId,
      CiphertextBlob: new Uint8Array([4, 5, 6]),
      EncryptionContext: { service: 'prevent-referral-routing', streamId: 'referral-kms000005' },
    });
  });
});
