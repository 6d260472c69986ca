import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type APIGatewayProxyEventV2 } from 'aws-lambda';
import { startHttpAdapter, type LocalHttpServer } from '../../../local/http-adapter.js';

const seen: APIGatewayProxyEventV2[] = [];
let server: LocalHttpServer;

beforeAll(async () => {
  const echo = async (event: APIGatewayProxyEventV2) => {
    seen.push(event);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ routeKey: event.routeKey }) };
  };
  server = await startHttpAdapter([
    { method: 'GET', path: '/referrals/{referralId}', handler: echo },
    { method: 'GET', path: '/referrals/{referralId}/timeline', handler: echo },
    { method: 'POST', path: '/referrals', handler: echo },
    { method: 'GET', path: '/statistics/{table}', handler: echo },
  ]);
});
afterAll(async () => server.close());

describe('local HTTP adapter', () => {
  it('fills routeKey, path parameters, query parameters, headers and body as API Gateway does', async () => {
    const res = await fetch(`${server.url}/referrals/ref-123/timeline?x=1&x=2&y=z`, { headers: { 'X-Correlation-Id': 'abcdefgh1' } });
    expect(await res.json()).toEqual({ routeKey: 'GET /referrals/{referralId}/timeline' });
    const event = seen.at(-1)!;
    expect(event.pathParameters).toEqual({ referralId: 'ref-123' });
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: 'z' });
    expect(event.headers['x-correlation-id']).toBe('abcdefgh1');

    await fetch(`${server.url}/referrals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(seen.at(-1)).toMatchObject({ routeKey: 'POST /referrals', body: '{"a":1}', isBase64Encoded: false });
  });

  it('decodes path parameters and answers 404 and 405 for what no route takes', async () => {
    await fetch(`${server.url}/statistics/referrals-by-sector.csv`);
    expect(seen.at(-1)?.pathParameters).toEqual({ table: 'referrals-by-sector.csv' });
    expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${server.url}/referrals`, { method: 'DELETE' })).status).toBe(405);
  });
});
