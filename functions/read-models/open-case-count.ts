// How many open cases an organisation holds: the items of its triage queue, counted by the index
// without reading them (no personal data leaves the table). Used to tell an administrator what a
// change to the directory does to the cases already open.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type ProjectionVersions } from './projection-versions.js';
import { caseKeys } from './read-model-keys.js';

export type OpenCaseCount = (organisationId: string) => Promise<number>;

export function createOpenCaseCount(deps: {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
}): OpenCaseCount {
  return async (organisationId) => {
    const { active } = await deps.versions.current('cases');
    let count = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.tableName,
          IndexName: 'by-queue-order',
          KeyConditionExpression: 'queuePk = :queuePk',
          ExpressionAttributeValues: marshall({ ':queuePk': caseKeys.queuePartition(active, organisationId) }),
          Select: 'COUNT',
          ExclusiveStartKey: start,
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  };
}
