// KMS has no local engine: aws-sdk-client-mock stands in for it.
import { GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsClients, dynamo, kms } from '../../../functions/composition/clients.js';
import { createKeyProvider } from '../../../functions/composition/event-store.js';
import { ConfigurationError, readServiceConfig } from '../../../functions/composition/service-config.js';

const kmsMock = mockClient(KMSClient);
const config = readServiceConfig({
  SERVICE_PREFIX: 'prevent-test',
  QUEUE_URL_BASE: 'https://sqs.eu-west-2.amazonaws.com/111122223333/',
  KEY_PROVIDER: 'kms',
  PERSONAL_DATA_KEY_ID: 'arn:aws:kms:eu-west-2:111122223333:key/referrals',
  MAIL_FROM: 'prevent@example.gov.uk',
  PUBLIC_BASE_URL: 'https://prevent.example.gov.uk',
});

describe('the key provider of a function whose keys are in KMS', () => {
  beforeEach(() => kmsMock.reset());

  it('asks for the KMS client at the first key, not when it is composed', async () => {
    let built = 0;
    const clients = awsClients(config, {
      dynamo,
      kms: (c) => {
        built += 1;
        return kms(c);
      },
    });
    kmsMock.on(GenerateDataKeyCommand).resolves({
      Plaintext: new Uint8Array(32).fill(7),
      CiphertextBlob: new Uint8Array([1, 2, 3]),
      KeyId: config.PERSONAL_DATA_KEY_ID,
    });
    const keys = createKeyProvider(config, clients);
    expect(built).toBe(0);
    const key = await keys.generateDataKey('referral-1');
    expect(key.plaintext).toHaveLength(32);
    await keys.generateDataKey('referral-2');
    expect(built).toBe(1);
    expect(kmsMock.commandCalls(GenerateDataKeyCommand)).toHaveLength(2);
  });

  it('composes without a KMS client in a function that has none, and refuses to make a key there', async () => {
    const keys = createKeyProvider(config, awsClients(config, { dynamo }));
    await expect(keys.generateDataKey('referral-1')).rejects.toThrow(ConfigurationError);
    await expect(keys.unwrapDataKey('referral-1', new Uint8Array([1]))).rejects.toThrow(ConfigurationError);
    expect(kmsMock.calls()).toHaveLength(0);
  });
});
