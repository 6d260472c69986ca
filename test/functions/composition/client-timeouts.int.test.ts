// No SDK client hangs for ever: clients built as the composition root builds them
// (functions/composition/clients.ts), in front of endpoints that never answer, give up within
// their configured bounds with a TimeoutError; a long poll is not cut short; and an event-store
// append whose answer was lost on the way back is retried by the SDK and answered with the first
// result, nothing written twice (against DynamoDB Local behind a proxy that swallows the answer).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createAwsClients, longPollingSqs } from '../../../functions/composition/clients.js';
import { createServiceEventStore } from '../../../functions/composition/event-store.js';
import { sdkTimeoutDefaults } from '../../../functions/composition/client-timeouts.js';
import { createEventStoreDynamoClient } from '../../../functions/event-store/dynamo-client.js';
import { readServiceConfig } from '../../../functions/composition/service-config.js';
import { sesFailure } from '../../../functions/messaging/ses-answer.js';
import { type SqsStandIn, startSqsStandIn } from '../../../local/sqs-stand-in.js';
import { sampleEvents } from '../../events/sample-events.js';
import { dynamoEndpointForTests, tableNamesForTests, uniqueStreamId } from '../../engines/local-engines.js';
import { streamItems } from '../../engines/raw-items.js';
import { dynamoClientForTests } from '../../engines/local-engines.js';
import { commandOptions } from '../event-store/referral-lifecycle.js';

const CONNECT_MS = 300;
const REQUEST_MS = 600;

/** The service's configuration with every engine at `endpoint` and short timeouts. */
function configAt(endpoint: string, overrides: Record<string, string> = {}) {
  return readServiceConfig({
    SERVICE_PREFIX: tableNamesForTests().prefix,
    DYNAMODB_ENDPOINT: endpoint,
    SQS_ENDPOINT: endpoint,
    SES_ENDPOINT: endpoint,
    QUEUE_URL_BASE: `${endpoint}/000000000000/`,
    KEY_PROVIDER: 'local',
    LOCAL_MASTER_KEY: randomBytes(32).toString('base64'),
    MAIL_FROM: 'no-reply@prevent.localhost',
    PUBLIC_BASE_URL: 'http://localhost:3000',
    SDK_CONNECTION_TIMEOUT_MS: String(CONNECT_MS),
    DYNAMODB_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    SQS_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    SES_REQUEST_TIMEOUT_MS: String(REQUEST_MS),
    ...overrides,
  });
}

/** Rejects with what `call` threw, and how long it took. */
async function failure(call: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const started = performance.now();
  try {
    await call();
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
  throw new Error('the call was answered');
}

const mail = () =>
  new SendEmailCommand({
    FromEmailAddress: 'no-reply@prevent.localhost',
    Destination: { ToAddresses: ['hub@prevent.localhost'] },
    Content: { Simple: { Subject: { Data: 'A referral' }, Body: { Text: { Data: 'A referral' } } } },
  });

const listening = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen({ port: 0, host: '127.0.0.1' }, () => resolve((server.address() as { port: number }).port)),
  );

