// What the referrer's link grants (decision 0016, part 5): a link that holds (checked by
// functions/referrer-link, which alone knows the key) grants exactly `read-submission-status` and
// `answer-more-information` on the referral it was minted for, and nothing else. A question link
// lasts until its question is answered; a link that does not hold grants nothing. Pure.
import { type AccessDecision, type CaseAccessFacts } from './policy.js';

export type ReferrerLinkPurpose = 'status' | 'question';

/** What a link that holds grants: the purpose, and for a question link the request it answers. */
export type ReferrerLinkGrant =
  { purpose: 'status'; referralId: string } | { purpose: 'question'; referralId: string; requestNumber: number };

export type ReferrerLinkCheck =
  | { holds: true; grant: ReferrerLinkGrant }
  /** `expired`: a genuine link past its expiry; `not-valid`: malformed, altered, forged or another referral's. */
  | { holds: false; why: 'expired' | 'not-valid' };

/** The only actions a referrer's link grants. */
export const referrerLinkActions = ['read-submission-status', 'answer-more-information'] as const;

/** The audit's reasons (never personal data, never the link itself). */
export const referrerLinkRefusals = {
  expired: "the referrer's link has expired",
  'not-valid': "the referrer's link is not valid for this referral (malformed, altered, forged or another referral's)",
  answered: "the referrer's question link is spent: its question was answered (or never asked)",
  otherReferral: "the referrer's link was minted for another referral",
  otherAction: "a referrer's link grants only the referral's status and the answer to its question",
} as const;

/** Whether a question link's request waits for its answer (one waits at a time): not answered, and asked. */
function waiting(facts: CaseAccessFacts, requestNumber: number): boolean {
  return facts.referrerQuestions?.awaitingAnswer === requestNumber;
}

/** Decides a case action for the holder of a referrer's link on the referral `referralId`. */
export function decideReferrerLink(
  link: ReferrerLinkCheck,
  action: string,
  referralId: string | undefined,
  facts: CaseAccessFacts | null | undefined,
): AccessDecision {
  const refuse = (reason: string): AccessDecision => ({ allowed: false, answer: 'not-found', reason });
  if (!link.holds) return refuse(referrerLinkRefusals[link.why]);
  if (!(referrerLinkActions as readonly string[]).includes(action)) return refuse(referrerLinkRefusals.otherAction);
  if (!facts) return refuse('no such case');
  if (referralId !== undefined && referralId !== link.grant.referralId)
    return refuse(referrerLinkRefusals.otherReferral);
  if (link.grant.purpose === 'question' && !waiting(facts, link.grant.requestNumber))
    return refuse(referrerLinkRefusals.answered);
  return { allowed: true };
}
