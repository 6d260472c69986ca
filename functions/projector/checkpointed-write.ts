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

/** DynamoDB's limit of actions in one transaction. */
export const TRANSACTION_LIMIT = 100;

export class ReadModelWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadModelWriteError';
  }
}

/**
 * Writes `checkpoint` (a conditional Put) and `effects` together. A lone checkpoint is a plain
 * conditional PutItem (cheaper than a transaction of one).
 */
export async function writeWithCheckpoint(client: DynamoDBClient, checkpoint: TransactWriteItem, effects: TransactWriteItem[]): Promise<CheckpointedWriteResult> {
  const put = checkpoint.Put;
  if (!put) throw new ReadModelWriteError('the checkpoint must be a conditional Put');
  if (effects.length + 1 > TRANSACTION_LIMIT) throw new ReadModelWriteError(`one event changes ${effects.length + 1} read-model items, more than a transaction holds`);
  try {
    if (effects.length === 0) await client.send(new PutItemCommand(put));
    else await client.send(new TransactWriteItemsCommand({ TransactItems: [checkpoint, ...effects] }));
    return 'written';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'checkpoint-moved';
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'checkpoint-moved';
    throw error;
  }
}
