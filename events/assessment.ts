// The police gateway assessment and the Vulnerability Support Hub assessment.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { LongText, ShortText } from './common.js';
import { IsoDate } from './envelope.js';
import { TypeOfConcern } from './reference-data.js';

export const GatewayOutcome = z.enum([
  'no-further-action',
  'signposted',
  'police-led-case-management',
  'referred-to-channel',
  'referred-to-vulnerability-support-hub',
]);
export type GatewayOutcome = z.infer<typeof GatewayOutcome>;

export const SignpostedService = z.enum([
  'childrens-social-care',
  'adult-social-care',
  'mash',
  'health',
  'education',
  'other',
]);

export const GatewayAssessmentStarted = defineEvent({
  type: 'GatewayAssessmentStarted',
  schemaVersion: 1,
  describes: 'The police Prevent hub started the gateway assessment',
  data: z.strictObject({ dueBy: IsoDate }),
  personal: undefined,
});

export const GatewayAssessmentCompleted = defineEvent({
  type: 'GatewayAssessmentCompleted',
  schemaVersion: 1,
  describes: 'The police Prevent hub completed the gateway assessment',
  data: z.strictObject({
    outcome: GatewayOutcome,
    confirmedConcernType: TypeOfConcern,
    deconflicted: z.boolean(),
    signpostedTo: z.array(SignpostedService).max(6),
  }),
  personal: z.strictObject({ rationale: LongText }),
});

export const GatewayAssessmentOverdue = defineEvent({
  type: 'GatewayAssessmentOverdue',
  schemaVersion: 1,
  describes: 'The gateway assessment passed its deadline',
  data: z.strictObject({ dueBy: IsoDate }),
  personal: undefined,
});

export const HubAssessmentRequested = defineEvent({
  type: 'HubAssessmentRequested',
  schemaVersion: 1,
  describes: 'A Vulnerability Support Hub assessment was requested',
  data: z.strictObject({ requestedBy: z.enum(['gateway-assessment', 'channel-panel', 'referrer']) }),
  personal: z.strictObject({ reason: LongText }),
});

export const HubAssessmentOutcome = z.enum(['support-offered', 'no-unmet-mental-health-need', 'returned-to-police']);

export const HubAssessmentCompleted = defineEvent({
  type: 'HubAssessmentCompleted',
  schemaVersion: 1,
  describes: 'The Vulnerability Support Hub completed its assessment',
  data: z.strictObject({ outcome: HubAssessmentOutcome }),
  personal: z.strictObject({ clinicalSummary: LongText, clinician: ShortText }),
});
