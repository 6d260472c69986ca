import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AwsClientName,
  awsClients,
  createAwsClients,
  dynamo,
  longPollingSqs,
} from '../../../functions/composition/clients.js';
import { SQS_LONGEST_WAIT_MS, sdkTimeoutDefaults } from '../../../functions/composition/client-timeouts.js';
import {
  ConfigurationError,
  readSdkTimeouts,
  readServiceConfig,
} from '../../../functions/composition/service-config.js';
import { cognitoClient } from '../../../functions/api/shared/people-composition.js';
import { dynamoStreamsClient } from '../../../local/dynamodb-streams-client.js';
import { type FunctionEntry, functionCatalogue } from '../../../infra/function-catalogue.js';

const config = { AWS_REGION: 'eu-west-2', DYNAMODB_ENDPOINT: 'http://localhost:1' };
const localEnvironment = {
  SERVICE_PREFIX: 'unit',
  QUEUE_URL_BASE: 'http://localhost:1/queue/',
  KEY_PROVIDER: 'local',
  LOCAL_MASTER_KEY: Buffer.alloc(32).toString('base64'),
  MAIL_FROM: 'no-reply@prevent.localhost',
  PUBLIC_BASE_URL: 'http://localhost:3000',
};
const root = join(import.meta.dirname, '..', '..', '..');

describe('the clients a function asks for', () => {
  it('are built on first use, once, and a client not asked for is refused in plain words', () => {
    let built = 0;
    const clients = awsClients(config, {
      dynamo: (c) => {
        built += 1;
        return dynamo(c);
      },
    });
    expect(built).toBe(0);
    const first = clients.dynamo;
    expect(first).toBeInstanceOf(DynamoDBClient);
    expect(clients.dynamo).toBe(first);
    expect(built).toBe(1);
    expect(() => clients.kms).toThrow(ConfigurationError);
    expect(() => clients.sqs).toThrow('this function was not given the sqs client it asks for');
  });

  it('are all there for the local stack and the tools', () => {
    const clients = createAwsClients(config);
    for (const client of Object.values(clients)) {
      expect(typeof client.send).toBe('function');
      client.destroy();
    }
  });

  it("carry no SDK logger middleware (it filters every answer for a logger nobody gave them), and keep the rest of the SDK's stack", () => {
    const bare = new DynamoDBClient(config);
    expect(bare.middlewareStack.identify().some((entry) => entry.startsWith('loggerMiddleware'))).toBe(true);
    const clients = createAwsClients(config);
    for (const client of Object.values(clients)) {
      const names = client.middlewareStack.identify();
      expect(names.some((entry: string) => entry.startsWith('loggerMiddleware'))).toBe(false);
      expect(names.some((entry: string) => entry.startsWith('retryMiddleware'))).toBe(true);
      client.destroy();
    }
    bare.destroy();
  });

  /** The clients a function's grants let it use (infra/function-catalogue.ts): it must ask for exactly these. */
  function granted(entry: FunctionEntry): AwsClientName[] {
    const names: AwsClientName[] = ['dynamo'];
    if (entry.personalDataKey !== 'none') names.push('kms');
    // A consumer of the destination queues is granted what their event source mappings ask
    // (infra/destinations.ts SQS_CONSUME_ACTIONS), ChangeMessageVisibility among them: the delivery
    // function hides a failed message for longer itself (functions/delivery/message-visibility.ts).
    const consumesQueues = entry.trigger.kind === 'destination-queues';
    if (
      consumesQueues ||
      entry.uses.some((use) => ['destination-queues', 'queue-lookup', 'health-probes'].includes(use))
    )
      names.push('sqs');
    if (entry.uses.some((use) => ['mail', 'health-probes'].includes(use))) names.push('ses');
    return names.sort();
  }

  it.each(functionCatalogue.map((entry) => [entry.id, entry] as const))(
    'of %s are exactly those its grants allow',
    (_id, entry) => {
      const source = readFileSync(join(root, entry.entry), 'utf8');
      const asked = /awsClients\(config, \{([^}]*)\}\)/.exec(source)?.[1];
      expect(asked, `${entry.entry} builds its clients with awsClients(config, { ... })`).toBeDefined();
      expect(source).not.toContain('createAwsClients');
      const names = (asked as string)
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .sort();
      expect(names).toEqual(granted(entry));
    },
  );
});

/** What a built client's request handler (a NodeHttpHandler made from its options) will use. */
async function handlerTimeouts(client: { config: { requestHandler: unknown } }) {
  const handler = client.config.requestHandler as {
    configProvider: Promise<{
      connectionTimeout?: number;
      requestTimeout?: number;
      throwOnRequestTimeout?: boolean;
      httpAgent?: unknown;
      httpAgentProvider?: () => Promise<{ keepAlive: boolean; maxSockets: number }>;
    }>;
  };
  expect(handler.constructor.name).toBe('NodeHttpHandler');
  return handler.configProvider;
}

