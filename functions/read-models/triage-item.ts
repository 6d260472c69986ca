// One referral in one destination's triage queue: what a triage officer needs to pick the next
// case, with no personal data (the person's name stays in the case, behind access checks).
import * as z from 'zod';
import { DestinationKind, NamedArea, Priority, TypeOfConcern } from '../../events/index.js';
import { CalendarDate } from '../../domain/triage/index.js';
import { CaseStatus } from './case-view.js';

/** The step the referral waits for, whose due date orders the queue. */
export const AwaitedStep = z.enum([
  'gateway-assessment',
  'hub-assessment',
  'channel-panel',
  'support',
  'post-exit-review',
  'closure',
  'rerouting',
  'transfer-acceptance',
  'case-management-review',
]);
export type AwaitedStep = z.infer<typeof AwaitedStep>;

/**
 * Why this row waits on someone else (decision 0016): the organisation was told only that the
 * referral exists and waits for the police to share it; or the police asked the referrer a
 * question that is not yet answered.
 */
export const WaitingMark = z.enum(['police-to-share', 'referrer-answer']);
export type WaitingMark = z.infer<typeof WaitingMark>;

export const TriageItem = z.object({
  streamId: z.string(),
  reference: z.string(),
  /** The organisation whose queue this item is in. */
  destinationId: z.string(),
  destinationKind: DestinationKind,
  status: CaseStatus,
  priority: Priority,
  typeOfConcern: TypeOfConcern,
  /** Whether the type of concern was confirmed by the police gateway assessment or is the referrer's suspicion. */
  typeOfConcernConfirmed: z.boolean(),
  localAuthority: NamedArea.nullable(),
  policeForce: NamedArea.nullable(),
  /** The destination that holds the next step (police hub, hub clinicians, local authority), or null when none does. */
  heldBy: z.string().nullable(),
  awaiting: AwaitedStep,
  dueOn: CalendarDate.nullable(),
  /** A deadline passed (gateway assessment) or a destination did not confirm delivery. */
  overdue: z.boolean(),
  submittedAt: z.string(),
  version: z.number().int().positive(),
  /** The row's waiting marks (absent on items projected before they were kept). */
  waiting: z.array(WaitingMark).optional(),
});
export type TriageItem = z.infer<typeof TriageItem>;
