// Organisations in the directory: an administrator onboards a council joining the shared
// infrastructure, or changes where a destination's notifications go. Stream: organisation-<id>.
// The static directory (data/directory/organisations.json) is the starting point; these events
// are laid over it. A functional mailbox is not personal data.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId } from './common.js';

export const OrganisationDetailsChanged = defineEvent({
  type: 'OrganisationDetailsChanged',
  schemaVersion: 1,
  describes: "An administrator changed a destination's details (onboarding, mailbox)",
  data: z.strictObject({
    organisationId: DestinationId,
    /** The details after the change (state-carrying: a reader needs only the latest event). */
    mailbox: z.email().max(254),
    onboarded: z.boolean(),
    /** What changed, for the audit trail and the timeline. */
    changed: z
      .array(z.enum(['mailbox', 'onboarded']))
      .min(1)
      .max(2),
  }),
  personal: undefined,
});

export const OrganisationSharingPolicyChanged = defineEvent({
  type: 'OrganisationSharingPolicyChanged',
  schemaVersion: 1,
  describes:
    'An administrator changed when a destination receives the whole referral (on submission, or after police deconfliction)',
  data: z.strictObject({
    organisationId: DestinationId,
    /** The policy after the change (state-carrying, like OrganisationDetailsChanged). */
    sharing: z.enum(['on-submission', 'after-deconfliction']),
  }),
  personal: undefined,
});
