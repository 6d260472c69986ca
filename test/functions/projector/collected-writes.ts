// A DynamoDB client for loading a large event store quickly: the event store appends through
// it as usual (validation, encoding, sealing, data keys, digests: all its own code), but its
// item writes (PutItem, and the Puts of TransactWriteItems) are collected instead of sent, and
// `flush` then puts them with BatchWriteItem, 25 at a time, several side by side. Reads pass
// through. The writes' conditions are not checked: only for fresh tables and whole streams
// from version 1 (a generator's), where none of them could fail.
import {
  BatchWriteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  type AttributeValue,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

const BATCH = 25;
const MAX_ROUNDS = 20;

export interface CollectedWrites {
  /** The client to build the store with. */
  client: DynamoDBClient;
  /** Puts everything collected so far; resolves to the number of items written. */
  flush(concurrency?: number): Promise<number>;
}

export function collectWrites(real: DynamoDBClient): CollectedWrites {
  const collected: { table: string; item: Record<string, AttributeValue> }[] = [];

  const client = new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
      return async (command: unknown) => {
        if (command instanceof PutItemCommand) {
          collected.push({
            table: command.input.TableName as string,
            item: command.input.Item as Record<string, AttributeValue>,
          });
          return { $metadata: {} };
        }
        if (command instanceof TransactWriteItemsCommand) {
          for (const action of command.input.TransactItems ?? []) {
            if (!action.Put) throw new Error('only Puts can be collected from a transaction');
            collected.push({
              table: action.Put.TableName as string,
              item: action.Put.Item as Record<string, AttributeValue>,
            });
          }
          return { $metadata: {} };
        }
        return target.send(command as never);
      };
    },
  });

  async function put(table: string, requests: WriteRequest[]): Promise<void> {
    let pending = requests;
    for (let round = 1; pending.length > 0; round += 1) {
      if (round > MAX_ROUNDS)
        throw new Error(`${pending.length} items were still unprocessed after ${MAX_ROUNDS} rounds`);
      const result = await real.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = result.UnprocessedItems?.[table] ?? [];
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 10 * round));
    }
  }

  return {
    client,
    async flush(concurrency = 8) {
      const byTable = new Map<string, WriteRequest[]>();
      for (const { table, item } of collected.splice(0)) {
        const requests = byTable.get(table) ?? [];
        requests.push({ PutRequest: { Item: item } });
        byTable.set(table, requests);
      }
      const batches: { table: string; requests: WriteRequest[] }[] = [];
      for (const [table, requests] of byTable)
        for (let i = 0; i < requests.length; i += BATCH)
          batches.push({ table, requests: requests.slice(i, i + BATCH) });
      await Promise.all(
        Array.from({ length: Math.min(concurrency, batches.length) }, async () => {
          for (let next = batches.shift(); next; next = batches.shift()) await put(next.table, next.requests);
        }),
      );
      return [...byTable.values()].reduce((sum, requests) => sum + requests.length, 0);
    },
  };
}
