// The access audit: every read of a case and every refused attempt, as data, append-only.
// Each record is a conditional put that can never overwrite another; nothing here updates or
// deletes, and the cloud grants the API only PutItem and Query on this table.
import { type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { Role } from '../../events/envelope.js';
import { decodeCursor, encodeCursor } from '../read-models/page-cursor.js';

export const AccessRecord = z.strictObject({
  caseId: z.string(),
  at: z.string(),
  user: z.string(),
  organisation: z.string(),
  role: Role,
  action: z.string(),
  outcome: z.enum(['allowed', 'refused']),
  reason: z.string().optional(),
  /** Why the person looked, in the service's words ("search by reference", "subject access request"): never personal data. */
  purpose: z.string().max(200).optional(),
  correlationId: z.string(),
});
export type AccessRecord = z.infer<typeof AccessRecord>;

export interface AccessAudit {
  record(entry: Omit<AccessRecord, 'at'> & { at: Date }): Promise<void>;
  listForCase(
    caseId: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<{ items: AccessRecord[]; cursor?: string }>;
}

/** Audit records of attempts that name no case (a queue, the statistics) are kept under this key. */
export function auditSubject(
  kind: 'queue' | 'statistics' | 'organisation' | 'search' | 'people' | 'user' | 'subject-access',
  id: string,
): string {
  return `${kind}:${id}`;
}

export function createAccessAudit(deps: {
  client: DynamoDBClient;
  tableName: string;
  newId: () => string;
}): AccessAudit {
  return {
    async record(entry) {
      // The sort key is the time plus a unique suffix, so two reads in one millisecond are both kept.
      const item = AccessRecord.parse({ ...entry, at: `${entry.at.toISOString()}#${deps.newId()}` });
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(caseId)',
        }),
      );
    },
    async listForCase(caseId, options = {}) {
      const result = await deps.client.send(
        new QueryCommand({
          TableName: deps.tableName,
          KeyConditionExpression: 'caseId = :caseId',
          ExpressionAttributeValues: marshall({ ':caseId': caseId }),
          ScanIndexForward: false,
          Limit: Math.min(options.limit ?? 50, 200),
          ...(options.cursor ? { ExclusiveStartKey: decodeCursor(options.cursor, { caseId }, ['caseId', 'at']) } : {}),
        }),
      );
      const items = (result.Items ?? []).map((item) => {
        const record = unmarshall(item) as AccessRecord;
        return { ...record, at: record.at.split('#')[0] ?? record.at };
      });
      return {
        items,
        ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
      };
    },
  };
}
