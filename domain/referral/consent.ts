// Who may give consent to Channel support: the person if an adult, a parent or guardian for a child.
import { type ConsentGivenBy } from '../../events/channel.js';
import { type AgeBasis, ageOn } from './age.js';
import { type ReferralPolicy } from './policy.js';

/**
 * A child is anyone under the configured threshold on the day. A person whose age is not known
 * is treated as a child: nothing shows they may consent for themselves.
 */
export function isChildOn(ageBasis: AgeBasis | null, onDate: string, policy: ReferralPolicy): boolean {
  const age = ageOn(ageBasis, onDate);
  return age === null || age < policy.childConsentAgeThreshold;
}

/** Who must give consent for it to count. */
export function requiredConsenter(ageBasis: AgeBasis | null, onDate: string, policy: ReferralPolicy): ConsentGivenBy {
  return isChildOn(ageBasis, onDate, policy) ? 'parent-or-guardian' : 'person';
}
