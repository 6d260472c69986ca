// AWS SDK clients, built once per process from the configuration (endpoints only locally).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type ServiceConfig } from './service-config.js';

export interface AwsClients {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  ses: SESv2Client;
  kms: KMSClient;
}

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Only the region and the local endpoints matter here (the dead-letters command's --cloud gives no more). */
export function createAwsClients(
  config: Pick<ServiceConfig, 'AWS_REGION' | 'DYNAMODB_ENDPOINT' | 'SQS_ENDPOINT' | 'SES_ENDPOINT'>,
): AwsClients {
  const region = config.AWS_REGION;
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint, credentials: localCredentials } : {});
  return {
    dynamo: new DynamoDBClient({ region, maxAttempts: 5, ...at(config.DYNAMODB_ENDPOINT) }),
    sqs: new SQSClient({ region, ...at(config.SQS_ENDPOINT) }),
    // The SDK would send a mail again after a timeout that came after SES took it (SendEmail has no
    // idempotency token): the mailer retries only what SES refused (functions/messaging/ses-answer.ts).
    ses: new SESv2Client({ region, maxAttempts: 1, ...at(config.SES_ENDPOINT) }),
    kms: new KMSClient({ region }),
  };
}
