import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLOUD_REDELIVERY_BACKOFF,
  SQS_MAX_VISIBILITY_SECONDS,
  hiddenAfterFailure,
  outageSurvivedSeconds,
} from '../../../functions/delivery/redelivery-backoff.js';
import { DEFAULT_MAX_RECEIVE_COUNT } from '../../../functions/delivery/delivery-consumer.js';

describe('the redelivery backoff', () => {
  it('doubles with each receive from the first, up to the cap', () => {
    const backoff = { firstSeconds: 12, maxSeconds: 192 };
    expect([1, 2, 3, 4, 5, 6].map((receive) => hiddenAfterFailure(receive, backoff))).toEqual([
      12, 24, 48, 96, 192, 192,
    ]);
  });

  it('takes a missing or nonsensical receive count as the first', () => {
    const backoff = { firstSeconds: 5, maxSeconds: 80 };
    for (const count of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(hiddenAfterFailure(count, backoff)).toBe(5);
  });

  it('never hides longer than SQS allows, nor less than nothing, and never shrinks with more receives', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1_000 }),
        (firstSeconds, maxSeconds, receive) => {
          const backoff = { firstSeconds, maxSeconds };
          const hidden = hiddenAfterFailure(receive, backoff);
          expect(hidden).toBeGreaterThanOrEqual(0);
          expect(hidden).toBeLessThanOrEqual(Math.min(SQS_MAX_VISIBILITY_SECONDS, maxSeconds));
          expect(hiddenAfterFailure(receive + 1, backoff)).toBeGreaterThanOrEqual(hidden);
        },
      ),
    );
  });

  it("spreads the cloud queues' five receives over half an hour of store outage", () => {
    expect(outageSurvivedSeconds(DEFAULT_MAX_RECEIVE_COUNT, CLOUD_REDELIVERY_BACKOFF)).toBe(120 + 240 + 480 + 960);
  });

  it("spans the local soak's engine restarts: fifteen times the queue's visibility timeout", () => {
    expect(outageSurvivedSeconds(5, { firstSeconds: 12, maxSeconds: 192 })).toBe(180);
  });
});
