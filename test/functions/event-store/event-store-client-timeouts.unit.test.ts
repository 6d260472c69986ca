// The event store's DynamoDB client gives a hung request up like every other client (decision
// 0020): in front of a server that accepts connections and never answers, each attempt ends at
// the request timeout with a TimeoutError, instead of waiting as long as the socket stays open.
import { type Server, type Socket, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { type SdkTimeouts, sdkTimeoutDefaults } from '../../../functions/composition/client-timeouts.js';
import { createEventStoreDynamoClient } from '../../../functions/event-store/dynamo-client.js';

const REQUEST_MS = 300;

describe('the event store client, in front of a server that never answers', () => {
  const sockets: Socket[] = [];
  const silent: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  let endpoint = '';
  beforeAll(async () => {
    const port = await new Promise<number>((resolve) =>
      silent.listen({ port: 0, host: '127.0.0.1' }, () => resolve((silent.address() as { port: number }).port)),
    );
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const clientAt = (
    maxAttempts: number,
    timeouts: Partial<SdkTimeouts> = { DYNAMODB_REQUEST_TIMEOUT_MS: REQUEST_MS },
  ) =>
    createEventStoreDynamoClient(
      {
        region: 'eu-west-2',
        endpoint,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts,
      },
      timeouts,
    );

  async function failure(call: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
    const started = performance.now();
    try {
      await call();
    } catch (error) {
      return { error: error as Error, ms: performance.now() - started };
    }
    throw new Error('the call was answered');
  }

  it('gives an attempt up at the configured request timeout', async () => {
    const { error, ms } = await failure(() => clientAt(1).send(new DescribeTableCommand({ TableName: 'events' })));
    expect(error.name).toBe('TimeoutError');
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(ms).toBeLessThan(REQUEST_MS * 8);
  });

  it('retries a timed-out attempt, each one bounded', async () => {
    const before = sockets.length;
    const { error, ms } = await failure(() => clientAt(2).send(new DescribeTableCommand({ TableName: 'events' })));
    expect(error.name).toBe('TimeoutError');
    expect(sockets.length - before).toBeGreaterThanOrEqual(2);
    expect(ms).toBeGreaterThanOrEqual(2 * REQUEST_MS - 50);
  });

  it('has the DynamoDB default when the configuration gives none', async () => {
    const { error, ms } = await failure(() => clientAt(1, {}).send(new DescribeTableCommand({ TableName: 'events' })));
    expect(error.name).toBe('TimeoutError');
    expect(ms).toBeGreaterThanOrEqual(sdkTimeoutDefaults.DYNAMODB_REQUEST_TIMEOUT_MS - 50);
  }, 20_000);
});
