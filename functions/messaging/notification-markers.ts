// One marker per notification (stream, version, recipient) in the idempotency table, so a mail is
// sent at least once but not again when the same stream record is replayed. A marker is claimed
// before sending ('sending', with a lease), confirmed afterwards ('sent'), and released when
// sending fails. A claim whose sender died is taken over once its lease has run out, so a crash
// between claiming and sending cannot lose the mail. A send whose outcome nobody knows (SES's
// answer lost) is marked 'unknown': never sent again, counted by the soak's audit. No personal
// data: recipients are named by role or destination id, never by address.
import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';

export interface NotificationKey {
  streamId: string;
  version: number;
  /** A destination id, or 'referrer'. */
  recipient: string;
}

export type Claim = 'claimed' | 'already-sent' | 'outcome-unknown';

export interface NotificationMarkers {
  /** Claims the notification for sending, or says it was already sent; throws while another sender holds it. */
  claim(key: NotificationKey, now: Date): Promise<Claim>;
  confirm(key: NotificationKey): Promise<void>;
  /** SES may or may not have taken the mail (its answer was lost): it is not sent again. */
  recordUnknown(key: NotificationKey): Promise<void>;
  release(key: NotificationKey): Promise<void>;
}

export interface NotificationMarkerDeps {
  dynamo: DynamoDBClient;
  /** The idempotency table (functions/tables/table-definitions.ts), with `expiresAt` as time to live. */
  tableName: string;
  /** How long a claim holds before another sender may take it over. */
  leaseSeconds?: number;
  /** How long markers are kept (longer than any replay of the stream). */
  keepDays?: number;
}

const MAX_HELD = 10_000;
/** The marker's state when SES's answer to the send was lost. */
export const UNKNOWN = 'unknown';

export class NotificationInProgressError extends Error {
  constructor(key: NotificationKey) {
    super(
      `the notification for ${key.streamId} version ${key.version} to ${key.recipient} is being sent by another invocation`,
    );
    this.name = 'NotificationInProgressError';
  }
}

export function notificationMarkerId(key: NotificationKey): string {
  return `mail:${key.streamId}:${key.version}:${key.recipient}`;
}

export function createNotificationMarkers(deps: NotificationMarkerDeps): NotificationMarkers {
  const leaseSeconds = deps.leaseSeconds ?? 120;
  // Claims this process made and has not confirmed or released, by marker id: when confirming or
  // releasing failed (the engine unreachable), a retry in this process knows the claim is its
  // own instead of waiting for the lease to run out. Bounded: oldest forgotten first.
  const held = new Map<string, string>();
  const hold = (markerId: string, claimId: string) => {
    held.delete(markerId);
    held.set(markerId, claimId);
    if (held.size > MAX_HELD) held.delete(held.keys().next().value as string);
  };
  const keepSeconds = (deps.keepDays ?? 14) * 24 * 3600;
  const key = (id: NotificationKey) => ({ id: { S: notificationMarkerId(id) } });
  const settle = async (id: NotificationKey, state: 'sent' | typeof UNKNOWN): Promise<void> => {
    await deps.dynamo.send(
      new UpdateItemCommand({
        TableName: deps.tableName,
        Key: key(id),
        UpdateExpression: 'SET #state = :state REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': { S: state } },
      }),
    );
    held.delete(notificationMarkerId(id));
  };
  return {
    async claim(id, now) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      // Names this claim, so that a put that took effect but whose answer was lost (the SDK then
      // sends it again and meets its own item) is known as ours, not as another sender's.
      const markerId = notificationMarkerId(id);
      const claimId = randomUUID();
      // Held before the put: if it takes effect but every answer is lost (the engine restarting),
      // the retry of this record in this process still knows the claim as its own.
      const previous = held.get(markerId);
      hold(markerId, claimId);
      try {
        await deps.dynamo.send(
          new PutItemCommand({
            TableName: deps.tableName,
            Item: {
              ...key(id),
              state: { S: 'sending' },
              claimId: { S: claimId },
              leaseUntil: { N: String(nowSeconds + leaseSeconds) },
              expiresAt: { N: String(nowSeconds + keepSeconds) },
            },
            ConditionExpression: 'attribute_not_exists(id) OR (#state = :sending AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sending': { S: 'sending' }, ':now': { N: String(nowSeconds) } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (error.Item?.state?.S === 'sent') return 'already-sent';
        if (error.Item?.state?.S === UNKNOWN) return 'outcome-unknown';
        const holder = error.Item?.claimId?.S;
        if (holder !== undefined && (holder === claimId || holder === previous)) {
          hold(markerId, holder);
          return 'claimed';
        }
        if (previous === undefined) held.delete(markerId);
        else hold(markerId, previous);
        throw new NotificationInProgressError(id);
      }
    },
    confirm: (id) => settle(id, 'sent'),
    recordUnknown: (id) => settle(id, UNKNOWN),
    async release(id) {
      await deps.dynamo.send(new DeleteItemCommand({ TableName: deps.tableName, Key: key(id) }));
      held.delete(notificationMarkerId(id));
    },
  };
}
