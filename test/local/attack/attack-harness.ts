// The whole local service (API and web pages, as `npm start` serves them) for the generated-attack
// suite, with a raw HTTP client: requests go out byte for byte as written (no URL normalisation,
// so traversal and malformed percent-encoding reach the server), each with a timeout, and every
// answer is checked against the invariants an attack must never break.
import { Agent, type ClientRequest, request as httpRequest } from 'node:http';
import { itemCount } from '../../engines/raw-items.js';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { expect } from 'vitest';
import { mountApi } from '../../../functions/api/mounted-routes.js';
import { createServiceEventStore } from '../../../functions/composition/event-store.js';
import { type IdentityConfig } from '../../../functions/identity/identity.js';
import { eventStoreTable, idempotencyTable, tableName } from '../../../functions/tables/table-definitions.js';
import { mountLocalWeb } from '../../../web/local-web.js';
import { type LocalHttpServer, type MountedRoute, startHttpAdapter } from '../../../local/http-adapter.js';
import { type LocalService, startLocalService } from '../../../local/local-service.js';
import { personas } from '../../../local/personas.js';
import { dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';

/** The run's seed: ATTACK_SEED=<n> replays a run exactly. */
export const ATTACK_SEED = Number.parseInt(process.env.ATTACK_SEED ?? '20260601', 10);
/** Requests in flight at once. */
export const CONCURRENCY = Number.parseInt(process.env.ATTACK_CONCURRENCY ?? '4', 10);

export interface RawRequest {
  method: string;
  /** Sent as is: the path and query string, not normalised. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** What the request is, for failure messages. */
  label: string;
}

export interface RawAnswer {
  /** 0 when the server gave no answer (closed the connection or timed out). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
  /** Why there was no answer, when status is 0. */
  failure?: string;
}

export const ANSWER_TIMEOUT_MS = 15_000;

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Sends a request exactly as written and reads the whole answer. */
export function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    let outgoing: ClientRequest | undefined;
    try {
      const body =
        request.body === undefined
          ? undefined
          : Buffer.isBuffer(request.body)
            ? request.body
            : Buffer.from(request.body, 'utf8');
      outgoing = httpRequest(
        {
          host: hostname,
          port: Number(port),
          method: request.method,
          path: request.path,
          agent,
          headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) =>
            finish({ status: 0, headers: {}, text: '', json: {}, failure: String(error) }),
          );
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Record<string, unknown> = {};
            try {
              json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
            } catch {
              json = {};
            }
            finish({ status: response.statusCode ?? 0, headers: response.headers, text, json });
          });
        },
      );
      outgoing.setTimeout(ANSWER_TIMEOUT_MS, () => {
        outgoing?.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`));
      });
      outgoing.on('error', (error) => finish({ status: 0, headers: {}, text: '', json: {}, failure: String(error) }));
      outgoing.end(body);
    } catch (error) {
      // The client itself refuses to send it (a character Node will not put in a request line or header).
      finish({ status: -1, headers: {}, text: '', json: {}, failure: `not sendable: ${String(error)}` });
    }
  });
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= items.length) return;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

let markerCount = 0;
/** A value no answer may contain: letters and digits only, so it survives any escaping unchanged. */
export function newMarker(): string {
  markerCount += 1;
  return `Qz${ATTACK_SEED.toString(36)}M${markerCount.toString(36).padStart(4, '0')}k`;
}

/** Every marker the run has made so far matches this. */
export const ANY_MARKER = new RegExp(`Qz${ATTACK_SEED.toString(36)}M[0-9a-z]{4,}k`, 'i');

export type Expectation =
  /** Must be refused: a 4xx answered as problem+json. */
  | 'refused'
  /** May be answered either way, but never 5xx. */
  | 'tolerated';

export interface Verdict {
  request: RawRequest;
  answer: RawAnswer;
  problems: string[];
}

/** The invariants of every answer; an empty list when it keeps them all. */
export function judge(
  request: RawRequest,
  answer: RawAnswer,
  expectation: Expectation,
  options: { problemJson?: boolean } = {},
): Verdict {
  const found: string[] = [];
  if (answer.status === -1) return { request, answer, problems: [] };
  if (answer.status === 0) found.push(`no answer (${answer.failure})`);
  else if (answer.status >= 500) found.push(`answered ${answer.status}`);
  else if (expectation === 'refused' && (answer.status < 400 || answer.status >= 500))
    found.push(`answered ${answer.status}, not a refusal`);
  const contentType = String(answer.headers['content-type'] ?? '');
  if (
    (options.problemJson ?? true) &&
    answer.status >= 400 &&
    answer.status < 500 &&
    contentType !== 'application/problem+json'
  )
    found.push(`a ${answer.status} answered as "${contentType}", not application/problem+json`);
  const echoed = ANY_MARKER.exec(answer.text)?.[0] ?? ANY_MARKER.exec(JSON.stringify(answer.headers))?.[0];
  if (echoed) found.push(`echoed the submitted value ${echoed}`);
  return { request, answer, problems: found };
}

export function describeVerdict(verdict: Verdict): string {
  const { request, answer } = verdict;
  const body =
    request.body === undefined
      ? ''
      : Buffer.isBuffer(request.body)
        ? ` body(base64)=${request.body.toString('base64').slice(0, 300)}`
        : ` body=${JSON.stringify(request.body.slice(0, 300))}${request.body.length > 300 ? `...(${request.body.length} chars)` : ''}`;
  const headers = Object.entries(request.headers ?? {})
    .filter(([name]) => name !== 'authorization' || request.label.includes('token'))
    .map(([name, value]) => `${name}: ${value.length > 120 ? `${value.slice(0, 120)}...` : value}`)
    .join('; ');
  return `[${request.label}] ${request.method} ${request.path.length > 300 ? `${request.path.slice(0, 300)}...(${request.path.length} chars)` : request.path} {${headers}}${body}\n    -> ${verdict.problems.join('; ')} | ${answer.status} ${answer.text.slice(0, 300)}`;
}

/** Fails with every broken invariant listed (at most 15 shown), each with its exact request. */
export function expectNoBrokenInvariants(verdicts: readonly Verdict[], what: string): void {
  const broken = verdicts.filter((verdict) => verdict.problems.length > 0);
  const shown = broken.slice(0, 15).map(describeVerdict).join('\n');
  expect(
    broken.length,
    `${what}: ${broken.length} of ${verdicts.length} answers broke an invariant (ATTACK_SEED=${ATTACK_SEED})\n${shown}`,
  ).toBe(0);
}

export interface AttackService {
  service: LocalService;
  url: string;
  /** The web pages' handler, as API Gateway calls it (for events the local adapter cannot frame). */
  webHandler: MountedRoute['handler'];
  store: ReturnType<typeof createServiceEventStore>;
  errors: { source: string; error: unknown }[];
  send(request: RawRequest): Promise<RawAnswer>;
  /** A demo user's token, from POST /dev/token. */
  token(persona: string): Promise<string>;
  count(table: 'events' | 'idempotency'): Promise<number>;
  /** The number of events once routing and deliveries have come to rest. */
  settledEventCount(): Promise<number>;
  /** GET /health answers 200 "up". */
  expectHealthy(): Promise<void>;
  /** The same API handlers behind a second adapter whose identity provider the test holds. */
  controlledIdentity(): Promise<ControlledIdentity>;
  stop(): Promise<void>;
}

export interface ControlledIdentity {
  url: string;
  issuer: string;
  audience: string;
  /** Signs exactly these claims and header with the key the second adapter trusts. */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): Promise<string>;
}

export async function startAttackService(label: string, options: { clock?: () => Date } = {}): Promise<AttackService> {
  const errors: { source: string; error: unknown }[] = [];
  let webHandler: MountedRoute['handler'] | undefined;
  const service = await startLocalService({
    dynamoDbEndpoint: dynamoEndpointForTests(),
    prefix: uniquePrefix(label),
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 1,
    directoryTtlMs: 0,
    timerIntervalMs: 3_600_000,
    ...(options.clock ? { clock: options.clock } : {}),
    onError: (source, error) => errors.push({ source, error }),
    mountPages: (running) => {
      const routes = mountLocalWeb(running, personas, options.clock ? { clock: options.clock } : {});
      webHandler = routes[0]!.handler as MountedRoute['handler'];
      return routes as MountedRoute[];
    },
  });
  const { stack } = service;
  // Watches the service from outside: keeps no data key, so an erasure by the service shows at once.
  const store = createServiceEventStore(stack.config, stack.clients, undefined, {
    keyCache: { maxEntries: 1, ttlMs: 0 },
  });
  const tokens = new Map<string, string>();
  const servers: LocalHttpServer[] = [];

  const count = async (table: 'events' | 'idempotency') =>
    itemCount(
      stack.clients.dynamo,
      tableName(stack.config.SERVICE_PREFIX, table === 'events' ? eventStoreTable : idempotencyTable),
    );

  const attack: AttackService = {
    service,
    url: service.url,
    get webHandler() {
      if (!webHandler) throw new Error('the web pages are not mounted');
      return webHandler;
    },
    store,
    errors,
    send: (request) => send(service.url, request),
    async token(persona) {
      const known = tokens.get(persona);
      if (known) return known;
      const answer = await send(service.url, {
        label: 'dev token',
        method: 'POST',
        path: '/dev/token',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      if (answer.status !== 200) throw new Error(`no token for ${persona}: ${answer.status}`);
      tokens.set(persona, answer.json.token as string);
      return answer.json.token as string;
    },
    count,
    async settledEventCount() {
      let previous = -1;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        await stack.streamsDrained();
        const current = await count('events');
        if (current === previous) return current;
        previous = current;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the events table did not come to rest within 20 s');
    },
    async expectHealthy() {
      const answer = await send(service.url, { label: 'health', method: 'GET', path: '/health' });
      expect(
        answer.status,
        `GET /health after the attacks: ${answer.status} ${answer.failure ?? answer.text.slice(0, 200)}`,
      ).toBe(200);
      expect(answer.json.status).toBe('up');
    },
    async controlledIdentity() {
      const issuer = 'urn:prevent-referrals:attack-suite';
      const audience = 'prevent-referrals-attack-suite';
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'attack-1', alg: 'ES256', use: 'sig' };
      const config: IdentityConfig = { issuer, audience, keys: createLocalJWKSet({ keys: [jwk] }) };
      const server = await startHttpAdapter(mountApi(service.api, config));
      servers.push(server);
      return {
        url: server.url,
        issuer,
        audience,
        sign: (claims, header = {}) =>
          new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'attack-1', ...header }).sign(privateKey),
      };
    },
    async stop() {
      for (const server of servers) await server.close();
      await service.stop();
    },
  };
  return attack;
}

/** Polls until `probe` gives a value (the API harness's). */
export { until } from '../../functions/api/api-harness.js';
