import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createRouteGroup, MAX_BODY_BYTES } from '../../../functions/http/route-group.js';
import { defineRoute } from '../../../functions/http/route.js';
import { openApiDocument } from '../../../functions/http/openapi.js';
import { problems } from '../../../functions/http/problem.js';
import { createDevIdentity, type DevIdentity } from '../../../local/dev-identity.js';
import { findPersona } from '../../../local/personas.js';

const written: unknown[] = [];
const routes = [
  defineRoute({
    method: 'POST',
    path: '/notes',
    operationId: 'addNote',
    summary: 'Add a note',
    tags: ['test'],
    access: 'signed-in',
    body: z.strictObject({ name: z.string().max(20), age: z.number().int() }),
    responses: { 201: { description: 'Created', schema: z.object({ id: z.string() }) } },
    handle: async ({ body, viewer }) => {
      written.push({ body, organisation: viewer?.organisation });
      return { status: 201, body: { id: 'n1' } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/notes/{noteId}',
    operationId: 'getNote',
    summary: 'Read a note',
    tags: ['test'],
    access: 'public',
    params: z.strictObject({ noteId: z.string().regex(/^n[0-9]+$/, 'a note id looks like n1') }),
    responses: { 200: { description: 'The note' } },
    handle: async ({ params }) => {
      if (params.noteId === 'n9') throw problems.conflict('Someone else changed it.', 7);
      if (params.noteId === 'n8') throw new Error('database exploded for Jane Doe');
      return { status: 200, body: { id: params.noteId } };
    },
  }),
];

let identity: DevIdentity;
let handler: ReturnType<typeof createRouteGroup>;
let token: string;
beforeAll(async () => {
  identity = await createDevIdentity();
  handler = createRouteGroup(routes, { identity: identity.config, newCorrelationId: () => 'corr-test-1' });
  token = await identity.issue(findPersona('wm-officer')!);
});

function event(
  routeKey: string,
  init: { body?: string; headers?: Record<string, string>; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: '/',
    rawQueryString: '',
    headers: init.headers ?? {},
    pathParameters: init.pathParameters,
    body: init.body,
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1' } as APIGatewayProxyEventV2['requestContext'],
  };
}

async function call(
  e: APIGatewayProxyEventV2,
): Promise<APIGatewayProxyStructuredResultV2 & { json: Record<string, unknown> }> {
  const result = (await handler(e, {} as Context)) as APIGatewayProxyStructuredResultV2;
  return { ...result, json: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {} };
}

const json = { 'content-type': 'application/json' };

describe('route group', () => {
  it('handles a valid signed-in request and adds security headers and the correlation id', async () => {
    const res = await call(
      event('POST /notes', { body: '{"name":"a","age":3}', headers: { ...json, Authorization: `Bearer ${token}` } }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json).toEqual({ id: 'n1' });
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-correlation-id': 'corr-test-1',
      'strict-transport-security': expect.stringContaining('max-age'),
    });
    expect(written.at(-1)).toEqual({ body: { name: 'a', age: 3 }, organisation: 'police:E23000014' });
  });

  it('answers 401 without a token and writes nothing', async () => {
    const before = written.length;
    const res = await call(event('POST /notes', { body: '{"name":"a","age":3}', headers: json }));
    expect(res.statusCode).toBe(401);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(written.length).toBe(before);
  });

  it.each([
    ['malformed JSON', '{"name":', json, 400, /not valid JSON/],
    ['wrong content type', '{"name":"a","age":3}', { 'content-type': 'text/plain' }, 415, /JSON/],
    ['an oversized body', JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) }), json, 413, /at most/],
    ['an empty body', '', json, 400, /empty/],
  ])('refuses %s with a plain problem', async (_label, body, headers, status, detail) => {
    const before = written.length;
    const res = await call(event('POST /notes', { body, headers: { ...headers, authorization: `Bearer ${token}` } }));
    expect(res.statusCode).toBe(status);
    expect(String(res.json.detail)).toMatch(detail);
    expect(written.length).toBe(before);
  });

  it('names each wrong field without echoing the value', async () => {
    const secret = 'Jane Q. Referral-Subject';
    const res = await call(
      event('POST /notes', {
        body: JSON.stringify({ name: secret, age: 'old', extra: 1 }),
        headers: { ...json, authorization: `Bearer ${token}` },
      }),
    );
    expect(res.statusCode).toBe(400);
    const errors = res.json.errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(['(body)', 'age', 'name']);
    // An unknown field is counted, not named: its name is the caller's own words.
    expect(errors.find((e) => e.field === '(body)')?.message).toMatch(/Remove the field/);
    expect(errors.find((e) => e.field === '(body)')?.message).not.toMatch(/extra/);
    expect(res.body).not.toContain(secret);
    expect(res.body).not.toContain('old');
  });

  it('validates path parameters, maps conflicts to 409 with the current version, and hides internal errors', async () => {
    expect((await call(event('GET /notes/{noteId}', { pathParameters: { noteId: 'x' } }))).statusCode).toBe(400);
    const conflict = await call(event('GET /notes/{noteId}', { pathParameters: { noteId: 'n9' } }));
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json.currentVersion).toBe(7);
    expect(conflict.headers?.etag).toBe('"7"');
    const failure = await call(event('GET /notes/{noteId}', { pathParameters: { noteId: 'n8' } }));
    expect(failure.statusCode).toBe(500);
    expect(failure.body).not.toContain('Jane Doe');
  });

  it('answers 404 for a route it does not have', async () => {
    expect((await call(event('DELETE /notes'))).statusCode).toBe(404);
  });
});

describe('OpenAPI document', () => {
  it('is generated from the route schemas', () => {
    const doc = openApiDocument(routes, {
      title: 't',
      version: '1',
      description: 'd',
      license: { name: 'l', url: 'https://example.org/l' },
    });
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths?.['/notes']?.post;
    expect(post?.requestBody).toBeDefined();
    expect(JSON.stringify(post)).toContain('"maxLength":20');
    const get = doc.paths?.['/notes/{noteId}']?.get;
    expect(get?.parameters?.[0]).toMatchObject({ in: 'path', name: 'noteId', required: true });
  });
});
