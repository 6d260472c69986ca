// Configuration of the referral process: facts public sources leave to local policy. The triage
// policy (targets in working days, review intervals) is part of it: the decider works out due
// dates from it when a referral is routed or escalated, and when reviews fall due.
import * as z from 'zod';
import { TriagePolicy, defaultTriagePolicy } from '../triage/triage-policy.js';
import { ONCE } from '../parse-once.js';

export const ReferralPolicy = z.strictObject({
  /** A person under this age at the time of consent is a child: consent must come from a parent or guardian. */
  childConsentAgeThreshold: z.number().int().min(1).max(25),
  /** Years a closed case is kept before its personal data may be erased because retention ended. */
  retentionYears: z.number().int().min(1).max(100),
  /** Deadlines and review intervals. */
  triage: TriagePolicy,
});
export type ReferralPolicy = z.infer<typeof ReferralPolicy>;

export const defaultReferralPolicy: ReferralPolicy = Object.freeze({
  childConsentAgeThreshold: 18,
  retentionYears: 6,
  triage: defaultTriagePolicy,
});

/** The default policy with the given settings over it, checked. */
export function referralPolicy(overrides: Partial<ReferralPolicy> = {}): ReferralPolicy {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return ReferralPolicy.parse({ ...defaultReferralPolicy, ...defined }, ONCE);
}
