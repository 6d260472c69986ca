// Routing and delivery: where a referral was sent, and proof that it arrived.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { DestinationId, NamedArea, Postcode } from './common.js';
import { IsoDateTime } from './envelope.js';

export const Jurisdiction = z.enum(['england-wales', 'scotland', 'northern-ireland', 'crown-dependency', 'unknown']);
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export const DestinationKind = z.enum([
  'police-prevent-hub',
  'local-authority-prevent-team',
  'vulnerability-support-hub',
  'national-triage',
  // Decision 0018: a regional Prevent hub, a destination only where its region's setting says it assesses.
  'regional-prevent-hub',
]);
export type DestinationKind = z.infer<typeof DestinationKind>;
export const Priority = z.enum(['urgent', 'standard']);
export type Priority = z.infer<typeof Priority>;

export const RoutedDestination = z.strictObject({
  kind: DestinationKind,
  id: DestinationId,
  name: z.string().min(1).max(200),
});
export type RoutedDestination = z.infer<typeof RoutedDestination>;

// A postcode, or its outward code alone ("CV1", "ws13", "SW1A 1AA"), as a word of its own; and a
// postcode area named as such ("postcode area BT"). Codes of areas and forces (E08000026,
// W15000003, CTP-WM) are longer words and do not match.
const POSTCODE_OR_OUTWARD_CODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]?(?:\s*[0-9][A-Z]{2})?\b/i;
const POSTCODE_AREA = /\bpostcode area [A-Z]{1,2}\b/;

/** Whether a step of a routing explanation names a postcode or a part of one. */
export function namesPostcode(step: string): boolean {
  return POSTCODE_OR_OUTWARD_CODE.test(step) || POSTCODE_AREA.test(step);
}

const routedData = {
  ruleVersion: z.string().min(1).max(40),
  jurisdiction: Jurisdiction,
  localAuthority: NamedArea.nullable(),
  policeForce: NamedArea.nullable(),
  ctpRegion: NamedArea.nullable(),
  vulnerabilitySupportHub: NamedArea.nullable(),
  destinations: z.array(RoutedDestination).min(1).max(10),
  priority: Priority,
  /**
   * Why it was routed (again): the first routing, a transfer, a hub assessment request, or a move
   * between the police forces of a region by its regional Prevent hub (decision 0018; a value
   * added to the enum, so every stored event still reads).
   */
  reason: z.enum(['submitted', 'transferred', 'hub-assessment-requested', 'moved-within-region']),
};
const routedPersonal = z.strictObject({ postcode: Postcode.nullable() });

export const ReferralRouted = defineEvent({
  type: 'ReferralRouted',
  schemaVersion: 2,
  describes: 'The referral was routed to its destinations by where the person lives',
  data: z.strictObject({
    ...routedData,
    /**
     * Plain-English steps of the decision (districts, forces, regions, rule version). Kept after
     * erasure, so nothing taken from the postcode: not the postcode, its outward code or its area.
     */
    explanation: z
      .array(
        z
          .string()
          .min(1)
          .max(300)
          .refine(
            (step) => !namesPostcode(step),
            'a step of the explanation must not name a postcode or a part of one',
          ),
      )
      .max(20),
  }),
  personal: routedPersonal,
});

/**
 * Version 1 allowed any text in the explanation, and the routing rules of the time named the
 * outward code of a half postcode and the postcode area there; `upcasters.ts` lifts it to 2.
 */
export const ReferralRoutedV1 = defineEvent({
  type: 'ReferralRouted',
  schemaVersion: 1,
  describes: 'The referral was routed (schema version 1)',
  data: z.strictObject({ ...routedData, explanation: z.array(z.string().min(1).max(300)).max(20) }),
  personal: routedPersonal,
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
