// Revoked access: when a person's access was last taken away (they left the organisation, or their
// role changed and their tokens still carry the old one). A token issued at or before that
// moment is refused by the token check itself (functions/identity/identity.ts), on every route
// and page, at once: Cognito's own sign-out revokes refresh tokens only, and an ID token it has
// issued stays valid until it expires. One item per person, the latest revocation; the history
// (who removed whom, when, why) is in the access audit.
//
// Every signed-in request asks, so what was read is kept for a short, bounded time per warm
// container (REVOCATION_CACHE_MS, counted from when the read was sent): a revocation reaches every
// container within that bound, and the container that recorded it (the administration function,
// the local service, the web pages) at once. The bound is what a revoked token may still be taken
// for elsewhere, against the ID token's own life of up to an hour that the record exists to cut
// short; it is the same bound as the read models' version pointers (projection-versions.ts).
import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { BoundedCache } from '../event-store/bounded-cache.js';

const RevocationItem = z.object({ user: z.string(), revokedAt: z.string(), organisation: z.string() });

export interface RevocationCheck {
  /** When the person's access was last revoked, or null if it never was. */
  revokedAt(user: string): Promise<Date | null>;
}

export interface Revocations extends RevocationCheck {
  revoke(entry: { user: string; organisation: string; at: Date }): Promise<void>;
}

/** Longest a read of someone's revocation is taken without reading it again (per warm container). */
export const REVOCATION_CACHE_MS = 5_000;
/** People whose last read is kept (least recently used go first): a bound on memory, not on staleness. */
export const REVOCATION_CACHE_ENTRIES = 10_000;

export interface RevocationsDeps {
  client: DynamoDBClient;
  tableName: string;
  /** How long a read is taken (default REVOCATION_CACHE_MS; 0 reads on every check). */
  cacheMs?: number;
  /** A monotonic clock in milliseconds (tests). */
  now?: () => number;
}

export function createRevocations(deps: RevocationsDeps): Revocations {
  const cacheMs = deps.cacheMs ?? REVOCATION_CACHE_MS;
  const now = deps.now ?? (() => performance.now());
  // The read (or the read in flight, so that a burst of one person's requests makes one) and when it was sent.
  const cache = new BoundedCache<string, { readAt: number; revokedAt: Promise<Date | null> }>({
    maxEntries: REVOCATION_CACHE_ENTRIES,
    ttlMs: Math.max(cacheMs, 1),
    now,
  });

  async function read(user: string): Promise<Date | null> {
    const { Item } = await deps.client.send(
      new GetItemCommand({ TableName: deps.tableName, Key: marshall({ user }), ConsistentRead: true }),
    );
    if (!Item) return null;
    return new Date(RevocationItem.parse(unmarshall(Item)).revokedAt);
  }

  return {
    async revoke(entry) {
      await deps.client.send(
        new PutItemCommand({
          TableName: deps.tableName,
          Item: marshall({ user: entry.user, organisation: entry.organisation, revokedAt: entry.at.toISOString() }),
        }),
      );
      // Known here at once: this container takes none of the person's older tokens from now on.
      cache.set(entry.user, { readAt: now(), revokedAt: Promise.resolve(entry.at) });
    },
    async revokedAt(user) {
      if (cacheMs <= 0) return read(user);
      const cached = cache.get(user);
      if (cached && now() - cached.readAt < cacheMs) return cached.revokedAt;
      const readAt = now();
      const revokedAt = read(user);
      cache.set(user, { readAt, revokedAt });
      try {
        return await revokedAt;
      } catch (error) {
        // A failed read is not kept: the next check reads again.
        if (cache.get(user)?.revokedAt === revokedAt) cache.delete(user);
        throw error;
      }
    },
  };
}

/** Whether a token issued at `issuedAtSeconds` (its `iat`) was issued at or before the revocation. */
export function issuedBeforeRevocation(issuedAtSeconds: number, revokedAt: Date | null): boolean {
  if (revokedAt === null) return false;
  // iat has whole seconds: a token of the revocation's own second is refused too (sign in again a second later).
  return issuedAtSeconds * 1000 <= revokedAt.getTime();
}
