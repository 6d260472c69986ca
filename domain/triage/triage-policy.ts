// The triage policy: targets and timers, as configuration with defaults (DOMAIN.md marks
// them configurable). Parsed with zod wherever it comes in from outside.
import * as z from 'zod';
import { TypeOfConcern } from '../../events/index.js';

const WorkingDays = z.number().int().min(0).max(250);

const Target = z.strictObject({
  /** Working days allowed for a standard referral. */
  standardWorkingDays: WorkingDays,
  /** Working days allowed for an urgent one; 0 means the same day. */
  urgentWorkingDays: WorkingDays,
});
export type Target = z.infer<typeof Target>;

export const TriagePolicy = z
  .strictObject({
    /** The police gateway assessment: 5 working days by default, the same day when urgent. */
    gatewayAssessment: Target,
    /** The Vulnerability Support Hub assessment, from its request. */
    hubAssessment: Target,
    /** Discussion at a Channel panel, from the gateway's referral to Channel. */
    channelPanel: Target,
    /** Minutes a destination has to confirm delivery before the referral counts as undelivered. */
    deliveryConfirmationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** Months after leaving Channel at which the post-exit reviews fall due. */
    postExitReviewMonths: z.strictObject({
      sixMonth: z.number().int().min(1).max(36),
      twelveMonth: z.number().int().min(1).max(36),
    }),
    /** Months from agreeing a support package (or its latest review) to its next review. */
    supportReviewMonths: z.number().int().min(1).max(12),
    /** Months from the start of police-led case management (or its latest review) to its next review. */
    caseManagementReviewMonths: z.number().int().min(1).max(12),
    /** Suspected types of concern that make a referral urgent even without immediate risk (none by default). */
    urgentConcernTypes: z.array(TypeOfConcern).max(7),
  })
  .refine((policy) => policy.postExitReviewMonths.sixMonth < policy.postExitReviewMonths.twelveMonth, {
    message: 'the first post-exit review must fall before the second',
    path: ['postExitReviewMonths'],
  })
  .refine(
    (policy) =>
      [policy.gatewayAssessment, policy.hubAssessment, policy.channelPanel].every(
        (t) => t.urgentWorkingDays <= t.standardWorkingDays,
      ),
    {
      message: 'an urgent target cannot be longer than the standard one',
    },
  );
export type TriagePolicy = z.infer<typeof TriagePolicy>;

export const defaultTriagePolicy: TriagePolicy = Object.freeze({
  gatewayAssessment: { standardWorkingDays: 5, urgentWorkingDays: 0 },
  hubAssessment: { standardWorkingDays: 10, urgentWorkingDays: 1 },
  channelPanel: { standardWorkingDays: 20, urgentWorkingDays: 5 },
  deliveryConfirmationMinutes: 60,
  postExitReviewMonths: { sixMonth: 6, twelveMonth: 12 },
  supportReviewMonths: 3,
  caseManagementReviewMonths: 3,
  urgentConcernTypes: [],
});

const PolicyOverrides = z.strictObject({
  gatewayAssessment: Target.partial().optional(),
  hubAssessment: Target.partial().optional(),
  channelPanel: Target.partial().optional(),
  deliveryConfirmationMinutes: z.unknown().optional(),
  postExitReviewMonths: z
    .strictObject({ sixMonth: z.unknown().optional(), twelveMonth: z.unknown().optional() })
    .optional(),
  supportReviewMonths: z.unknown().optional(),
  caseManagementReviewMonths: z.unknown().optional(),
  urgentConcernTypes: z.unknown().optional(),
});

export class TriagePolicyError extends Error {
  constructor(readonly issues: string) {
    super(`the triage policy is not valid: ${issues}`);
    this.name = 'TriagePolicyError';
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the policy)'}: ${issue.message}`)
    .join('; ');
}

/** The default policy with configured overrides laid over it, validated as a whole. */
export function triagePolicy(overrides: unknown = {}): TriagePolicy {
  const shape = PolicyOverrides.safeParse(overrides);
  if (!shape.success) throw new TriagePolicyError(describe(shape.error));
  const o = shape.data;
  const merged = {
    ...defaultTriagePolicy,
    ...(o.deliveryConfirmationMinutes === undefined
      ? {}
      : { deliveryConfirmationMinutes: o.deliveryConfirmationMinutes }),
    ...(o.urgentConcernTypes === undefined ? {} : { urgentConcernTypes: o.urgentConcernTypes }),
    ...(o.supportReviewMonths === undefined ? {} : { supportReviewMonths: o.supportReviewMonths }),
    ...(o.caseManagementReviewMonths === undefined ? {} : { caseManagementReviewMonths: o.caseManagementReviewMonths }),
    gatewayAssessment: { ...defaultTriagePolicy.gatewayAssessment, ...o.gatewayAssessment },
    hubAssessment: { ...defaultTriagePolicy.hubAssessment, ...o.hubAssessment },
    channelPanel: { ...defaultTriagePolicy.channelPanel, ...o.channelPanel },
    postExitReviewMonths: {
      ...defaultTriagePolicy.postExitReviewMonths,
      ...(o.postExitReviewMonths?.sixMonth === undefined ? {} : { sixMonth: o.postExitReviewMonths.sixMonth }),
      ...(o.postExitReviewMonths?.twelveMonth === undefined ? {} : { twelveMonth: o.postExitReviewMonths.twelveMonth }),
    },
  };
  const policy = TriagePolicy.safeParse(merged);
  if (!policy.success) throw new TriagePolicyError(describe(policy.error));
  return policy.data;
}
