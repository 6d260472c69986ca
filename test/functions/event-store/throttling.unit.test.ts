// Throttling cannot be produced on demand by DynamoDB Local, so these tests put a fake HTTP
// handler under the real SDK client: the client's own retry strategy (configured by
// createEventStoreDynamoClient) retries with backoff; the store turns what is left after the
// last attempt into a plain EventStoreThrottledError. (aws-sdk-client-mock replaces `send`
// and so skips the SDK's retry middleware: it cannot show retries.)
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDataKeys } from '../../../functions/event-store/data-keys.js';
import { createEventStoreDynamoClient } from '../../../functions/event-store/dynamo-client.js';
import { EventStoreThrottledError } from '../../../functions/event-store/errors.js';
import { createEventStore } from '../../../functions/event-store/event-store.js';
import { createLocalKeyProvider } from '../../../functions/event-store/local-key-provider.js';
import { sampleEvents } from '../../events/sample-events.js';

type Answer = { status: number; body: unknown; errorType?: string };

function fakeDynamoDb(answers: Answer[]) {
  const seen: { target: string; at: number }[] = [];
  const requestHandler = {
    async handle(request: { headers: Record<string, string> }) {
      seen.push({ target: request.headers['x-amz-target'] ?? '', at: performance.now() });
      const answer = answers.shift() ?? { status: 500, body: { message: 'no more answers' } };
      return {
        response: {
          statusCode: answer.status,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
          },
          body: Readable.from([Buffer.from(JSON.stringify(answer.body))]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  return { requestHandler, seen };
}

const throttled = (type: string): Answer => ({
  status: 400,
  errorType: type,
  body: { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: 'Rate exceeded' },
});
const putOk: Answer = { status: 200, body: {} };

function storeOn(answers: Answer[], maxAttempts?: number) {
  const fake = fakeDynamoDb(answers);
  const client = createEventStoreDynamoClient({
    region: 'eu-west-2',
    endpoint: 'http://dynamodb.test',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: fake.requestHandler,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
  const keys = createDataKeys({
    client,
    eventsTableName: 'test-events',
    keyProvider: createLocalKeyProvider(new Uint8Array(32).fill(7)),
    now: () => new Date(),
  });
  return { store: createEventStore({ client, tableName: 'test-events', keys }), seen: fake.seen };
}

const options = {
  commandId: 'cmd-1',
  actor: { organisation: 'police:E23000014', user: 'router', role: 'system' as const },
  correlationId: 'c-1',
  occurredAt: '2025-01-06T09:00:00Z',
};

describe('throttled appends', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException'])(
    '%s is retried by the client backoff strategy, then the append succeeds',
    async (errorType) => {
      const { store, seen } = storeOn([throttled(errorType), throttled(errorType), putOk]);
      const result = await store.append('referral-throttle01', 'no-stream', [sampleEvents.ReferralDelivered], options);
      expect(result).toEqual({ streamId: 'referral-throttle01', firstVersion: 1, lastVersion: 1, replayed: false });
      expect(seen.map((s) => s.target)).toEqual(Array.from({ length: 3 }, () => 'DynamoDB_20120810.PutItem'));
    },
  );

  it('gives up after the bound with a plain error that says nothing was written', async () => {
    const { store, seen } = storeOn(
      [throttled('ProvisionedThroughputExceededException'), throttled('ProvisionedThroughputExceededException'), putOk],
      2,
    );
    const failure = await store
      .append('referral-throttle02', 'no-stream', [sampleEvents.ReferralDelivered], options)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EventStoreThrottledError);
    expect(failure).toMatchObject({ streamId: 'referral-throttle02', attempts: 2 });
    expect((failure as Error).message).toBe(
      'DynamoDB throttled the request for stream referral-throttle02 2 times in a row; nothing was written, try again shortly',
    );
    expect(seen).toHaveLength(2);
  });

  it('reads are retried the same way', async () => {
    const { store, seen } = storeOn([throttled('ThrottlingException'), { status: 200, body: { Items: [], Count: 0 } }]);
    expect(await store.read('referral-throttle03')).toEqual([]);
    expect(seen.map((s) => s.target)).toEqual(['DynamoDB_20120810.Query', 'DynamoDB_20120810.Query']);
  });
});
