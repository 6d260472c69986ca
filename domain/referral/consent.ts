// Who may give consent to Channel support: the person if an adult, a parent or guardian for a
// child; and whether the consent on record counts on a given day (issue 12, part 4).
import { type ConsentGivenBy } from '../../events/channel.js';
import { type AgeBasis, ageOn } from './age.js';
import { type ReferralPolicy } from './policy.js';
import { type ConsentAnswer, type ReferralState } from './state.js';

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

export interface ConsentAnswers {
  person: ConsentAnswer | null;
  parentOrGuardian: ConsentAnswer | null;
  dueAgain: boolean;
}

/**
 * The latest answer of each consenter. States folded before answers were kept apart (case
 * records stored by the projector) know only the latest answer, and whose it was.
 */
export function consentAnswers(state: ReferralState): ConsentAnswers {
  const consent = state.consent as Partial<ReferralState['consent']> & Pick<ReferralState['consent'], 'status'>;
  if (consent.person !== undefined && consent.parentOrGuardian !== undefined)
    return { person: consent.person, parentOrGuardian: consent.parentOrGuardian, dueAgain: consent.dueAgain ?? false };
  const latest = consent.status === 'not-recorded' ? null : consent.status;
  return {
    person: consent.givenBy === 'person' ? latest : null,
    parentOrGuardian: consent.givenBy === 'parent-or-guardian' ? latest : null,
    dueAgain: false,
  };
}

/**
 * Does the consent on record count on this day? An adult's must be their own; a child's comes from
 * a parent or guardian, and never against the child's own refusal.
 */
export function consentCounts(state: ReferralState, onDate: string, policy: ReferralPolicy): boolean {
  const answers = consentAnswers(state);
  if (requiredConsenter(state.ageBasis, onDate, policy) === 'person') return answers.person === 'given';
  return answers.parentOrGuardian === 'given' && answers.person !== 'refused';
}
