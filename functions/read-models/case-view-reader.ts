// Reads a referral's case view (no folding of its stream): for access checks and GET /referrals/{id}.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { CaseView } from './case-view.js';
import { type ProjectionVersions } from './projection-versions.js';
import { caseKeys } from './read-model-keys.js';

export interface CaseViewReader {
  /** The case view, or null when no such referral has been projected. */
  get(streamId: string): Promise<CaseView | null>;
}

export function createCaseViewReader(deps: {
  client: DynamoDBClient;
  tableName: string;
  versions: ProjectionVersions;
}): CaseViewReader {
  return {
    async get(streamId) {
      const { active } = await deps.versions.current('cases');
      const result = await deps.client.send(
        new GetItemCommand({
          TableName: deps.tableName,
          Key: marshall({ pk: caseKeys.partition(active, streamId), sk: caseKeys.caseSk }),
          ConsistentRead: true,
        }),
      );
      return result.Item ? CaseView.parse(unmarshall(result.Item).view) : null;
    },
  };
}
