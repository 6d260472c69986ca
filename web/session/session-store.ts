// Sessions of the pages on DynamoDB (the web-sessions table): one item per session, keyed by the
// SHA-256 of the cookie's token (a copy of the table gives nobody a usable cookie), expiring by the
// table's time to live and, before that, by the times checked on every read. The item holds the
// CSRF token and the sealed contents; never anything readable about a person.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

export const StoredSession = z.object({
  id: z.string(),
  csrf: z.string(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  /** Time to live (epoch seconds): the earlier of the idle and the absolute expiry. */
  expiresAt: z.number().int(),
  absoluteExpiresAt: z.number().int(),
  revision: z.number().int().nonnegative(),
  wrappedKey: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
  sealed: z.custom<Uint8Array>((value) => value instanceof Uint8Array).optional(),
});
export type StoredSession = z.infer<typeof StoredSession>;

export interface SessionStore {
  find(id: string): Promise<StoredSession | null>;
  create(session: StoredSession): Promise<void>;
  /** Saves a session that still exists; 'gone' when it was deleted meanwhile (signed out elsewhere). */
  update(session: StoredSession): Promise<'saved' | 'gone'>;
  delete(id: string): Promise<void>;
}

export function createDynamoSessionStore(deps: { client: DynamoDBClient; tableName: string }): SessionStore {
  const put = (session: StoredSession, condition: string) =>
    deps.client.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: marshall(StoredSession.parse(session), { removeUndefinedValues: true }),
        ConditionExpression: condition,
      }),
    );
  return {
    async find(id) {
      const { Item } = await deps.client.send(
        new GetItemCommand({ TableName: deps.tableName, Key: marshall({ id }), ConsistentRead: true }),
      );
      return Item ? StoredSession.parse(unmarshall(Item)) : null;
    },
    async create(session) {
      await put(session, 'attribute_not_exists(id)');
    },
    async update(session) {
      try {
        await put(session, 'attribute_exists(id)');
        return 'saved';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'gone';
        throw error;
      }
    },
    async delete(id) {
      await deps.client.send(new DeleteItemCommand({ TableName: deps.tableName, Key: marshall({ id }) }));
    },
  };
}
