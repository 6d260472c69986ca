// The benches' request counter: one SDK middleware that counts every attempt a client sends, by
// service and operation, retries included (a fake HTTP handler under the real SDK client).
import { Readable } from 'node:stream';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { addCounts, createRequestCounter, describeCounts, perUnit } from '../../bench/request-counts.js';

function clientAnswering(statuses: number[]): DynamoDBClient {
  return new DynamoDBClient({
    region: 'eu-west-2',
    endpoint: 'http://dynamodb.test',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 3,
    requestHandler: {
      async handle() {
        const status = statuses.shift() ?? 200;
        return {
          response: {
            statusCode: status,
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              ...(status === 200 ? {} : { 'x-amzn-errortype': 'InternalServerError' }),
            },
            body: Readable.from([
              Buffer.from(
                JSON.stringify(
                  status === 200
                    ? {}
                    : { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'x' },
                ),
              ),
            ]),
          },
        };
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
    },
  });
}

const key = { pk: { S: 'a' } };

describe('request counts', () => {
  it('counts every request by service and operation, each retry too, and starts again from zero after take', async () => {
    const client = clientAnswering([500, 200]);
    const counter = createRequestCounter();
    counter.attach(client);
    counter.attach(client); // once per client, however often attached
    await client.send(new PutItemCommand({ TableName: 't', Item: key }));
    await client.send(new GetItemCommand({ TableName: 't', Key: key }));
    await client.send(new GetItemCommand({ TableName: 't', Key: key }));
    expect(counter.take()).toEqual({ 'DynamoDB.PutItem': 2, 'DynamoDB.GetItem': 2 });
    expect(counter.take()).toEqual({});
    client.destroy();
  });

  it('counts marked work apart as well, through every await inside it, and not what runs beside it', async () => {
    const client = clientAnswering([]);
    const counter = createRequestCounter();
    counter.attach(client);
    const beside = client.send(new PutItemCommand({ TableName: 't', Item: key }));
    await counter.within(async () => {
      await client.send(new GetItemCommand({ TableName: 't', Key: key }));
      await Promise.resolve();
      await client.send(new GetItemCommand({ TableName: 't', Key: key }));
    });
    await beside;
    expect(counter.takeWithin()).toEqual({ 'DynamoDB.GetItem': 2 });
    expect(counter.takeWithin()).toEqual({});
    expect(counter.take()).toEqual({ 'DynamoDB.PutItem': 1, 'DynamoDB.GetItem': 2 });
    await counter.within(() => client.send(new GetItemCommand({ TableName: 't', Key: key })));
    counter.take();
    expect(counter.takeWithin()).toEqual({});
    client.destroy();
  });

  it('gives requests per unit of work, largest first', () => {
    const counts = addCounts({ 'DynamoDB.PutItem': 12, 'DynamoDB.Query': 1 }, { 'DynamoDB.PutItem': 14 });
    expect(perUnit(counts, 26)).toEqual({ 'DynamoDB.PutItem': 1, 'DynamoDB.Query': 1 / 26 });
    expect(describeCounts(counts, 26)).toBe('1 DynamoDB.PutItem, 0.038 DynamoDB.Query');
    expect(describeCounts({}, 10)).toBe('none');
  });
});
