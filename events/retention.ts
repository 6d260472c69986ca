// Retention (issue 12, part 6): closure schedules a review of the record when the retention
// period ends; an erasure is a reasoned decision, kept as an anonymous fact.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { IsoDate } from './envelope.js';

export const RetentionReviewScheduled = defineEvent({
  type: 'RetentionReviewScheduled',
  schemaVersion: 1,
  describes: "The review of the closed case's record was scheduled for the end of the retention period",
  data: z.strictObject({ dueOn: IsoDate, retentionYears: z.number().int().min(1).max(100) }),
  personal: undefined,
});

export const RetentionReviewDue = defineEvent({
  type: 'RetentionReviewDue',
  schemaVersion: 1,
  describes: "The review of the closed case's record fell due",
  data: z.strictObject({ dueOn: IsoDate }),
  personal: undefined,
});

export const ErasureReason = z.enum(['retention-period-ended', 'data-subject-request', 'recorded-in-error']);
export type ErasureReason = z.infer<typeof ErasureReason>;

/** Why the data goes, in fixed words (no free text: this fact outlives the personal data). */
export const ErasureGrounds = z.enum([
  'no-longer-needed-after-retention-review',
  'no-longer-necessary',
  'objection-upheld',
  'processed-unlawfully',
  'wrong-person',
  'duplicate-referral',
  'mistaken-or-test-submission',
]);
export type ErasureGrounds = z.infer<typeof ErasureGrounds>;

/** The grounds each reason may be given on. */
export const groundsForReason: Record<ErasureReason, readonly ErasureGrounds[]> = {
  'retention-period-ended': ['no-longer-needed-after-retention-review'],
  'data-subject-request': ['no-longer-necessary', 'objection-upheld', 'processed-unlawfully'],
  'recorded-in-error': ['wrong-person', 'duplicate-referral', 'mistaken-or-test-submission'],
};

export const ErasureDecided = defineEvent({
  type: 'ErasureDecided',
  schemaVersion: 1,
  describes: "Erasure of the referral's personal data was decided, on recorded grounds",
  data: z.strictObject({ reason: ErasureReason, grounds: ErasureGrounds, caseOpen: z.boolean() }),
  personal: undefined,
});
