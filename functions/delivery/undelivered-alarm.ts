// The alarm signal for a referral that could not be delivered: the metric `UndeliveredReferral`
// (a CloudWatch alarm watches it in the cloud), raised when a message fails on its last attempt
// and when one arrives in a dead-letter queue. Logged with ids only, never personal data.
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from '../observability/logger.js';

export const UNDELIVERED_METRIC = 'UndeliveredReferral';

export interface UndeliveredReferral {
  /**
   * Why: the last delivery attempt failed, the message is in the dead-letter queue, or the
   * timers found a delivery (of a routing or a share) unconfirmed past its deadline.
   */
  reason: 'last-attempt-failed' | 'dead-lettered' | 'delivery-overdue';
  /** The destination whose queue it was on (null when the message could not be read). */
  destinationId: string | null;
  /** The referral's stream and the event's version, when known. */
  streamId: string | null;
  version: number | null;
}

export interface UndeliveredAlarm {
  raise(undelivered: UndeliveredReferral): void;
}

/**
 * Emits the metric at once (one embedded-metric-format line), so a crash right after cannot lose it.
 * No extra dimension: one alarm on the metric covers every destination; the log line says which.
 */
export function metricsUndeliveredAlarm(metrics: Metrics): UndeliveredAlarm {
  return {
    raise(undelivered) {
      const single = metrics.singleMetric();
      single.addMetric(UNDELIVERED_METRIC, MetricUnit.Count, 1);
      logger.error('referral not delivered', { ...undelivered });
    },
  };
}

/** Keeps what was raised (the local stack reports it; tests assert on it), and passes it on. */
export function recordingUndeliveredAlarm(
  next?: UndeliveredAlarm,
): UndeliveredAlarm & { readonly raised: readonly UndeliveredReferral[] } {
  const raised: UndeliveredReferral[] = [];
  return {
    raised,
    raise(undelivered) {
      raised.push(undelivered);
      next?.raise(undelivered);
    },
  };
}
