// The requests a benchmark sends to DynamoDB, SQS, SES (and KMS), counted by operation through
// one SDK middleware on the clients it builds or is given (a local stack's composed clients
// included), so that every figure in the report comes with what it cost in requests. Each
// attempt is counted (the middleware sits inside the SDK's retries), a failed one too: DynamoDB
// bills a failed conditional write as a write. Work marked with `within` (an HTTP request's own,
// on a local service whose pollers share the same clients) is also counted apart, so a route's
// own requests are not mixed with what the pollers send meanwhile.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type MetadataBearer } from '@smithy/types';

/** Anything built on the SDK's middleware stack (every AWS SDK v3 client). */
interface SdkClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'deserialize'; name: string; override?: boolean },
    ): void;
  };
}

/** Requests by operation, e.g. `DynamoDB.PutItem: 12`. */
export type RequestCounts = Record<string, number>;

export interface RequestCounter {
  /** Counts every request the client sends from now on (idempotent per client). */
  attach(client: unknown): void;
  /** Attaches every client of a composed set (a local stack's `clients`). */
  attachAll(clients: object): void;
  /** The counts since the last `take` (or the start), and starts again from zero. */
  take(): RequestCounts;
  /** The counts so far, without resetting them. */
  peek(): RequestCounts;
  /** Runs `work`, counting what it sends (however deep) as marked work too. */
  within<T>(work: () => T): T;
  /** The counts of marked work since the last `take` or `takeWithin` (part of what `take` returns), and starts them again from zero. */
  takeWithin(): RequestCounts;
}

const SERVICE_NAMES: Record<string, string> = {
  DynamoDBClient: 'DynamoDB',
  DynamoDBStreamsClient: 'DynamoDBStreams',
  SQSClient: 'SQS',
  SESv2Client: 'SES',
  KMSClient: 'KMS',
};

export function createRequestCounter(): RequestCounter {
  let counts: RequestCounts = {};
  let marked: RequestCounts = {};
  const marking = new AsyncLocalStorage<true>();
  const attached = new WeakSet<object>();
  const counter: RequestCounter = {
    attach(client) {
      if (typeof client !== 'object' || client === null || attached.has(client)) return;
      attached.add(client);
      (client as SdkClient).middlewareStack.add(
        (next, context) => async (args) => {
          const service = SERVICE_NAMES[context.clientName ?? ''] ?? context.clientName ?? '?';
          const operation = `${service}.${(context.commandName ?? '?').replace(/Command$/, '')}`;
          counts[operation] = (counts[operation] ?? 0) + 1;
          if (marking.getStore()) marked[operation] = (marked[operation] ?? 0) + 1;
          return (await next(args)) as MetadataBearer;
        },
        { step: 'deserialize', name: 'benchRequestCounter', override: true },
      );
    },
    attachAll(clients: object) {
      for (const client of Object.values(clients)) counter.attach(client);
    },
    take() {
      const taken = counts;
      counts = {};
      marked = {};
      return taken;
    },
    peek: () => ({ ...counts }),
    within: (work) => marking.run(true, work),
    takeWithin() {
      const taken = marked;
      marked = {};
      return taken;
    },
  };
  return counter;
}

/** Adds counts together (rounds of one measure). */
export function addCounts(...all: RequestCounts[]): RequestCounts {
  const sum: RequestCounts = {};
  for (const counts of all) for (const [op, n] of Object.entries(counts)) sum[op] = (sum[op] ?? 0) + n;
  return sum;
}

/** Requests per unit of work (per append, per referral, per rebuilt event), by operation. */
export function perUnit(counts: RequestCounts, units: number): RequestCounts {
  return Object.fromEntries(Object.entries(counts).map(([op, n]) => [op, units > 0 ? n / units : Number.NaN]));
}

/** The total of some counts. */
export function totalRequests(counts: RequestCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function figure(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-GB');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3).replace(/\.?0+$/, '') || '0';
}

/** `1 DynamoDB.PutItem, 0.077 DynamoDB.Query` (largest first), or `none`, for a report's cell. */
export function describeCounts(counts: RequestCounts, units = 1): string {
  const per = perUnit(counts, units);
  const entries = Object.entries(per)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return 'none';
  return entries.map(([op, n]) => `${figure(n)} ${op}`).join(', ');
}
