// The directory's recorded changes as a small read model: one item per organisation an
// administrator changed, holding the details after its latest change and the stream version they
// come from. All of them sit in one partition of the read-models table, so the whole overlay is
// one query (the directory has a few hundred organisations at most).
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { partitionItems } from '../read-models/partition-items.js';
import * as z from 'zod';
import { DestinationDetails } from '../../domain/organisation/decider.js';

export const DIRECTORY_CHANGES_PARTITION = 'directory#changes';

export const DirectoryChange = DestinationDetails.extend({
  organisationId: z.string(),
  /** The organisation stream's version these details come from. */
  version: z.number().int().positive(),
  changedAt: z.string(),
});
export type DirectoryChange = z.infer<typeof DirectoryChange>;

export interface DirectoryChanges {
  /** Every organisation's latest recorded details. */
  all(): Promise<DirectoryChange[]>;
  /** Records a change unless a later one is already recorded (stream records may come again, or late). */
  record(change: DirectoryChange): Promise<void>;
}

export function createDirectoryChanges(deps: { client: DynamoDBClient; tableName: string }): DirectoryChanges {
  return {
    async all() {
      const changes: DirectoryChange[] = [];
      for await (const item of partitionItems(deps.client, deps.tableName, DIRECTORY_CHANGES_PARTITION, {
        consistentRead: true,
      })) {
        changes.push(DirectoryChange.parse(item.change));
      }
      return changes;
    },
    async record(change) {
      const parsed = DirectoryChange.parse(change);
      try {
        await deps.client.send(
          new PutItemCommand({
            TableName: deps.tableName,
            Item: marshall({
              pk: DIRECTORY_CHANGES_PARTITION,
              sk: parsed.organisationId,
              version: parsed.version,
              change: parsed,
            }),
            ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
            ExpressionAttributeValues: marshall({ ':version': parsed.version }),
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return; // a later (or the same) change is already recorded
        throw error;
      }
    },
  };
}
