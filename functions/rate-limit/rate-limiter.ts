// Fixed-window counters in DynamoDB, one per (scope, subject, window): the public submission paths
// count per client address, the acknowledgement mails per recipient address. One UpdateItem per
// attempt: it adds one unless the window's count has reached the limit (a condition), and sets the
// item's time to live to the window's end, so counters clean themselves up. The subject is never
// stored: the item is named by a keyed hash of it (subject-key.ts). Works the same on DynamoDB
// Local under `npm start` and in the cloud (API Gateway HTTP APIs cannot take WAF).
import { ConditionalCheckFailedException, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts attempts per subject (a client address, a mail address) and says whether one more is allowed. */
export interface RateLimiter {
  take(subject: string): Promise<RateDecision>;
}

export interface RateLimit {
  /** Attempts allowed per subject in one window. */
  limit: number;
  windowSeconds: number;
}

export interface DynamoRateLimiterDeps extends RateLimit {
  client: DynamoDBClient;
  /** The idempotency table (`expiresAt` is its time to live). */
  tableName: string;
  /** What is counted: 'submission', 'acknowledgement-mail'. */
  scope: string;
  /** A keyed hash of the subject (never the subject itself). */
  hash(subject: string): Promise<string>;
  clock: () => Date;
}

/** How long items outlive their window (DynamoDB deletes expired items within days, not at once). */
const KEEP_AFTER_WINDOW_SECONDS = 60;

export function rateLimitItemId(scope: string, subjectHash: string, windowStart: number): string {
  return `rate#${scope}#${subjectHash}#${windowStart}`;
}

export function createDynamoRateLimiter(deps: DynamoRateLimiterDeps): RateLimiter {
  if (!Number.isInteger(deps.limit) || deps.limit < 1) throw new Error('a rate limit allows at least one attempt');
  if (!Number.isInteger(deps.windowSeconds) || deps.windowSeconds < 1)
    throw new Error('a rate limit window lasts at least a second');
  return {
    async take(subject) {
      const now = deps.clock().getTime() / 1000;
      const windowStart = Math.floor(now / deps.windowSeconds) * deps.windowSeconds;
      const windowEnd = windowStart + deps.windowSeconds;
      const id = rateLimitItemId(deps.scope, await deps.hash(subject), windowStart);
      try {
        await deps.client.send(
          new UpdateItemCommand({
            TableName: deps.tableName,
            Key: { id: { S: id } },
            UpdateExpression: 'ADD attempts :one SET expiresAt = if_not_exists(expiresAt, :expiresAt)',
            ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
            ExpressionAttributeValues: {
              ':one': { N: '1' },
              ':limit': { N: String(deps.limit) },
              ':expiresAt': { N: String(windowEnd + KEEP_AFTER_WINDOW_SECONDS) },
            },
          }),
        );
        return { allowed: true };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(windowEnd - now)) };
      }
    },
  };
}

/** "about 12 minutes", "about 2 hours", "a minute": how long to wait, in plain words. */
export function waitInWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes === 1) return 'a minute';
  if (minutes < 90) return `${minutes} minutes`;
  return `about ${Math.round(minutes / 60)} hours`;
}

/** A limiter that allows everything: for compositions that do not count (unit tests of other things). */
export const unlimited: RateLimiter = { take: async () => ({ allowed: true }) };
