// Consent done right (issue 12, part 4): who may answer, a person's refusal that nobody else can
// override, the age corrected, and consent sought again when the person comes of age.
import { type DomainEvent } from '../../../events/catalogue.js';
import { type AgeBasis, ageBandOf, ageOnReferralDay, comesOfAgeOn } from '../age.js';
import { dateOf } from '../calendar.js';
import { type CommandOf } from '../commands.js';
import { consentAnswers, consentCounts, requiredConsenter } from '../consent.js';
import { settled } from '../delivery-history.js';
import { ageBasisOf } from '../evolve-channel.js';
import { type ReferralPolicy } from '../policy.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, nothingToRecord, payloadOf, reject } from './decision.js';

/** Consent matters from the panel's scheduling until the person leaves Channel. */
function inChannel(state: ReferralState): boolean {
  return state.panel.status !== 'not-scheduled' && !state.channelExit;
}

/** When a parent's or guardian's consent stops counting: the day the person reaches the consent age. */
function dueAgainDate(basis: AgeBasis | null, today: string, policy: ReferralPolicy): DomainEvent[] {
  const dueOn = comesOfAgeOn(basis, policy.childConsentAgeThreshold);
  if (dueOn === null || dueOn <= today) return [];
  return [{ type: 'ConsentDueAgainDateSet', data: {}, personal: { dueOn } }];
}

export function decideConsent(
  command: CommandOf<'RecordConsent'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (state.panel.status === 'not-scheduled') return reject('panel-not-scheduled');
  if (state.channelExit) return reject('already-left-channel');
  const today = dateOf(command.at);
  const required = requiredConsenter(state.ageBasis, today, policy);
  const answers = consentAnswers(state);
  // A person's own refusal is not overridden by anyone else's record: only the person may change it.
  if (command.givenBy !== 'person' && answers.person === 'refused') return reject('consent-refused-by-person');
  if (command.givenBy !== required) {
    // A child answers for themselves only to refuse, or to lift their own earlier refusal (the
    // parent's or guardian's consent is still needed for it to count).
    const childAnswering = required === 'parent-or-guardian' && (!command.given || answers.person === 'refused');
    if (!childAnswering)
      return reject(
        required === 'parent-or-guardian' ? 'consent-from-parent-required' : 'consent-from-person-required',
      );
  }
  const recorded: DomainEvent = { type: 'ConsentRecorded', ...payloadOf(command) };
  const byParent = command.givenBy === 'parent-or-guardian' && command.given;
  return accept(recorded, ...(byParent ? dueAgainDate(state.ageBasis, today, policy) : []));
}

export function decideAgeCorrection(
  command: CommandOf<'CorrectAge'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  const today = dateOf(command.at);
  const basis = ageBasisOf(command.personal, today);
  const submittedOn = state.submittedAt ? dateOf(state.submittedAt) : today;
  const ageBand = ageBandOf(ageOnReferralDay(basis, submittedOn));
  const events: DomainEvent[] = [
    { type: 'AgeCorrected', data: { ageBand, correctedOn: today }, personal: command.personal },
  ];
  if (!inChannel(state) || consentAnswers(state).dueAgain) return accept(...events);
  const corrected = { ...state, ageBasis: basis };
  if (consentCounts(state, today, policy) && !consentCounts(corrected, today, policy)) {
    events.push({ type: 'ConsentDueAgain', data: { because: 'age-corrected' } });
  } else if (consentAnswers(state).parentOrGuardian === 'given') {
    events.push(...dueAgainDate(basis, today, policy));
  }
  return accept(...events);
}

/**
 * The timers' fact: the person a parent or guardian consented for has reached the consent age.
 * Nothing to record once the case is settled, the person has left Channel, or no parent's
 * consent stands; refused only before the day (the timer tries again).
 */
export function decideConsentDueAgain(
  command: CommandOf<'MarkConsentDueAgain'>,
  state: ReferralState,
  policy: ReferralPolicy,
): ReferralDecision {
  if (settled(state) || !inChannel(state)) return nothingToRecord();
  const answers = consentAnswers(state);
  if (answers.dueAgain || answers.parentOrGuardian !== 'given') return nothingToRecord();
  if (requiredConsenter(state.ageBasis, dateOf(command.at), policy) !== 'person') return reject('not-yet-due');
  return accept({ type: 'ConsentDueAgain', data: { because: 'came-of-age' } });
}

/** Support goes on only with consent that counts today; a refusal or consent due again stops it. */
export function consentRefusal(state: ReferralState, at: string, policy: ReferralPolicy): ReferralDecision | null {
  if (consentCounts(state, dateOf(at), policy)) return null;
  return reject(consentAnswers(state).dueAgain ? 'consent-due-again' : 'consent-required');
}
