// One read-model change and its checkpoint in one atomic write: the checkpoint item goes first,
// with a condition that it still holds the checkpoint the change was computed from. If another
// delivery of the same event got there first, the condition fails and nothing is written.
import {
  type DynamoDBClient,
  PutItemCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';

export type CheckpointedWriteResult = 'written' | 'checkpoint-moved';

/** The checkpoint (a conditional Put) and the read-model changes that go with it. */
export interface CheckpointedWrite {
  checkpoint: TransactWriteItem;
  effects: TransactWriteItem[];
}

/** DynamoDB's limit of actions in one transaction. */
export const TRANSACTION_LIMIT = 100;
/** DynamoDB's limit of a transaction's total size (4 MB). */
export const TRANSACTION_BYTES = 4 * 1024 * 1024;

/**
 * How often a transaction that met another one (TransactionConflict: two referrals' events
 * adding to the same statistics counter at once) is tried again before the failure is reported.
 * Nothing was written by a cancelled transaction, and the checkpoint condition still guards the
 * retry, so trying again cannot count anything twice.
 */
export const TRANSACTION_CONFLICT_ATTEMPTS = 4;

function conflicted(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')
  );
}

/** A short wait, jittered so that two conflicting writers do not meet again. */
function pause(attempt: number, random: () => number): Promise<void> {
  return new Promise((wake) => setTimeout(wake, Math.floor(random() * 20 * 2 ** attempt)));
}

export class ReadModelWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadModelWriteError';
  }
}

/**
 * Whether the write fits in one transaction: at most 100 actions, and at most 4 MB counted
 * generously (the request's JSON, which is larger than DynamoDB's own measure of the items).
 */
export function fitsInOneTransaction(write: CheckpointedWrite): boolean {
  if (write.effects.length + 1 > TRANSACTION_LIMIT) return false;
  let bytes = 0;
  for (const action of [write.checkpoint, ...write.effects]) bytes += Buffer.byteLength(JSON.stringify(action));
  return bytes <= TRANSACTION_BYTES;
}

/**
 * Writes the checkpoint and the effects together. A lone checkpoint is a plain conditional
 * PutItem (cheaper than a transaction of one).
 */
export async function writeWithCheckpoint(
  client: DynamoDBClient,
  write: CheckpointedWrite,
  random: () => number = Math.random,
): Promise<CheckpointedWriteResult> {
  const { checkpoint, effects } = write;
  const put = checkpoint.Put;
  if (!put) throw new ReadModelWriteError('the checkpoint must be a conditional Put');
  if (!fitsInOneTransaction(write))
    throw new ReadModelWriteError(
      `one event's change (${effects.length + 1} read-model items) does not fit in a transaction`,
    );
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (effects.length === 0) await client.send(new PutItemCommand(put));
      else await client.send(new TransactWriteItemsCommand({ TransactItems: [checkpoint, ...effects] }));
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'checkpoint-moved';
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return 'checkpoint-moved';
      if (conflicted(error) && attempt < TRANSACTION_CONFLICT_ATTEMPTS) {
        await pause(attempt, random);
        continue;
      }
      throw error;
    }
  }
}
