// Deadlines the service works out itself from the triage policy, and the escalation of a live
// case to urgent: the gateway assessment is due from the moment a referral is routed (not from a
// date an officer types), and a raised priority brings that deadline forward.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText } from './common.js';
import { IsoDate } from './envelope.js';

export const GatewayDeadlineCause = z.enum(['routed', 'escalated']);

export const GatewayAssessmentDeadlineSet = defineEvent({
  type: 'GatewayAssessmentDeadlineSet',
  schemaVersion: 1,
  describes: 'The gateway assessment became due by a date worked out from the triage policy',
  data: z.strictObject({ dueBy: IsoDate, because: GatewayDeadlineCause }),
  personal: undefined,
});

export const ReferralEscalated = defineEvent({
  type: 'ReferralEscalated',
  schemaVersion: 1,
  describes: 'A live case was raised to urgent',
  data: z.strictObject({ from: z.literal('standard') }),
  personal: z.strictObject({ reason: LongText }),
});

export const SupportReviewScheduled = defineEvent({
  type: 'SupportReviewScheduled',
  schemaVersion: 1,
  describes: 'The next review of the support package was set by the triage policy',
  data: z.strictObject({ dueOn: IsoDate }),
  personal: undefined,
});

export const SupportReviewDue = defineEvent({
  type: 'SupportReviewDue',
  schemaVersion: 1,
  describes: 'A review of the support package fell due',
  data: z.strictObject({ dueOn: IsoDate }),
  personal: undefined,
});
