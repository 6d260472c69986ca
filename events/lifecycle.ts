// Transfer, closure and erasure.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId, FreeText, Postcode } from './common.js';

export const ReferralTransferred = defineEvent({
  type: 'ReferralTransferred',
  schemaVersion: 1,
  describes: 'The person moved area and the case was transferred',
  data: z.strictObject({ reason: z.enum(['person-moved', 'wrongly-routed']) }),
  personal: z.strictObject({ address: FreeText(500), postcode: Postcode }),
});

/** The statistical outcome a closed referral is counted under. */
export const ClosureOutcome = z.enum([
  'no-further-action',
  'signposted',
  'police-led-case-management',
  'channel-not-adopted',
  'left-channel-no-further-concern',
  'left-channel-other',
  'vulnerability-support-hub',
  'outside-england-and-wales',
]);
export type ClosureOutcome = z.infer<typeof ClosureOutcome>;

export const ReferralClosed = defineEvent({
  type: 'ReferralClosed',
  schemaVersion: 1,
  describes: 'The case was closed',
  data: z.strictObject({ outcome: ClosureOutcome }),
  personal: undefined,
});

export const PersonalDataErased = defineEvent({
  type: 'PersonalDataErased',
  schemaVersion: 1,
  describes: "The referral's personal data was erased; anonymous facts remain",
  data: z.strictObject({ reason: z.enum(['retention-period-ended', 'data-subject-request', 'recorded-in-error']) }),
  personal: undefined,
});

/**
 * The receiving area took on a transferred case: its police Prevent hub, its council's Prevent
 * team, or national triage. Until then the case waits in their queues and no casework is done.
 */
export const TransferAccepted = defineEvent({
  type: 'TransferAccepted',
  schemaVersion: 1,
  describes: 'The receiving area accepted the transferred case',
  data: z.strictObject({ acceptedBy: DestinationId }),
  personal: undefined,
});
