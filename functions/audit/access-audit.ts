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

/** Which records of a case or a person to list: a time range (ISO instants or dates, inclusive) and exact fields. */
export interface AuditFilter {
  from?: string;
  to?: string;
  user?: string;
  organisation?: string;
  action?: string;
  outcome?: 'allowed' | 'refused';
}

export interface AuditPageOptions extends AuditFilter {
  limit?: number;
  cursor?: string;
}

export interface AccessAudit {
  record(entry: Omit<AccessRecord, 'at'> & { at: Date }): Promise<void>;
  listForCase(caseId: string, options?: AuditPageOptions): Promise<{ items: AccessRecord[]; cursor?: string }>;
  /** What one person read or tried, across every case, newest first (the by-user index). */
  listForUser(user: string, options?: AuditPageOptions): Promise<{ items: AccessRecord[]; cursor?: string }>;
}

/** The key condition and filter of a page of records: the range on `at`, the rest filtered. */
function auditQuery(partition: { name: 'caseId' | 'user'; value: string }, filter: AuditFilter) {
  const values: Record<string, string> = { ':partition': partition.value };
  // Through a name placeholder: USER is one of DynamoDB's reserved words.
  let keyCondition = '#partition = :partition';
  // `at` is the instant and a unique suffix ("...Z#id"): "~" sorts after every suffix.
  if (filter.from !== undefined && filter.to !== undefined) {
    keyCondition += ' AND #at BETWEEN :from AND :to';
    values[':from'] = filter.from;
    values[':to'] = `${filter.to}~`;
  } else if (filter.from !== undefined) {
    keyCondition += ' AND #at >= :from';
    values[':from'] = filter.from;
  } else if (filter.to !== undefined) {
    keyCondition += ' AND #at <= :to';
    values[':to'] = `${filter.to}~`;
  }
  const names: Record<string, string> = { '#partition': partition.name, '#at': 'at' };
  const conditions: string[] = [];
  for (const field of ['user', 'organisation', 'action', 'outcome'] as const) {
    const value = filter[field];
    if (value === undefined || field === partition.name) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    conditions.push(`#${field} = :${field}`);
  }
  return {
    KeyConditionExpression: keyCondition,
    ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
  };
}

function withNamesUsed<
  T extends {
    ExpressionAttributeNames?: Record<string, string> | undefined;
    KeyConditionExpression: string;
    FilterExpression?: string;
  },
>(query: T): T {
  if (!query.ExpressionAttributeNames) return query;
  const text = `${query.KeyConditionExpression} ${query.FilterExpression ?? ''}`;
  const used = Object.fromEntries(
    Object.entries(query.ExpressionAttributeNames).filter(([name]) => text.includes(name)),
  );
  return { ...query, ExpressionAttributeNames: Object.keys(used).length > 0 ? used : undefined };
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
  /**
   * One page, newest first. A filter may leave a page short (DynamoDB filters after reading
   * `limit` items): the cursor says whether more may follow.
   */
  async function page(
    query: ReturnType<typeof auditQuery>,
    options: AuditPageOptions,
    cursorKey: { index?: string; expected: Record<string, string>; keys: string[] },
  ): Promise<{ items: AccessRecord[]; cursor?: string }> {
    const result = await deps.client.send(
      new QueryCommand({
        TableName: deps.tableName,
        ...(cursorKey.index ? { IndexName: cursorKey.index } : {}),
        ...query,
        ScanIndexForward: false,
        Limit: Math.min(options.limit ?? 50, 200),
        ...(options.cursor
          ? { ExclusiveStartKey: decodeCursor(options.cursor, cursorKey.expected, cursorKey.keys) }
          : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => {
      const record = unmarshall(item) as AccessRecord;
      return { ...record, at: record.at.split('#')[0] ?? record.at };
    });
    return { items, ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}) };
  }

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
    listForCase: (caseId, options = {}) =>
      page(withNamesUsed(auditQuery({ name: 'caseId', value: caseId }, options)), options, {
        expected: { caseId },
        keys: ['caseId', 'at'],
      }),
    listForUser: (user, options = {}) =>
      page(withNamesUsed(auditQuery({ name: 'user', value: user }, options)), options, {
        index: 'by-user',
        expected: { user },
        keys: ['caseId', 'at', 'user'],
      }),
  };
}
