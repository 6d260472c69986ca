// Retried submissions (POST /referrals with an Idempotency-Key): the first attempt claims the key
// (scoped to the caller) in the idempotency table with the digest of its body and the
// identifiers and time it will submit with; a retry finds the claim and either gets the first
// answer, or (when the first attempt died before answering) submits again with the very same
// identifiers, which the event store recognises by command id and writes nothing twice. The same
// key with a different body is refused. Claims expire with the table's time to live.
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { canonicalJson } from '../../command-handler/canonical-json.js';

export const SubmissionClaim = z.object({
  id: z.string(),
  bodyDigest: z.string(),
  referralId: z.string(),
  reference: z.string(),
  at: z.string(),
  answer: z.string().optional(),
  expiresAt: z.number().int(),
});
export type SubmissionClaim = z.infer<typeof SubmissionClaim>;

export type ClaimOutcome = { kind: 'claimed' | 'retry'; claim: SubmissionClaim } | { kind: 'different-body' };

export interface SubmissionIdempotency {
  claim(
    scopedKey: string,
    body: unknown,
    proposal: Pick<SubmissionClaim, 'referralId' | 'reference' | 'at'>,
  ): Promise<ClaimOutcome>;
  complete(claim: SubmissionClaim, answer: unknown): Promise<void>;
}

/** A digest of the body that does not depend on the order of its fields. */
export function bodyDigest(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

export function createSubmissionIdempotency(deps: {
  client: DynamoDBClient;
  tableName: string;
  clock: () => Date;
  ttlSeconds?: number;
}): SubmissionIdempotency {
  const ttlSeconds = deps.ttlSeconds ?? 24 * 60 * 60;
  const itemId = (key: string) => `submission#${key}`;
  return {
    async claim(key, body, proposal) {
      const claim: SubmissionClaim = {
        id: itemId(key),
        bodyDigest: bodyDigest(body),
        ...proposal,
        expiresAt: Math.floor(deps.clock().getTime() / 1000) + ttlSeconds,
      };
      try {
        await deps.client.send(
          new PutItemCommand({
            TableName: deps.tableName,
            Item: marshall(claim),
            ConditionExpression: 'attribute_not_exists(id)',
          }),
        );
        return { kind: 'claimed', claim };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await deps.client.send(
        new GetItemCommand({ TableName: deps.tableName, Key: marshall({ id: claim.id }), ConsistentRead: true }),
      );
      if (!Item) throw new Error('an idempotency claim vanished between its write and its read');
      const existing = SubmissionClaim.parse(unmarshall(Item));
      return existing.bodyDigest === claim.bodyDigest ? { kind: 'retry', claim: existing } : { kind: 'different-body' };
    },
    async complete(claim, answer) {
      await deps.client.send(
        new UpdateItemCommand({
          TableName: deps.tableName,
          Key: marshall({ id: claim.id }),
          UpdateExpression: 'SET answer = :answer',
          ExpressionAttributeValues: marshall({ ':answer': JSON.stringify(answer) }),
        }),
      );
    },
  };
}
