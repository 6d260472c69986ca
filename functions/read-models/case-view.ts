// The case view read model: what the API needs to know about a referral without folding its
// stream (status, reference, priority, who may see it, who submitted it, how far it is
// projected, whether it was erased). Nothing personal.
import * as z from 'zod';
import { NamedArea, Priority, RoutedDestination } from '../../events/index.js';

export const CaseStatus = z.enum([
  'not-submitted',
  'submitted',
  'routed',
  'gateway-assessment',
  'hub-assessment',
  'police-case-management',
  'channel',
  'supported',
  'post-exit',
  'closed',
]);

export const CaseView = z.object({
  streamId: z.string(),
  reference: z.string(),
  status: CaseStatus,
  priority: Priority.nullable(),
  /** Organisations that may see the referral now (access follows routing). */
  currentDestinations: z.array(z.string()),
  /** The destinations of the latest routing, with their kind and name. */
  destinations: z.array(RoutedDestination),
  formerDestinations: z.array(z.string()),
  submittedBy: z.object({ organisation: z.string(), user: z.string() }),
  submittedAt: z.string(),
  localAuthority: NamedArea.nullable(),
  policeForce: NamedArea.nullable(),
  awaitingRerouting: z.boolean(),
  /** The version of the referral's stream this view includes. */
  version: z.number().int().positive(),
  erased: z.boolean(),
});
export type CaseView = z.infer<typeof CaseView>;
