// The rebuild's bulk pass writes a fresh version nobody else writes: each stream's fold becomes
// the items it leaves behind (its net effect per key), put with BatchWriteItem, 25 a request,
// several requests in flight, unprocessed items sent again after a backoff, no conditions.
// Net effect per key within one stream's write: the last action on a key wins; a Put followed
// by a Delete of the same key is nothing, and a Delete of a key that the fold did not put is
// nothing too (the version starts empty and no other stream writes that key). An action the
// bulk pass cannot reduce to a Put (an Update, a ConditionCheck) makes the stream's write
// unsuitable: it is written the conditional way instead.
import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  type TransactWriteItem,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/** The read-model table's key (table-definitions: `pk`, `sk`). */
const KEY_ATTRIBUTES = ['pk', 'sk'] as const;
/** DynamoDB's limit of requests in one BatchWriteItem. */
export const BATCH_WRITE_LIMIT = 25;
const UNPROCESSED_ATTEMPTS = 10;

export interface BulkPut {
  tableName: string;
  item: Record<string, AttributeValue>;
}

export type NetEffect = { puts: BulkPut[]; keys: string[] } | { unsupported: string };

/** The key of an item or a key, as one string (table, then each key attribute's value). */
export function itemKey(tableName: string, item: Record<string, AttributeValue>): string {
  return JSON.stringify([tableName, ...KEY_ATTRIBUTES.map((name) => item[name] ?? null)]);
}

/** What one stream's write leaves behind in an empty version: the items put last on each key. */
export function netEffect(actions: readonly TransactWriteItem[]): NetEffect {
  const last = new Map<string, BulkPut | null>();
  for (const action of actions) {
    if (action.Put?.TableName && action.Put.Item) {
      const put = { tableName: action.Put.TableName, item: action.Put.Item };
      const key = itemKey(put.tableName, put.item);
      // Moved to the end, so the map's order is the order of the last actions.
      last.delete(key);
      last.set(key, put);
    } else if (action.Delete?.TableName && action.Delete.Key) {
      const key = itemKey(action.Delete.TableName, action.Delete.Key);
      last.delete(key);
      last.set(key, null);
    } else {
      const kind = Object.keys(action).find((name) => action[name as keyof TransactWriteItem] !== undefined);
      return { unsupported: kind ?? 'an empty action' };
    }
  }
  const puts: BulkPut[] = [];
  const keys: string[] = [];
  for (const [key, put] of last)
    if (put) {
      puts.push(put);
      keys.push(key);
    }
  return { puts, keys };
}

export class BulkPutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkPutError';
  }
}

export interface BulkPutterDeps {
  client: DynamoDBClient;
  /** BatchWriteItem requests in flight at once. */
  inFlight: number;
  sleep?(ms: number): Promise<void>;
  random?(): number;
}

export interface BulkPutter {
  /** Queues the items; sends every full batch, waiting while `inFlight` requests are out. */
  put(puts: readonly BulkPut[]): Promise<void>;
  /** Sends what is left and waits for every request; throws the first failure. */
  flush(): Promise<void>;
  /** BatchWriteItem requests sent so far (retries of unprocessed items included). */
  readonly requests: number;
}

export function createBulkPutter(deps: BulkPutterDeps): BulkPutter {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((wake) => setTimeout(wake, ms)));
  const random = deps.random ?? Math.random;
  const queues = new Map<string, WriteRequest[]>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let requests = 0;

  async function send(tableName: string, batch: WriteRequest[]): Promise<void> {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= UNPROCESSED_ATTEMPTS)
        throw new BulkPutError(`${pending.length} read-model items stayed unprocessed after ${attempt} attempts`);
      // Backoff with jitter: the engine said it is busy.
      if (attempt > 0) await sleep(Math.floor((0.5 + random()) * Math.min(2_000, 25 * 2 ** attempt)));
      requests += 1;
      const result = await deps.client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] ?? [];
    }
  }

  async function launch(tableName: string, batch: WriteRequest[]): Promise<void> {
    while (running.size >= deps.inFlight) await Promise.race(running);
    if (failure) throw failure.error;
    const request: Promise<void> = send(tableName, batch)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(request));
    running.add(request);
  }

  return {
    get requests() {
      return requests;
    },
    async put(puts) {
      if (failure) throw failure.error;
      for (const { tableName, item } of puts) {
        const queue = queues.get(tableName) ?? [];
        queue.push({ PutRequest: { Item: item } });
        queues.set(tableName, queue);
        if (queue.length >= BATCH_WRITE_LIMIT) await launch(tableName, queue.splice(0, BATCH_WRITE_LIMIT));
      }
    },
    async flush() {
      for (const [tableName, queue] of queues)
        while (queue.length > 0) await launch(tableName, queue.splice(0, BATCH_WRITE_LIMIT));
      while (running.size > 0) await Promise.race(running);
      if (failure) throw failure.error;
    },
  };
}