describe('a server that accepts connections and never answers', () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  let endpoint = '';
  beforeAll(async () => {
    endpoint = `http://127.0.0.1:${await listening(silent)}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('a DynamoDB call times out after each of its attempts, then fails with a TimeoutError, bounded', async () => {
    const clients = createAwsClients(configAt(endpoint));
    const before = sockets.length;
    const { error, ms } = await failure(() => clients.dynamo.send(new DescribeTableCommand({ TableName: 'any' })));
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toContain(`${REQUEST_MS} ms requestTimeout`);
    // Five attempts (the client's maxAttempts), each cut at the request timeout, with the SDK's backoff between.
    expect(sockets.length - before).toBe(5);
    expect(ms).toBeGreaterThanOrEqual(5 * REQUEST_MS - 50);
    expect(ms).toBeLessThan(5 * REQUEST_MS + 5 * 1_000);
    clients.dynamo.destroy();
  });

  it("the event store's own client (createEventStoreDynamoClient) is bounded the same way, configured or by default", async () => {
    const at = { region: 'eu-west-2', endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const configured = createEventStoreDynamoClient(
      { ...at, maxAttempts: 2 },
      { DYNAMODB_REQUEST_TIMEOUT_MS: REQUEST_MS },
    );
    const before = sockets.length;
    const timedOut = await failure(() => configured.send(new DescribeTableCommand({ TableName: 'any' })));
    expect(timedOut.error.name).toBe('TimeoutError');
    expect(sockets.length - before).toBe(2);
    expect(timedOut.ms).toBeGreaterThanOrEqual(2 * REQUEST_MS - 50);
    expect(timedOut.ms).toBeLessThan(2 * REQUEST_MS + 2 * 1_000);
    configured.destroy();
    // Without a configuration: the DynamoDB default (3 s), one attempt.
    const byDefault = createEventStoreDynamoClient({ ...at, maxAttempts: 1 });
    const defaulted = await failure(() => byDefault.send(new DescribeTableCommand({ TableName: 'any' })));
    expect(defaulted.error.name).toBe('TimeoutError');
    expect(defaulted.ms).toBeGreaterThanOrEqual(sdkTimeoutDefaults.DYNAMODB_REQUEST_TIMEOUT_MS - 50);
    expect(defaulted.ms).toBeLessThan(sdkTimeoutDefaults.DYNAMODB_REQUEST_TIMEOUT_MS + 2_000);
    byDefault.destroy();
  }, 20_000);

  it('an SES send is tried once and fails with a TimeoutError after the request timeout (outcome unknown to the mailer)', async () => {
    const clients = createAwsClients(configAt(endpoint));
    const before = sockets.length;
    const { error, ms } = await failure(() => clients.ses.send(mail()));
    expect(error.name).toBe('TimeoutError');
    // No answer in time: SES may have taken the mail, so the mailer records it unknown and never sends it again.
    expect(sesFailure(error)).toBe('outcome-unknown');
    expect(sockets.length - before).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(ms).toBeLessThan(REQUEST_MS + 1_500);
    clients.ses.destroy();
  });
});

describe('a server that never accepts a connection (its accept queue full)', () => {
  let child: ChildProcess;
  const fillers: Socket[] = [];
  let endpoint = '';
  beforeAll(async () => {
    // A listener with a backlog of 1 whose process never accepts (its event loop blocked): the
    // kernel completes the first handshakes into the queue, then drops further connection attempts.
    child = spawn(
      process.execPath,
      [
        '-e',
        `const s = require('node:net').createServer();
         s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
           process.stdout.write(s.address().port + '\\n');
           setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 50);
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const port = await new Promise<number>((resolve) =>
      child.stdout?.once('data', (data: Buffer) => resolve(Number(String(data).trim()))),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (let filled = 0; filled < 16; filled += 1) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      fillers.push(socket);
      const connected = await Promise.race([
        new Promise<boolean>((resolve) => socket.once('connect', () => resolve(true))),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
      ]);
      if (!connected) break;
    }
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    for (const socket of fillers) socket.destroy();
    child.kill('SIGKILL');
  });

  it('a connection attempt is given up after the connection timeout, every attempt, and the call fails', async () => {
    const clients = createAwsClients(configAt(endpoint, { DYNAMODB_REQUEST_TIMEOUT_MS: '30000' }));
    const { error, ms } = await failure(() => clients.dynamo.send(new DescribeTableCommand({ TableName: 'any' })));
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toContain(
      `did not establish a connection with the server within the configured timeout of ${CONNECT_MS} ms`,
    );
    // Five attempts cut at the connection timeout, far sooner than the 30 s request timeout.
    expect(ms).toBeGreaterThanOrEqual(5 * CONNECT_MS - 50);
    expect(ms).toBeLessThan(5 * CONNECT_MS + 5 * 1_000);
    clients.dynamo.destroy();
  });

  it('an SES send that never got a connection is known never sent (the mailer may send it again)', async () => {
    const clients = createAwsClients(configAt(endpoint, { SES_REQUEST_TIMEOUT_MS: '30000' }));
    const { error, ms } = await failure(() => clients.ses.send(mail()));
    expect(error.name).toBe('TimeoutError');
    expect(sesFailure(error)).toBe('refused');
    expect(ms).toBeLessThan(CONNECT_MS + 1_500);
    clients.ses.destroy();
  });
});

