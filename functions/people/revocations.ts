// Revoked access: when a person's access was last taken away (they left the organisation, or their
// role changed and their tokens still carry the old one). A token issued at or before that
// moment is refused by the token check itself (functions/identity/identity.ts), on every route
// and page, at once: Cognito's own sign-out revokes refresh tokens only, and an ID token it has
// issued stays valid until it expires. One item per person, the latest revocation; the history
// (who removed whom, when, why) is in the access audit.
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

const RevocationItem = z.object({ user: z.string(), revokedAt: z.string(), organisation: z.string() });

export interface RevocationCheck {
  /** When the person's access was last revoked, or null if it never was. */
  revokedAt(user: string): Promise<Date | null>;
}

export interface Revocations extends RevocationCheck {
  revoke(entry: { user: string; organisation: string; at: Date }): Promise<void>;
}

export function createRevocations(deps: { client: DynamoDBClient; tableName: string }): Revocations {
  return {
    async revoke(entry) {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: marshall({ user: entry.user, organisation: entry.organisation, revokedAt: entry.at.toISOString() }),
        }),
      );
    },
    async revokedAt(user) {
      const { Item } = await deps.client.send(
        new GetItemCommand({ TableName: deps.tableName, Key: marshall({ user }), ConsistentRead: true }),
      );
      if (!Item) return null;
      return new Date(RevocationItem.parse(unmarshall(Item)).revokedAt);
    },
  };
}

/** Whether a token issued at `issuedAtSeconds` (its `iat`) was issued at or before the revocation. */
export function issuedBeforeRevocation(issuedAtSeconds: number, revokedAt: Date | null): boolean {
  if (revokedAt === null) return false;
  // iat has whole seconds: a token of the revocation's own second is refused too (sign in again a second later).
  return issuedAtSeconds * 1000 <= revokedAt.getTime();
}
