// Routing and delivery: where a referral was sent, and proof that it arrived.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId, NamedArea, Postcode } from './common.js';
import { IsoDateTime } from './envelope.js';

export const Jurisdiction = z.enum(['england-wales', 'scotland', 'northern-ireland', 'crown-dependency', 'unknown']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export const DestinationKind = z.enum(['police-prevent-hub', 'local-authority-prevent-team', 'vulnerability-support-hub', 'national-triage']);
export type DestinationKind = z.infer<typeof DestinationKind>;
export const Priority = z.enum(['urgent', 'standard']);
export type Priority = z.infer<typeof Priority>;

export const RoutedDestination = z.strictObject({ kind: DestinationKind, id: DestinationId, name: z.string().min(1).max(200) });
export type RoutedDestination = z.infer<typeof RoutedDestination>;

export const ReferralRouted = defineEvent({
  type: 'ReferralRouted',
  schemaVersion: 1,
  describes: 'The referral was routed to its destinations by where the person lives',
  data: z.strictObject({
    ruleVersion: z.string().min(1).max(40),
    jurisdiction: Jurisdiction,
    localAuthority: NamedArea.nullable(),
    policeForce: NamedArea.nullable(),
    ctpRegion: NamedArea.nullable(),
    vulnerabilitySupportHub: NamedArea.nullable(),
    destinations: z.array(RoutedDestination).min(1).max(10),
    priority: Priority,
    /** Plain-English steps of the decision, free of personal data (districts, forces, rule version). */
    explanation: z.array(z.string().min(1).max(300)).max(20),
    /** Why it was routed (again): the first routing, a transfer, or a hub assessment request. */
    reason: z.enum(['submitted', 'transferred', 'hub-assessment-requested']),
  }),
  personal: z.strictObject({ postcode: Postcode.nullable() }),
});

export const ReferralDelivered = defineEvent({
  type: 'ReferralDelivered',
  schemaVersion: 1,
  describes: 'A destination confirmed receipt of the referral',
  data: z.strictObject({
    destinationId: DestinationId,
    /** The version of the routed event this delivery confirms. */
    routedVersion: z.number().int().positive(),
    messageId: z.string().min(1).max(200),
    receivedAt: IsoDateTime,
  }),
  personal: undefined,
});

export const DeliveryOverdue = defineEvent({
  type: 'DeliveryOverdue',
  schemaVersion: 1,
  describes: 'A destination had not confirmed receipt within the delivery deadline',
  data: z.strictObject({
    destinationId: DestinationId,
    routedVersion: z.number().int().positive(),
    dueBy: IsoDateTime,
  }),
  personal: undefined,
});
