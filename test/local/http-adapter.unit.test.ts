import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type APIGatewayProxyEventV2 } from 'aws-lambda';
import { startHttpAdapter, type LocalHttpServer } from '../../local/http-adapter.js';

const seen: APIGatewayProxyEventV2[] = [];
let server: LocalHttpServer;

beforeAll(async () => {
  const echo = async (event: APIGatewayProxyEventV2) => {
    seen.push(event);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routeKey: event.routeKey }),
    };
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
    const res = await fetch(`${server.url}/referrals/ref-123/timeline?x=1&x=2&y=z`, {
      headers: { 'X-Correlation-Id': 'abcdefgh1' },
    });
    expect(await res.json()).toEqual({ routeKey: 'GET /referrals/{referralId}/timeline' });
    const event = seen.at(-1)!;
    expect(event.pathParameters).toEqual({ referralId: 'ref-123' });
    expect(event.queryStringParameters).toEqual({ x: '1,2', y: 'z' });
    expect(event.headers['x-correlation-id']).toBe('abcdefgh1');

    await fetch(`${server.url}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(seen.at(-1)).toMatchObject({ routeKey: 'POST /referrals', body: '{"a":1}', isBase64Encoded: false });
  });

  it('decodes path parameters and answers 404 and 405 for what no route takes', async () => {
    await fetch(`${server.url}/statistics/referrals-by-sector.csv`);
    expect(seen.at(-1)?.pathParameters).toEqual({ table: 'referrals-by-sector.csv' });
    expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${server.url}/referrals`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('local HTTP adapter under malformed requests', () => {
  async function rawRequest(path: string): Promise<{ status: number; contentType: string | null; body: string }> {
    // fetch normalises some paths; node:http sends the path exactly as given.
    const { request } = await import('node:http');
    const url = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  it.each(['/referrals/%ZZ', '/referrals/%E0%A4%A', '/referrals/abc%', '/statistics/%C0%AF', '//referrals/%ZZ'])(
    'answers %s with a 4xx problem and keeps serving',
    async (path) => {
      const answer = await rawRequest(path);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body).not.toContain('%ZZ');
      const healthy = await fetch(`${server.url}/referrals/still-here`);
      expect(healthy.status).toBe(200);
    },
  );

  it('answers 500 problem+json when a handler answers something the server cannot send, and keeps serving', async () => {
    const broken = await startHttpAdapter([
      {
        method: 'GET',
        path: '/bad-header',
        handler: async () => ({ statusCode: 200, headers: { 'x-bad': 'line\nbreak' }, body: 'x' }),
      },
      {
        method: 'GET',
        path: '/throws',
        handler: () => {
          throw new Error('synchronous failure');
        },
      },
    ]);
    try {
      for (const path of ['/bad-header', '/throws']) {
        const answer = await fetch(`${broken.url}${path}`);
        expect(answer.status).toBe(500);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
      }
      expect((await fetch(`${broken.url}/nothing`)).status).toBe(404);
    } finally {
      await broken.close();
    }
  });
});
