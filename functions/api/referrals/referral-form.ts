// The national referral form as POST /referrals takes it: the SubmitReferral command without
// what the service fills in (type, ids, reference, time, actor). Strict at every level: an
// unknown field is named and refused.
import * as z from 'zod';
import { SubmitReferral } from '../../../domain/referral/commands.js';

const filledByTheService = new Set(['type', 'referralId', 'at', 'actor', 'reference']);

export const ReferralForm = z
  .strictObject(
    Object.fromEntries(Object.entries(SubmitReferral.shape).filter(([name]) => !filledByTheService.has(name))),
  )
  .meta({
    id: 'ReferralForm',
    description:
      'The national referral form. Everything about the person and the concern is personal, special-category data.',
  });
export type ReferralForm = z.infer<typeof ReferralForm>;

export const SubmissionAnswer = z
  .object({
    referralId: z.string(),
    reference: z.string().meta({ description: 'A short reference to quote, such as PRV-7K3M-Q9TX' }),
    /** Present when immediate risk was ticked. */
    immediateRisk: z.object({ call999: z.literal(true), message: z.string() }).optional(),
  })
  .meta({ id: 'SubmissionAnswer' });
export type SubmissionAnswer = z.infer<typeof SubmissionAnswer>;

export const CALL_999 =
  'You said someone is at immediate risk: call 999 now if you have not already. The referral is recorded and marked urgent.';
