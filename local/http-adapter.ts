// The local stand-in for API Gateway's HTTP API: a node:http server that matches a request to a
// route key ("GET /referrals/{referralId}"), builds the same event API Gateway would send, and
// calls the same Lambda handler. Only what API Gateway does is done here: routing and framing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { type APIGatewayProxyEventV2, type APIGatewayProxyStructuredResultV2, type Context } from 'aws-lambda';
import { type PathPattern, compilePathPattern } from '../functions/http/request-framing.js';

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2 | string | void>;

export interface MountedRoute {
  method: string;
  path: string;
  handler: LambdaHttpHandler;
}

type CompiledRoute = MountedRoute & PathPattern;

/** API Gateway caps payloads at 10 MB; the handlers enforce their own, smaller limits. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

function compile(route: MountedRoute): CompiledRoute {
  return { ...route, ...compilePathPattern(route.path) };
}

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function queryParameters(search: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(',');
  return Object.keys(out).length > 0 ? out : undefined;
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string | void): void {
  if (result === undefined || typeof result === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(result ?? '');
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, headers).end(body);
}

function sendProblem(response: ServerResponse, status: number, title: string, detail?: string): void {
  response
    .writeHead(status, {
      'content-type': 'application/problem+json',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }));
}

/** The path parameters, percent-decoded; undefined when one of them is not valid percent-encoding. */
function decodePathParameters(
  names: readonly string[],
  match: RegExpExecArray | readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, name] of names.entries()) {
    try {
      parameters[name] = decodeURIComponent(match[index + 1] ?? '');
    } catch {
      return undefined;
    }
  }
  return parameters;
}

export interface LocalHttpServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpAdapter(
  routes: readonly MountedRoute[],
  options: { port?: number; host?: string } = {},
): Promise<LocalHttpServer> {
  // Most specific first, as API Gateway matches literal segments before parameters.
  const compiled = routes.map(compile).sort((a, b) => b.literalSegments - a.literalSegments);
  const server = createServer((request, response) => {
    answer(request, response).catch(() => {
      // Whatever escaped (a header the server could not send, a dropped connection): the request
      // ends with a 500 if nothing was sent yet, and the server keeps serving everyone else.
      if (!response.headersSent) sendProblem(response, 500, 'Something went wrong');
      else response.destroy();
    });
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Read as a path on this host: a request line of //elsewhere/... is a path, never another host.
    let url: URL;
    try {
      url = new URL(`http://localhost${(request.url ?? '/').startsWith('/') ? '' : '/'}${request.url ?? ''}`);
    } catch {
      sendProblem(response, 400, 'The address is not valid');
      return;
    }
    const method = (request.method ?? 'GET').toUpperCase();
    const candidates = compiled.filter((route) => route.pattern.test(url.pathname));
    const route =
      candidates.find((candidate) => candidate.method === method) ??
      candidates.find((candidate) => candidate.method === 'ANY');
    if (!route) {
      sendProblem(
        response,
        candidates.length > 0 ? 405 : 404,
        candidates.length > 0 ? 'Method not allowed' : 'Not found',
      );
      return;
    }
    const match = route.pattern.exec(url.pathname) ?? [];
    const pathParameters = decodePathParameters(route.names, match);
    if (!pathParameters) {
      // API Gateway refuses a path it cannot decode before any Lambda runs; so does this.
      sendProblem(response, 400, 'The address is not valid', 'Part of the address is not valid percent-encoding.');
      return;
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      sendProblem(response, 413, 'The request is too large');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
    const cookies = request.headers.cookie
      ?.split(';')
      .map((cookie) => cookie.trim())
      .filter(Boolean);
    const textual = /json|text|form-urlencoded|xml/i.test(request.headers['content-type'] ?? '');
    const event: APIGatewayProxyEventV2 = {
      version: '2.0',
      routeKey: `${route.method} ${route.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(cookies?.length ? { cookies } : {}),
      queryStringParameters: queryParameters(url.searchParams),
      pathParameters: route.names.length > 0 ? pathParameters : undefined,
      body: body.length > 0 ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
      isBase64Encoded: body.length > 0 && !textual,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: request.headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: request.headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: `${route.method} ${route.path}`,
        stage: '$default',
        time: new Date().toUTCString(),
        timeEpoch: Date.now(),
      },
    };
    let result: Awaited<ReturnType<LambdaHttpHandler>>;
    try {
      result = await route.handler(event, { awsRequestId: event.requestContext.requestId } as Context);
    } catch {
      sendProblem(response, 500, 'Something went wrong');
      return;
    }
    send(response, result);
  }
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
