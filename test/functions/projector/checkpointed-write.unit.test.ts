// What DynamoDB Local cannot produce on demand: a transaction cancelled because another one held
// an item (two referrals adding to one statistics counter at the same moment).
import { DynamoDBClient, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSACTION_CONFLICT_ATTEMPTS, writeWithCheckpoint } from '../../../functions/projector/checkpointed-write.js';

const dynamo = mockClient(DynamoDBClient);
afterEach(() => dynamo.reset());

const write = {
  checkpoint: {
    Put: { TableName: 't', Item: { pk: { S: 'checkpoint' }, sk: { S: 'x' } }, ConditionExpression: 'checkpoint = :c' },
  },
  effects: [
    {
      Update: {
        TableName: 't',
        Key: { pk: { S: 'counter' }, sk: { S: 'x' } },
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    },
  ],
};

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('a checkpointed write that meets another transaction', () => {
  it('tries again and writes once the other transaction is done', async () => {
    dynamo
      .on(TransactWriteItemsCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .resolves({});
    await expect(writeWithCheckpoint(new DynamoDBClient({}), write, () => 0)).resolves.toBe('written');
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(3);
  });

  it('reports the conflict after a bounded number of attempts', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled('None', 'TransactionConflict'));
    await expect(writeWithCheckpoint(new DynamoDBClient({}), write, () => 0)).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(TRANSACTION_CONFLICT_ATTEMPTS);
  });

  it('does not retry when the checkpoint moved: another delivery already wrote the change', async () => {
    dynamo.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(writeWithCheckpoint(new DynamoDBClient({}), write, () => 0)).resolves.toBe('checkpoint-moved');
    expect(dynamo.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });
});
