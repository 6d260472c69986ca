// AWS SDK clients, built once per process from the configuration (endpoints only locally). A
// function asks for the clients it uses and no others (its Lambda entry names their makers:
// `awsClients(config, { dynamo, kms })`), so its bundle carries only those SDK packages (they have
// no side effects: esbuild drops the others) and its cold start builds only those, each on first
// use. The local stack, the command-line tools and the tests take every client
// (`createAwsClients`).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type SdkTimeouts, type TimedClient, timeoutsFor } from './client-timeouts.js';
import { ConfigurationError, type ServiceConfig } from './service-config.js';

export interface AwsClients {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  ses: SESv2Client;
  kms: KMSClient;
}
export type AwsClientName = keyof AwsClients;

/**
 * The region, the local endpoints and the timeouts matter here; the timeouts take their defaults
 * where not given (the dead-letters command's --cloud gives only the region).
 */
export type ClientConfig = Pick<ServiceConfig, 'AWS_REGION' | 'DYNAMODB_ENDPOINT' | 'SQS_ENDPOINT' | 'SES_ENDPOINT'> &
  Partial<SdkTimeouts>;

/** How each client is built; a function passes only the makers of the clients it uses. */
export type ClientMakers = { [Name in AwsClientName]?: (config: ClientConfig) => AwsClients[Name] };

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Takes the SDK's logger middleware off a client. It filters every request and answer for a
 * logger (walking the whole answer against its schema to mask sensitive members) even when the
 * client has none: about 8% of the CPU of a triage-queue read, measured (bench/api.bench.ts).
 * The service gives its clients no logger and logs what it does itself (functions/observability).
 */
export function withoutSdkLogging<Client extends { middlewareStack: { remove(name: string): boolean } }>(
  client: Client,
): Client {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
const at = (endpoint: string | undefined) => (endpoint ? { endpoint, credentials: localCredentials } : {});
/** A client's connection and request timeouts (functions/composition/client-timeouts.ts), from the configuration. */
export const bounded = (client: TimedClient, config: ClientConfig) => timeoutsFor(client, config);

export const dynamo = (config: ClientConfig): DynamoDBClient =>
  withoutSdkLogging(
    new DynamoDBClient({
      region: config.AWS_REGION,
      maxAttempts: 5,
      requestHandler: bounded('dynamodb', config),
      ...at(config.DYNAMODB_ENDPOINT),
    }),
  );
export const sqs = (config: ClientConfig): SQSClient =>
  withoutSdkLogging(
    new SQSClient({ region: config.AWS_REGION, requestHandler: bounded('sqs', config), ...at(config.SQS_ENDPOINT) }),
  );
/**
 * The client that long-polls queues (the local stack's queue pollers; in the cloud Lambda's event
 * source mappings poll): its request timeout is above the longest wait SQS allows, so a
 * ReceiveMessage that waits 20 s for a message is never cut short; a poller holds a long poll
 * open per queue, so it has room for many connections.
 */
export const longPollingSqs = (config: ClientConfig, connections = 1024): SQSClient =>
  withoutSdkLogging(
    new SQSClient({
      region: config.AWS_REGION,
      requestHandler: { ...bounded('sqs-long-poll', config), httpAgent: { keepAlive: true, maxSockets: connections } },
      ...at(config.SQS_ENDPOINT),
    }),
  );
// The SDK would send a mail again after a timeout that came after SES took it (SendEmail has no
// idempotency token): the mailer retries only what SES refused (functions/messaging/ses-answer.ts).
// Each send opens its own connection: a kept-alive one can be closed by the server just as a
// request goes out on it, a reset that cannot be told from one after SES took the mail (the
// 1000-referral soak lost seven notices so). A few mails a referral need no connection reuse.
const SES_CONNECTIONS = { httpAgent: { keepAlive: false }, httpsAgent: { keepAlive: false } };
// A send that times out is given up at once (maxAttempts 1) and recorded as outcome unknown.
export const ses = (config: ClientConfig): SESv2Client =>
  withoutSdkLogging(
    new SESv2Client({
      region: config.AWS_REGION,
      maxAttempts: 1,
      requestHandler: { ...SES_CONNECTIONS, ...bounded('ses', config) },
      ...at(config.SES_ENDPOINT),
    }),
  );
export const kms = (config: ClientConfig): KMSClient =>
  withoutSdkLogging(new KMSClient({ region: config.AWS_REGION, requestHandler: bounded('kms', config) }));

/**
 * The clients `makers` can build, each built on first use and the same object afterwards. Asking
 * for one the function was not given is a configuration error naming it (the function's entry
 * must add its maker, and its grants in infra/function-catalogue.ts must allow the calls).
 */
export function awsClients(config: ClientConfig, makers: ClientMakers): AwsClients {
  const built: Partial<AwsClients> = {};
  const clients = {} as AwsClients;
  for (const name of ['dynamo', 'sqs', 'ses', 'kms'] as const) {
    Object.defineProperty(clients, name, {
      enumerable: true,
      get() {
        const made = built[name];
        if (made) return made;
        const make = makers[name] as ((config: ClientConfig) => AwsClients[typeof name]) | undefined;
        if (!make) throw new ConfigurationError(`this function was not given the ${name} client it asks for`);
        const client = make(config);
        (built as Record<AwsClientName, unknown>)[name] = client;
        return client;
      },
    });
  }
  return clients;
}

/** Every client (the local stack, the command-line tools, the tests). */
export function createAwsClients(config: ClientConfig): AwsClients {
  return awsClients(config, { dynamo, sqs, ses, kms });
}
