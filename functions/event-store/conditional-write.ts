// The one round trip that writes an append: a conditional PutItem for one event, else one
// TransactWriteItems with the stream's new key item first (when its key is not on the first
// event, data-keys.ts) and every event after it, each event conditioned on its version being free, so two commands can never take the same
// version. A failed condition is not an error here but a Conflict holding the items already
// there (ReturnValuesOnConditionCheckFailure: ALL_OLD): enough to tell a retried command from a
// conflicting one with no extra read (command-replay.ts).
import {
  ConditionalCheckFailedException,
  type Put,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { type EventItem } from './event-codec.js';
import { type EventsTable, send } from './events-table.js';

const TRANSACTION_CONFLICT_ATTEMPTS = 3;

export interface Conflict {
  kind: 'conflict';
  existing: EventItem[];
  /** Set when a new data key's condition failed: the key item already there, if the engine returned it. */
  keyTaken?: { item: EventItem | undefined };
}

/** A short, jittered wait before trying again, growing with the attempt. */
export function pause(attempt: number): Promise<void> {
  return new Promise((wake) => setTimeout(wake, Math.floor(Math.random() * 10 * 2 ** Math.min(attempt, 6))));
}

/** Writes the items (and the new key's item, when there is one) at once, or answers the conflict that stopped it. */
export async function writeConditionally(
  table: EventsTable,
  streamId: string,
  items: EventItem[],
  newKeyItem: Put | undefined,
): Promise<Conflict | undefined> {
  const { client, tableName } = table;
  if (items.length === 1 && !newKeyItem) {
    try {
      await send(streamId, () =>
        client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: items[0],
            ConditionExpression: 'attribute_not_exists(version)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        return { kind: 'conflict', existing: error.Item ? [error.Item] : [] };
      throw error;
    }
  }
  const keyPuts = newKeyItem ? [{ Put: newKeyItem }] : [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      await send(streamId, () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              ...keyPuts,
              ...items.map((Item) => ({
                Put: {
                  TableName: tableName,
                  Item,
                  ConditionExpression: 'attribute_not_exists(version)',
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
                },
              })),
            ],
          }),
        ),
      );
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const keyReason = newKeyItem ? reasons[0] : undefined;
      const eventReasons = newKeyItem ? reasons.slice(1) : reasons;
      const taken = eventReasons.filter((r) => r.Code === 'ConditionalCheckFailed');
      const keyTaken = keyReason?.Code === 'ConditionalCheckFailed';
      if (taken.length > 0 || keyTaken) {
        return {
          kind: 'conflict',
          existing: taken.flatMap((r) => (r.Item ? [r.Item] : [])),
          ...(keyTaken ? { keyTaken: { item: keyReason.Item } } : {}),
        };
      }
      // Another transaction held one of the items: nothing was written; try once more shortly.
      if (reasons.some((r) => r.Code === 'TransactionConflict') && attempt < TRANSACTION_CONFLICT_ATTEMPTS) {
        await pause(attempt);
        continue;
      }
      if (reasons.some((r) => r.Code === 'TransactionConflict')) return { kind: 'conflict', existing: [] };
      throw error;
    }
  }
}
