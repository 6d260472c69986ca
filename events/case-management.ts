// Police-led Prevent Case Management (PCM): the route the police take when the risk is theirs to
// manage (the gateway assessment's outcome, or the next step of a case the Channel panel did not
// adopt). It has reviews of its own that fall due by themselves, a way back to Channel, and an end.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText } from './common.js';
import { IsoDate } from './envelope.js';

/** What put the case into police-led case management. */
export const CaseManagementCause = z.enum(['gateway-assessment', 'channel-panel']);
export type CaseManagementCause = z.infer<typeof CaseManagementCause>;

export const PoliceCaseManagementStarted = defineEvent({
  type: 'PoliceCaseManagementStarted',
  schemaVersion: 1,
  describes: 'The police took the case into police-led Prevent Case Management',
  data: z.strictObject({ from: CaseManagementCause }),
  personal: undefined,
});

export const PoliceCaseManagementReviewScheduled = defineEvent({
  type: 'PoliceCaseManagementReviewScheduled',
  schemaVersion: 1,
  describes: 'The next review of police-led case management was set by the triage policy',
  data: z.strictObject({ dueOn: IsoDate }),
  personal: undefined,
});

export const PoliceCaseManagementReviewDue = defineEvent({
  type: 'PoliceCaseManagementReviewDue',
  schemaVersion: 1,
  describes: 'A review of police-led case management fell due',
  data: z.strictObject({ dueOn: IsoDate }),
  personal: undefined,
});

export const PoliceCaseManagementReviewed = defineEvent({
  type: 'PoliceCaseManagementReviewed',
  schemaVersion: 1,
  describes: 'The police reviewed the case under police-led case management',
  data: z.strictObject({ riskMitigated: z.boolean() }),
  personal: z.strictObject({ notes: LongText }),
});

/** How police-led case management ended: the risk is managed, the case goes (back) to Channel, or otherwise. */
export const CaseManagementEnding = z.enum(['no-further-concern', 'referred-to-channel', 'other']);
export type CaseManagementEnding = z.infer<typeof CaseManagementEnding>;

export const PoliceCaseManagementEnded = defineEvent({
  type: 'PoliceCaseManagementEnded',
  schemaVersion: 1,
  describes: 'Police-led case management ended',
  data: z.strictObject({ reason: CaseManagementEnding }),
  personal: z.strictObject({ rationale: LongText }),
});
