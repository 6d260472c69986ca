// The whole service on the real local engines, for API tests: the local service `npm start`
// runs (local/local-service.ts) on the run's shared DynamoDB Local under a private table prefix.
// Callers sign in with dev tokens obtained over HTTP, and call the API through the typed client
// generated from its OpenAPI document (test/api-client/); raw requests are for what a typed
// client cannot send (malformed bodies, other media types, a missing If-Match) and the dev routes.
import { itemCount } from '../../engines/raw-items.js';
import { type AccessRecord, createAccessAudit } from '../../../functions/audit/access-audit.js';
import { createServiceEventStore } from '../../../functions/composition/event-store.js';
import {
  auditTable,
  eventStoreTable,
  idempotencyTable,
  tableName,
} from '../../../functions/tables/table-definitions.js';
import { type DevIdentity } from '../../../local/dev-identity.js';
import {
  type ApiAnswer,
  type CaseCommand,
  type CaseCommandBody,
  type PreventReferralsApi,
  answered,
  createApiClient,
  parsedBody,
  sendCaseCommand,
} from '../../api-client/api-client.js';
import { type LocalStack } from '../../../local/local-stack.js';
import { startLocalService } from '../../../local/local-service.js';
import { type MountedRoute } from '../../../local/http-adapter.js';
import { personas } from '../../../local/personas.js';
import { mountLocalWeb } from '../../../web/local-web.js';
import { dynamoEndpointForTests, uniquePrefix } from '../../engines/local-engines.js';

export { type ApiAnswer, answered } from '../../api-client/api-client.js';

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (malformed JSON, other media types). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface ApiHarness {
  stack: LocalStack;
  url: string;
  errors: { source: string; error: unknown }[];
  /** The typed client, signed in with `token` when given (one client per token). */
  client(token?: string): PreventReferralsApi;
  /** A raw request, sent as written: for what the API document cannot describe, and the dev routes. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  /** A token for a demo user, from POST /dev/token. */
  token(persona: string): Promise<string>;
  /** Items in a table of this harness's private prefix. */
  count(table: 'events' | 'idempotency' | 'audit'): Promise<number>;
  /** The number of events once routing and deliveries of earlier requests have come to rest. */
  settledEventCount(): Promise<number>;
  audit(subject: string): Promise<AccessRecord[]>;
  store: ReturnType<typeof createServiceEventStore>;
  /** The local identity provider, for tokens no demo user has. */
  identity: DevIdentity;
  stop(): Promise<void>;
}

export async function startApiHarness(
  label: string,
  options: {
    /** The web pages on the same server, for tests that walk a page over HTTP. */
    pages?: boolean;
    /** The clock the whole service reads (a simulated one: the year driven through the API). */
    clock?: () => Date;
    /** A DynamoDB Local started by the caller (a benchmark, outside the test run's engines). */
    dynamoDbEndpoint?: string;
    /** Told of each error the service's functions report, as it happens (they are kept in `errors` too). */
    onError?: (source: string, error: unknown) => void;
  } = {},
): Promise<ApiHarness> {
  const errors: { source: string; error: unknown }[] = [];
  const service = await startLocalService({
    dynamoDbEndpoint: options.dynamoDbEndpoint ?? dynamoEndpointForTests(),
    prefix: uniquePrefix(label),
    pollIntervalMs: 50,
    visibilityTimeoutSeconds: 1,
    directoryTtlMs: 0,
    timerIntervalMs: 3_600_000,
    // Every test submits from 127.0.0.1: far more than the default allows one client.
    serviceConfig: { SUBMISSION_RATE_LIMIT: '100000', ACKNOWLEDGEMENT_MAIL_LIMIT: '100000' },
    onError: (source, error) => {
      errors.push({ source, error });
      options.onError?.(source, error);
    },
    // The web pages on the same server, for tests that walk a page over HTTP.
    ...(options.pages ? { mountPages: (running) => mountLocalWeb(running, personas) as MountedRoute[] } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const { stack, identity } = service;
  const server = { url: service.url };
  // Watches the service from outside: keeps no data key, so an erasure by the service shows at once.
  const store = createServiceEventStore(stack.config, stack.clients, undefined, {
    keyCache: { maxEntries: 1, ttlMs: 0 },
  });
  const audit = createAccessAudit({
    client: stack.clients.dynamo,
    tableName: tableName(stack.config.SERVICE_PREFIX, auditTable),
    newId: () => 'unused',
  });
  const tokens = new Map<string, string>();

  const call: ApiHarness['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: parsedBody(text) };
  };
  const clients = new Map<string, PreventReferralsApi>();

  const harness: ApiHarness = {
    stack,
    url: server.url,
    errors,
    client(token) {
      const known = clients.get(token ?? '');
      if (known) return known;
      const client = createApiClient(server.url, token ? { token } : {});
      clients.set(token ?? '', client);
      return client;
    },
    call,
    store,
    identity,
    async token(persona) {
      const known = tokens.get(persona);
      if (known) return known;
      const answer = await call('POST', '/dev/token', { body: { persona } });
      if (answer.status !== 200) throw new Error(`no token for ${persona}: ${answer.status}`);
      tokens.set(persona, answer.json.token as string);
      return answer.json.token as string;
    },
    async count(table) {
      const definition = { events: eventStoreTable, idempotency: idempotencyTable, audit: auditTable }[table];
      return itemCount(stack.clients.dynamo, tableName(stack.config.SERVICE_PREFIX, definition));
    },
    async settledEventCount() {
      // Earlier requests go on in the background (routing, deliveries): wait until the table stops changing.
      let previous = -1;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        await stack.streamsDrained();
        const current = await harness.count('events');
        if (current === previous) return current;
        previous = current;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('the events table did not come to rest within 25 s');
    },
    async audit(subject) {
      return (await audit.listForCase(subject, { limit: 200 })).items;
    },
    stop: () => stack.stop(),
  };
  return harness;
}

/** Polls until `probe` gives a value, for at most `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a case command as a client does: read the case for its ETag, send it in If-Match, and on a 409 try again with the current version. */
export async function runCaseCommand<Command extends CaseCommand>(
  api: ApiHarness,
  token: string,
  referralId: string,
  command: Command,
  body: CaseCommandBody<Command>,
): Promise<ApiAnswer> {
  const client = api.client(token);
  const read = await answered(client.GET('/referrals/{referralId}', { params: { path: { referralId } } }));
  if (read.status !== 200) return read;
  let version = Number(JSON.parse(read.headers.get('etag') ?? '"0"'));
  for (let attempt = 1; ; attempt += 1) {
    const answer = await answered(sendCaseCommand(client, command, referralId, body, { 'If-Match': `"${version}"` }));
    if (answer.status !== 409 || attempt >= 5) return answer;
    version = answer.error?.currentVersion as number;
  }
}
