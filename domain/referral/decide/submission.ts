// Submitting a referral through the national referral form.
import { ageBandOf, ageBasisFromForm, ageOn } from '../age.js';
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';

export function decideSubmission(command: CommandOf<'SubmitReferral'>, state: ReferralState): ReferralDecision {
  if (state.status !== 'not-submitted') return reject('already-submitted');
  const { type: _type, referralId: _referralId, at, actor: _actor, personal, ...data } = command;
  const submittedOn = dateOf(at);
  const ageBand = ageBandOf(ageOn(ageBasisFromForm(personal.person, submittedOn), submittedOn));
  return accept({ type: 'ReferralSubmitted', data: { ...data, ageBand }, personal });
}