describe('a long poll', () => {
  let sqs: SqsStandIn;
  beforeAll(async () => {
    sqs = await startSqsStandIn();
  });
  afterAll(() => sqs.stop());

  it('waits its whole WaitTimeSeconds with the long-polling client, where the ordinary client would cut it at its request timeout', async () => {
    const config = configAt(sqs.endpoint);
    const clients = createAwsClients(config);
    const poller = longPollingSqs(config);
    const queue = await clients.sqs.send(
      new CreateQueueCommand({ QueueName: `long-poll-${randomBytes(4).toString('hex')}` }),
    );
    const receive = new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 2 });
    const started = performance.now();
    const answer = await poller.send(receive);
    expect(answer.Messages ?? []).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
    const { error } = await failure(() =>
      clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 2 }), {
        requestTimeout: REQUEST_MS,
      }),
    );
    expect(error.name).toBe('TimeoutError');
    poller.destroy();
    clients.sqs.destroy();
  });
});

describe('an append whose answer never came back', () => {
  /** Forwards to DynamoDB Local; swallows the answer to the first request carrying `marker`, once. */
  function swallowingProxy(target: URL, marker: string) {
    /** The operation (X-Amz-Target) of each request carrying the marker, in order; the first one's answer is swallowed. */
    const seen: string[] = [];
    const open: Socket[] = [];
    const server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      open.push(client, upstream);
      let sent = '';
      let swallowing = false;
      client.on('data', (chunk: Buffer) => {
        sent += chunk.toString('latin1');
        const at = sent.indexOf(marker);
        if (at !== -1) {
          const operations = [...sent.slice(0, at).matchAll(/x-amz-target: DynamoDB_\d+\.(\w+)/gi)];
          seen.push(operations.at(-1)?.[1] ?? 'unknown');
          sent = '';
          if (seen.length === 1) swallowing = true;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!swallowing) client.write(chunk);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    return {
      server,
      seen: () => seen,
      close: async () => {
        for (const socket of open) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it('is retried after the request timeout and answered with the first result, the events written once', async () => {
    const streamId = uniqueStreamId();
    const options = commandOptions(`lost-answer-${randomBytes(4).toString('hex')}`);
    const proxy = swallowingProxy(new URL(dynamoEndpointForTests()), options.commandId);
    const endpoint = `http://127.0.0.1:${await listening(proxy.server)}`;
    const config = configAt(endpoint);
    const clients = createAwsClients(config);
    const store = createServiceEventStore(config, clients);
    const direct = dynamoClientForTests();
    try {
      const started = performance.now();
      const result = await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], options);
      const ms = performance.now() - started;
      // The first attempt took effect and its answer was lost: the SDK gave up on it after the
      // request timeout and sent it again; the store recognised its own command in the refusal.
      const [write, retry] = proxy.seen();
      expect(['PutItem', 'TransactWriteItems']).toContain(write);
      expect(retry).toBe(write);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
      expect(result).toMatchObject({ streamId, firstVersion: 1, lastVersion: 1 });
      const items = await streamItems(direct, tableNamesForTests().events, streamId);
      expect(items.filter((item) => item.commandId?.S === options.commandId)).toHaveLength(1);
      const events = await store.read(streamId);
      expect(events.map((event) => event.type)).toEqual(['ReferralSubmitted']);
      // The same command once more (a client's own retry) is the first result again, nothing written.
      expect(await store.append(streamId, 'no-stream', [sampleEvents.ReferralSubmitted], options)).toEqual({
        ...result,
        replayed: true,
      });
      expect(await streamItems(direct, tableNamesForTests().events, streamId)).toHaveLength(items.length);
    } finally {
      direct.destroy();
      for (const client of Object.values(clients)) client.destroy();
      await proxy.close();
    }
  });
});
