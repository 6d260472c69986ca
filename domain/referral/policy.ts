// Configuration of the referral process: facts public sources leave to local policy.
import * as z from 'zod';

export const ReferralPolicy = z.strictObject({
  /** A person under this age at the time of consent is a child: consent must come from a parent or guardian. */
  childConsentAgeThreshold: z.number().int().min(1).max(25),
  /** Years a closed case is kept before its personal data may be erased because retention ended. */
  retentionYears: z.number().int().min(1).max(100),
});
export type ReferralPolicy = z.infer<typeof ReferralPolicy>;

export const defaultReferralPolicy: ReferralPolicy = Object.freeze({
  childConsentAgeThreshold: 18,
  retentionYears: 6,
});

/** The default policy with the given settings over it, checked. */
export function referralPolicy(overrides: Partial<ReferralPolicy> = {}): ReferralPolicy {
  return ReferralPolicy.parse({ ...defaultReferralPolicy, ...overrides });
}
