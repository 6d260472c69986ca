// Consent done right: the person's age corrected, and consent sought again when the person the
// parent or guardian consented for reaches the consent age (issue 12, part 4).
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText } from './common.js';
import { IsoDate } from './envelope.js';
import { AgeBand } from './reference-data.js';

/**
 * A corrected age, as the command gives it: a date of birth, or an approximate age (stated on the
 * day of the correction, the event's `correctedOn`), with the reason.
 */
export const CorrectedAge = z
  .strictObject({
    dateOfBirth: IsoDate.optional(),
    approximateAge: z.number().int().min(0).max(120).optional(),
    reason: LongText,
  })
  .refine((age) => (age.dateOfBirth === undefined) !== (age.approximateAge === undefined), {
    message: 'give either a date of birth or an approximate age',
    path: ['dateOfBirth'],
  });
export type CorrectedAge = z.infer<typeof CorrectedAge>;

export const AgeCorrected = defineEvent({
  type: 'AgeCorrected',
  schemaVersion: 1,
  describes: "The person's age was corrected",
  // The statistics' age band on the day of the referral (as the submission's own), anonymous.
  data: z.strictObject({ ageBand: AgeBand, correctedOn: IsoDate }),
  personal: CorrectedAge,
});

/**
 * The day the person for whom a parent or guardian consented reaches the consent age. Worked out
 * from the date of birth, so it is personal: sealed, and gone with the rest on erasure.
 */
export const ConsentDueAgainDateSet = defineEvent({
  type: 'ConsentDueAgainDateSet',
  schemaVersion: 1,
  describes: 'The day consent must be sought again from the person was worked out',
  data: z.strictObject({}),
  personal: z.strictObject({ dueOn: IsoDate }),
});

export const ConsentDueAgainCause = z.enum(['came-of-age', 'age-corrected']);

export const ConsentDueAgain = defineEvent({
  type: 'ConsentDueAgain',
  schemaVersion: 1,
  describes: 'Consent must be sought again: the consent on record no longer comes from the right person',
  data: z.strictObject({ because: ConsentDueAgainCause }),
  personal: undefined,
});
