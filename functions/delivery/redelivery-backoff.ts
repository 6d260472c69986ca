// How long a destination queue's message stays hidden after a failed delivery before SQS hands it
// out again. A delivery fails almost only because the event store cannot be written (DynamoDB
// down or throttled past the SDK's own retries); with the queue's fixed visibility timeout the
// five receives of the redrive policy were spent within a minute, so an outage longer than that
// dead-lettered deliverable referrals (the 1000-referral soak: two copies, every delivery
// confirmed). As AWS advises for SQS consumers, the consumer sets the visibility itself on failure
// (ChangeMessageVisibility), doubling with ApproximateReceiveCount up to a cap, so the receives
// span an outage of several minutes; the alarm still goes off on the last failed attempt.

export interface RedeliveryBackoff {
  /** Hidden this long after the first failed receive. */
  readonly firstSeconds: number;
  /** Never hidden longer than this after any one failure. */
  readonly maxSeconds: number;
}

/** SQS's longest visibility timeout (12 hours). */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/**
 * The cloud's: 2, 4, 8 and 16 minutes between the five receives, so the event store may be out
 * for half an hour before the last attempt fails and raises the alarm (the queue's own visibility
 * timeout, 3 minutes, spanned 12); the message reaches its dead-letter queue about an hour after
 * its first receive. A longer outage ends in the dead-letter queue and a redrive (docs/runbook.md).
 */
export const CLOUD_REDELIVERY_BACKOFF: RedeliveryBackoff = { firstSeconds: 120, maxSeconds: 3600 };

/** Seconds a message that failed its `receiveCount`th receive stays hidden. */
export function hiddenAfterFailure(receiveCount: number, backoff: RedeliveryBackoff): number {
  const failed = Number.isFinite(receiveCount) && receiveCount >= 1 ? Math.floor(receiveCount) : 1;
  const doubled = backoff.firstSeconds * 2 ** Math.min(failed - 1, 20);
  return Math.max(0, Math.min(Math.round(doubled), backoff.maxSeconds, SQS_MAX_VISIBILITY_SECONDS));
}

/**
 * The longest outage a message first received at its start survives: the time from its first
 * receive to its last (`maxReceiveCount`th); after that failure it goes to the dead-letter queue.
 */
export function outageSurvivedSeconds(maxReceiveCount: number, backoff: RedeliveryBackoff): number {
  let total = 0;
  for (let receive = 1; receive < maxReceiveCount; receive += 1) total += hiddenAfterFailure(receive, backoff);
  return total;
}
