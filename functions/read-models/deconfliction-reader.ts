// Deconfliction at read time: the other referrals of the same person, found through the person
// index (keyed blind index, never plaintext). Erasure removes a referral's index entry, so an
// erased person is no longer matched.
import { type AttributeValue, type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { caseKeys } from './read-model-keys.js';

export const LinkedReferral = z.object({ streamId: z.string(), reference: z.string(), submittedAt: z.string() });
export type LinkedReferral = z.infer<typeof LinkedReferral>;

export interface DeconflictionReader {
  /**
   * Other referrals indexed under the same person, oldest first: at most `MAX_LINKED_REFERRALS`
   * of them, so a person referred many times cannot make a queue slow to read.
   */
  otherReferralsOf(version: number, personHmac: string, streamId: string): Promise<LinkedReferral[]>;
}

export const MAX_LINKED_REFERRALS = 20;

export function createDeconflictionReader(deps: { client: DynamoDBClient; tableName: string }): DeconflictionReader {
  return {
    async otherReferralsOf(version, personHmac, streamId) {
      const found: LinkedReferral[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await deps.client.send(
          new QueryCommand({
            TableName: deps.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': caseKeys.personPartition(version, personHmac) }),
            ExclusiveStartKey: start,
            // One more than shown, since the referral itself is among them.
            Limit: MAX_LINKED_REFERRALS + 1 - found.length,
          }),
        );
        for (const item of page.Items ?? []) {
          const entry = LinkedReferral.parse(unmarshall(item));
          if (entry.streamId !== streamId) found.push(entry);
        }
        start = page.LastEvaluatedKey;
      } while (start && found.length < MAX_LINKED_REFERRALS);
      return found
        .slice(0, MAX_LINKED_REFERRALS)
        .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0));
    },
  };
}
