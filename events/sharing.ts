// Deconfliction before sharing (decision 0016, part 1): the police check a referral against live
// investigations before anyone else acts on it. What a destination receives, and when, is its
// sharing policy in the directory: one that receives "after deconfliction" is told at routing only
// that a referral exists in its area, and receives the whole referral once the police have
// recorded deconfliction and an outcome that involves it, or decide to share it.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId } from './common.js';
import { IsoDateTime } from './envelope.js';
import { TypeOfConcern } from './reference-data.js';

/** Who did something, as the record shows it (an organisation's id and a user's id, never a name). */
export const RecordedBy = z.strictObject({
  organisation: z.string().min(1).max(120),
  user: z.string().min(1).max(200),
});

export const DeconflictionRecorded = defineEvent({
  type: 'DeconflictionRecorded',
  schemaVersion: 1,
  describes: 'A police Prevent officer checked the referral against live investigations (deconfliction)',
  data: z.strictObject({ by: RecordedBy, at: IsoDateTime }),
  personal: undefined,
});

export const ReferralSharingDeferred = defineEvent({
  type: 'ReferralSharingDeferred',
  schemaVersion: 1,
  describes:
    'Destinations that receive the referral after deconfliction were told only that it exists (reference, urgency, type of concern)',
  data: z.strictObject({
    destinationIds: z.array(DestinationId).min(1).max(10),
    /** The suspected types of concern: the one fact about the concern an existence notice carries. */
    typesOfConcern: z.array(TypeOfConcern).min(1).max(7),
  }),
  personal: undefined,
});

export const SharingReason = z.enum(['referred-to-channel', 'vulnerability-support-hub', 'police-decision']);
export type SharingReason = z.infer<typeof SharingReason>;

export const ReferralShared = defineEvent({
  type: 'ReferralShared',
  schemaVersion: 1,
  describes: 'The whole referral was shared with destinations that had been told only that it exists',
  data: z.strictObject({ destinationIds: z.array(DestinationId).min(1).max(10), because: SharingReason }),
  personal: undefined,
});

/** A share's delivery deadline passed unconfirmed: the sibling of a routing's DeliveryOverdue. */
export const SharedDeliveryOverdue = defineEvent({
  type: 'SharedDeliveryOverdue',
  schemaVersion: 1,
  describes: 'A destination had not confirmed receipt of the referral shared with it within the delivery deadline',
  data: z.strictObject({
    destinationId: DestinationId,
    /** The version of the ReferralShared event whose delivery is missing. */
    sharedVersion: z.number().int().positive(),
    dueBy: IsoDateTime,
  }),
  personal: undefined,
});

export const SharedReferralDelivered = defineEvent({
  type: 'SharedReferralDelivered',
  schemaVersion: 1,
  describes: 'A destination confirmed receipt of the referral shared with it',
  data: z.strictObject({
    destinationId: DestinationId,
    /** The version of the ReferralShared event this delivery confirms. */
    sharedVersion: z.number().int().positive(),
    messageId: z.string().min(1).max(200),
    receivedAt: IsoDateTime,
  }),
  personal: undefined,
});
