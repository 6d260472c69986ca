// The parts of evolve that follow Channel episodes and consent: a second panel after one that did
// not adopt the case or after the person left, each consenter's answer kept apart, and consent
// sought again (issue 12, part 4).
import { type CorrectedAge } from '../../events/consent.js';
import { type ConsentGivenBy } from '../../events/channel.js';
import { type AgeBasis } from './age.js';
import { consentAnswers } from './consent.js';
import { type ConsentState, type ReferralState, initialReferralState } from './state.js';

/** What a corrected age is worked out from: a date of birth, or an approximate age on the day it was given. */
export function ageBasisOf(age: CorrectedAge, correctedOn: string): AgeBasis {
  return age.dateOfBirth !== undefined
    ? { kind: 'date-of-birth', dateOfBirth: age.dateOfBirth }
    : { kind: 'approximate', approximateAge: age.approximateAge ?? 0, statedOn: correctedOn };
}

/** Fresh consent to seek; the person's own refusal stands (only they can lift it). */
export function consentToSeek(state: ReferralState): ConsentState {
  const refused = consentAnswers(state).person === 'refused';
  return {
    ...initialReferralState.consent,
    status: refused ? 'refused' : 'not-recorded',
    givenBy: refused ? 'person' : null,
    person: refused ? 'refused' : null,
  };
}

/**
 * A panel scheduled (or moved). After a decision not to adopt, the new panel decides again; after
 * the person left Channel, a new episode starts: support, exit and post-exit reviews begin afresh
 * and consent is sought again.
 */
export function panelScheduled(
  state: ReferralState,
  data: { panelDate: string; localAuthorityCode: string },
): ReferralState {
  const panel = {
    ...state.panel,
    status: 'scheduled' as const,
    panelDate: data.panelDate,
    localAuthorityCode: data.localAuthorityCode,
    decision: null,
    nextStep: null,
  };
  // A panel after a decided one: the earlier panel stays in the history, counted.
  const earlierPanels = (state.earlierPanels ?? 0) + (state.panel.status === 'decided' ? 1 : 0);
  const fresh = initialReferralState;
  if (state.channelExit)
    return {
      ...state,
      earlierPanels,
      panel,
      consent: consentToSeek(state),
      support: fresh.support,
      channelExit: null,
      reviews: fresh.reviews,
    };
  // The receiving area's own panel after a transfer: consent is sought for it, support agreed anew.
  if (state.panel.status === 'decided' && state.panel.localAuthorityCode !== data.localAuthorityCode)
    return { ...state, earlierPanels, panel, consent: consentToSeek(state), support: fresh.support };
  return { ...state, earlierPanels, panel };
}

export function consentRecorded(
  state: ReferralState,
  data: { given: boolean; givenBy: ConsentGivenBy },
): ReferralState {
  const answer = data.given ? 'given' : 'refused';
  const answers = consentAnswers(state);
  return {
    ...state,
    consent: {
      ...state.consent,
      status: answer,
      givenBy: data.givenBy,
      person: data.givenBy === 'person' ? answer : answers.person,
      parentOrGuardian: data.givenBy === 'parent-or-guardian' ? answer : answers.parentOrGuardian,
      dueAgain: false,
      dueAgainOn: (state.consent as Partial<ConsentState>).dueAgainOn ?? null,
    },
  };
}

/** The consent on record no longer counts: it must come again from whoever must give it now. */
export function consentSoughtAgain(state: ReferralState): ConsentState {
  return { ...consentToSeek(state), dueAgain: true };
}
