// Channel: the panel chaired by the local authority, consent, decision, support and exit.
import * as z from 'zod';
import { defineEvent } from './define-event.js';
import { AreaCode, DestinationId, LongText, ShortText } from './common.js';
import { IsoDate } from './envelope.js';
import { SupportProviderKind } from './reference-data.js';

export const ChannelPanelScheduled = defineEvent({
  type: 'ChannelPanelScheduled',
  schemaVersion: 1,
  describes: 'A Channel panel was scheduled to discuss the case',
  data: z.strictObject({ panelDate: IsoDate, localAuthorityCode: AreaCode }),
  personal: undefined,
});

export const ConsentGivenBy = z.enum(['person', 'parent-or-guardian']);
export type ConsentGivenBy = z.infer<typeof ConsentGivenBy>;

export const ConsentRecorded = defineEvent({
  type: 'ConsentRecorded',
  schemaVersion: 1,
  describes: 'Consent to Channel support was given or refused',
  data: z.strictObject({ given: z.boolean(), givenBy: ConsentGivenBy }),
  personal: z.strictObject({ consenterName: ShortText, notes: LongText.optional() }),
});

/**
 * The Vulnerability Assessment Framework: 22 factors in three dimensions. Each count is
 * how many factors of that dimension the panel found present.
 */
export const VulnerabilityAssessment = z.strictObject({
  engagement: z.number().int().min(0).max(13),
  intent: z.number().int().min(0).max(6),
  capability: z.number().int().min(0).max(3),
});
export type VulnerabilityAssessment = z.infer<typeof VulnerabilityAssessment>;

export const PanelDecision = z.enum(['adopted', 'not-adopted']);
export const NotAdoptedNextStep = z.enum(['no-further-action', 'signposted', 'police-led-case-management']);

export const PanelDecisionRecorded = defineEvent({
  type: 'PanelDecisionRecorded',
  schemaVersion: 1,
  describes: 'The Channel panel decided whether to adopt the case',
  data: z.strictObject({
    decision: PanelDecision,
    vulnerabilityAssessment: VulnerabilityAssessment,
    nextStep: NotAdoptedNextStep.nullable(),
  }),
  personal: z.strictObject({ minutes: LongText }),
});

export const SupportPackageAgreed = defineEvent({
  type: 'SupportPackageAgreed',
  schemaVersion: 1,
  describes: 'A support package was agreed',
  data: z.strictObject({ providers: z.array(SupportProviderKind).min(1).max(10) }),
  personal: z.strictObject({ details: LongText }),
});

export const SupportReviewed = defineEvent({
  type: 'SupportReviewed',
  schemaVersion: 1,
  describes: 'The panel reviewed the support package',
  data: z.strictObject({ riskMitigated: z.boolean() }),
  personal: z.strictObject({ notes: LongText }),
});

export const ChannelExitReason = z.enum(['no-further-concern', 'consent-withdrawn', 'escalated-to-police', 'other']);
export type ChannelExitReason = z.infer<typeof ChannelExitReason>;

export const LeftChannel = defineEvent({
  type: 'LeftChannel',
  schemaVersion: 1,
  describes: 'The person left Channel',
  data: z.strictObject({ reason: ChannelExitReason, exitDate: IsoDate }),
  personal: undefined,
});

/** The Channel events a police Prevent hub may record for a council that is not on the service. */
export const ChannelWorkForCouncil = z.enum([
  'ChannelPanelScheduled',
  'ConsentRecorded',
  'PanelDecisionRecorded',
  'SupportPackageAgreed',
  'SupportReviewed',
  'LeftChannel',
  'PostExitReviewCompleted',
]);
export type ChannelWorkForCouncil = z.infer<typeof ChannelWorkForCouncil>;

/**
 * Attribution: the event recorded just before this one (`recorded`) is the council's Channel work,
 * which the police Prevent hub of the case recorded on its behalf because the council is not on
 * the service (the hub records what that council's panel told it). Always in the same append.
 */
export const ChannelWorkRecordedForCouncil = defineEvent({
  type: 'ChannelWorkRecordedForCouncil',
  schemaVersion: 1,
  describes: "The police Prevent hub recorded the council's Channel work on its behalf",
  data: z.strictObject({
    recorded: ChannelWorkForCouncil,
    onBehalfOf: DestinationId,
    localAuthorityCode: AreaCode,
  }),
  personal: undefined,
});
