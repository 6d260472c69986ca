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

/**
 * Who makes the police gateway assessment of a CTP region's referrals (issue 17 part 6, decision
 * 0018): each force of the region (the default), or the region's regional Prevent hub, which then
 * becomes a destination of the region's referrals beside the force.
 */
export const GatewayAssessor = z.enum(['force', 'regional-hub']);
export type GatewayAssessor = z.infer<typeof GatewayAssessor>;

export const RegionalAssessmentChanged = defineEvent({
  type: 'RegionalAssessmentChanged',
  schemaVersion: 1,
  describes:
    "An administrator changed who makes the gateway assessment of a CTP region's referrals (each force, or the regional Prevent hub)",
  data: z.strictObject({
    /** The region's regional Prevent hub ("ctp:CTP-WM"). */
    organisationId: DestinationId,
    /** The setting after the change (state-carrying). */
    assessedBy: GatewayAssessor,
    reason: DirectoryChangeReason,
  }),
  personal: undefined,
});

/**
 * A council's Channel panel as the directory knows it (issue 17 part 2; decision 0017): every
 * local authority must run a panel, which it chairs (CTSA 2015 s.36); neighbouring councils may
 * run one jointly. Known by the chair's role (never a person's name) and a functional mailbox.
 */
export const ChannelPanel = z.strictObject({
  /** The council runs its own panel, or one jointly with the councils named. */
  arrangement: z.enum(['own', 'joint']),
  /** The other councils of a joint panel (district ids "la:<code>"); empty for its own panel. */
  jointWith: z.array(DestinationId).max(20),
  /** Who chairs it, as a role ("Head of Community Safety"), never a name. */
  chairRole: z.string().trim().min(1).max(120),
  /** The panel's functional mailbox (not personal data). */
  mailbox: z.email().max(254),
});
export type ChannelPanel = z.infer<typeof ChannelPanel>;

export const ChannelPanelChanged = defineEvent({
  type: 'ChannelPanelChanged',
  schemaVersion: 1,
  describes:
    "An administrator recorded or changed a council's Channel panel (own or joint, its chair's role, its mailbox)",
  data: z.strictObject({
    organisationId: DestinationId,
    /** The panel after the change (state-carrying). */
    panel: ChannelPanel,
    reason: DirectoryChangeReason,
  }),
  personal: undefined,
});
