// Finding cases: the streams indexed under a reference (PRV-7K3M-Q9TX) or under a person's blind
// index (keyed HMAC of name and date of birth, never plaintext). Gives stream ids only: whether
// the viewer may see each case is decided on its stream by the caller.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { caseKeys } from './read-model-keys.js';

/** The most streams a search looks at: a person referred more often than this is shown the first ones. */
export const MAX_FOUND_CASES = 50;

export interface CaseIndexReader {
  streamsWithReference(version: number, reference: string): Promise<string[]>;
  streamsOfPerson(version: number, personHmac: string): Promise<string[]>;
}

export function createCaseIndexReader(deps: { client: DynamoDBClient; tableName: string }): CaseIndexReader {
  async function streamsIn(pk: string): Promise<string[]> {
    const found: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await deps.client.send(
        new QueryCommand({
          TableName: deps.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': pk }),
          ProjectionExpression: 'sk',
          ExclusiveStartKey: start,
          Limit: MAX_FOUND_CASES - found.length,
        }),
      );
      for (const item of page.Items ?? []) found.push(String(unmarshall(item).sk));
      start = page.LastEvaluatedKey;
    } while (start && found.length < MAX_FOUND_CASES);
    return found;
  }
  return {
    streamsWithReference: (version, reference) => streamsIn(caseKeys.referencePartition(version, reference)),
    streamsOfPerson: (version, personHmac) => streamsIn(caseKeys.personPartition(version, personHmac)),
  };
}
