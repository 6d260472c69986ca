// Organisations in the directory: an administrator onboards a council joining the shared
// infrastructure, or changes where a destination's notifications go. Stream: organisation-<id>.
// The static directory (data/directory/organisations.json) is the starting point; these events
// are laid over it. A functional mailbox is not personal data. Since schema version 2 each change
// carries the administrator's reason (the pages ask for it; it must not name a person).
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId } from './common.js';

/** Why an administrator made a change to the directory (null on changes recorded before reasons were asked for). */
export const DirectoryChangeReason = z.string().trim().min(1).max(500);

const detailsData = {
  organisationId: DestinationId,
  /** The details after the change (state-carrying: a reader needs only the latest event). */
  mailbox: z.email().max(254),
  onboarded: z.boolean(),
  /** What changed, for the audit trail and the timeline. */
  changed: z
    .array(z.enum(['mailbox', 'onboarded']))
    .min(1)
    .max(2),
};

/** Schema version 1, before the reason was recorded (read through the upcaster). */
export const OrganisationDetailsChangedV1 = defineEvent({
  type: 'OrganisationDetailsChanged',
  schemaVersion: 1,
  describes: "An administrator changed a destination's details (schema version 1)",
  data: z.strictObject(detailsData),
  personal: undefined,
});

export const OrganisationDetailsChanged = defineEvent({
  type: 'OrganisationDetailsChanged',
  schemaVersion: 2,
  describes: "An administrator changed a destination's details (onboarding, mailbox)",
  data: z.strictObject({ ...detailsData, reason: DirectoryChangeReason.nullable() }),
  personal: undefined,
});

const sharingData = {
  organisationId: DestinationId,
  /** The policy after the change (state-carrying, like OrganisationDetailsChanged). */
  sharing: z.enum(['on-submission', 'after-deconfliction']),
};

/** Schema version 1, before the reason was recorded (read through the upcaster). */
export const OrganisationSharingPolicyChangedV1 = defineEvent({
  type: 'OrganisationSharingPolicyChanged',
  schemaVersion: 1,
  describes: 'An administrator changed when a destination receives the whole referral (schema version 1)',
  data: z.strictObject(sharingData),
  personal: undefined,
});

export const OrganisationSharingPolicyChanged = defineEvent({
  type: 'OrganisationSharingPolicyChanged',
  schemaVersion: 2,
  describes:
    'An administrator changed when a destination receives the whole referral (on submission, or after police deconfliction)',
  data: z.strictObject({ ...sharingData, reason: DirectoryChangeReason.nullable() }),
  personal: undefined,
});