describe('every client the service builds gives a request up instead of waiting for ever', () => {
  it.each([
    ['dynamo', 2_000, 3_000],
    ['sqs', 2_000, 5_000],
    ['ses', 2_000, 10_000],
    ['kms', 2_000, 3_000],
  ] as const)(
    '%s: connection %i ms, request %i ms by default, and a timeout throws',
    async (name, connect, request) => {
      const clients = createAwsClients(config);
      const timeouts = await handlerTimeouts(clients[name]);
      expect(timeouts).toMatchObject({
        connectionTimeout: connect,
        requestTimeout: request,
        throwOnRequestTimeout: true,
      });
      clients[name].destroy();
    },
  );

  it('takes its timeouts from the configuration', async () => {
    const configured = readServiceConfig({
      ...localEnvironment,
      SDK_CONNECTION_TIMEOUT_MS: '700',
      DYNAMODB_REQUEST_TIMEOUT_MS: '1500',
      SQS_REQUEST_TIMEOUT_MS: '2500',
      SES_REQUEST_TIMEOUT_MS: '3500',
      KMS_REQUEST_TIMEOUT_MS: '4500',
      COGNITO_REQUEST_TIMEOUT_MS: '5500',
    });
    const clients = createAwsClients(configured);
    expect(await handlerTimeouts(clients.dynamo)).toMatchObject({ connectionTimeout: 700, requestTimeout: 1500 });
    expect(await handlerTimeouts(clients.sqs)).toMatchObject({ connectionTimeout: 700, requestTimeout: 2500 });
    expect(await handlerTimeouts(clients.ses)).toMatchObject({ connectionTimeout: 700, requestTimeout: 3500 });
    expect(await handlerTimeouts(clients.kms)).toMatchObject({ connectionTimeout: 700, requestTimeout: 4500 });
    const cognito = cognitoClient(configured);
    expect(await handlerTimeouts(cognito)).toMatchObject({ connectionTimeout: 700, requestTimeout: 5500 });
    const poller = longPollingSqs(configured);
    expect(await handlerTimeouts(poller)).toMatchObject({ connectionTimeout: 700, requestTimeout: 20_000 + 2500 });
    for (const client of [...Object.values(clients), cognito, poller]) client.destroy();
  });

  it('refuses a timeout that is not a whole number of milliseconds from 100 up, naming it', () => {
    expect(() => readServiceConfig({ ...localEnvironment, DYNAMODB_REQUEST_TIMEOUT_MS: '0' })).toThrow(
      'check DYNAMODB_REQUEST_TIMEOUT_MS',
    );
    expect(() => readServiceConfig({ ...localEnvironment, SES_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(
      'check SES_REQUEST_TIMEOUT_MS',
    );
    // The timeouts alone (the local stack's long-polling client, built before the rest is known).
    expect(readSdkTimeouts({})).toEqual(sdkTimeoutDefaults);
    expect(readSdkTimeouts({ SQS_REQUEST_TIMEOUT_MS: '900' }).SQS_REQUEST_TIMEOUT_MS).toBe(900);
    expect(() => readSdkTimeouts({ SQS_REQUEST_TIMEOUT_MS: '1e9' })).toThrow('check SQS_REQUEST_TIMEOUT_MS');
  });

  it("keeps the SES client's connection per send (decision 0019) and its single attempt", async () => {
    const clients = createAwsClients(config);
    const timeouts = await handlerTimeouts(clients.ses);
    expect(timeouts.httpAgentProvider).toBeDefined();
    const agent = await (timeouts.httpAgentProvider as () => Promise<{ keepAlive: boolean }>)();
    expect(agent.keepAlive).toBe(false);
    expect(await clients.ses.config.maxAttempts()).toBe(1);
    clients.ses.destroy();
  });

  it('the Cognito client (people pages) and the long-polling SQS client are bounded too, a long poll never cut short', async () => {
    const cognito = cognitoClient({ AWS_REGION: 'eu-west-2', ...sdkTimeoutDefaults });
    expect(await handlerTimeouts(cognito)).toMatchObject({
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      throwOnRequestTimeout: true,
    });
    const poller = longPollingSqs(config, 64);
    const timeouts = await handlerTimeouts(poller);
    expect(timeouts).toMatchObject({ connectionTimeout: 2_000, throwOnRequestTimeout: true });
    expect(timeouts.requestTimeout).toBeGreaterThan(SQS_LONGEST_WAIT_MS);
    const agent = await (timeouts.httpAgentProvider as () => Promise<{ keepAlive: boolean; maxSockets: number }>)();
    expect(agent).toMatchObject({ keepAlive: true, maxSockets: 64 });
    const streams = dynamoStreamsClient(config);
    expect(await handlerTimeouts(streams)).toMatchObject({ connectionTimeout: 2_000, requestTimeout: 3_000 });
    expect(streams.middlewareStack.identify().some((entry) => entry.startsWith('loggerMiddleware'))).toBe(false);
    for (const client of [cognito, poller, streams]) client.destroy();
  });
});
