// What a referrer's link grants: exactly the status and the answer on the referral it was minted
// for, a question link until its question is answered, and nothing to a link that does not hold.
import { describe, expect, it } from 'vitest';
import { type CaseAccessFacts, type Viewer, actions, decideAccess } from '../../../domain/access/index.js';
import { type ReferrerLinkCheck } from '../../../domain/access/referrer-link.js';

const facts = (awaitingAnswer: number | null, asked: number): CaseAccessFacts => ({
  currentDestinations: ['police:wm', 'la:E08000026'],
  submittedBy: { organisation: 'public', user: 'anonymous' },
  referralId: 'abc123def456',
  referrerQuestions: { asked, awaitingAnswer },
});
const holder = (referrerLink: ReferrerLinkCheck): Viewer => ({
  user: 'referrer-link',
  organisation: 'public',
  role: 'referrer',
  referrerLink,
});
const statusLink = holder({ holds: true, grant: { purpose: 'status', referralId: 'abc123def456' } });
const questionLink = (requestNumber: number) =>
  holder({ holds: true, grant: { purpose: 'question', referralId: 'abc123def456', requestNumber } });

describe("a referrer's link", () => {
  it('grants the status and the answer on its referral, and nothing else of it or anything else', () => {
    for (const action of actions) {
      const decision = decideAccess(statusLink, action, { caseFacts: facts(1, 1), organisation: 'public' });
      const granted = action === 'read-submission-status' || action === 'answer-more-information';
      expect(decision.allowed, action).toBe(granted);
      if (!decision.allowed) expect(decision.answer).toBe('not-found');
    }
  });

  it('grants nothing on another referral, or on a referral that does not exist', () => {
    const other = { ...facts(null, 0), referralId: 'zzz999yyy888' };
    expect(decideAccess(statusLink, 'read-submission-status', { caseFacts: other })).toMatchObject({
      allowed: false,
      answer: 'not-found',
    });
    expect(decideAccess(statusLink, 'read-submission-status', { caseFacts: null }).allowed).toBe(false);
  });

  it('grants nothing when it does not hold, saying why in the audit only', () => {
    for (const why of ['expired', 'not-valid'] as const) {
      const decision = decideAccess(holder({ holds: false, why }), 'read-submission-status', {
        caseFacts: facts(null, 0),
      });
      expect(decision).toMatchObject({ allowed: false, answer: 'not-found' });
      if (!decision.allowed) expect(decision.reason).toContain(why === 'expired' ? 'expired' : 'not valid');
    }
  });

  it("lasts, for a question's link, until that question is answered", () => {
    expect(decideAccess(questionLink(1), 'answer-more-information', { caseFacts: facts(1, 1) }).allowed).toBe(true);
    // Answered: nothing waits, or the police asked again since.
    expect(decideAccess(questionLink(1), 'read-submission-status', { caseFacts: facts(null, 1) }).allowed).toBe(false);
    expect(decideAccess(questionLink(1), 'answer-more-information', { caseFacts: facts(2, 2) }).allowed).toBe(false);
    expect(decideAccess(questionLink(2), 'read-submission-status', { caseFacts: facts(2, 2) }).allowed).toBe(true);
    // A question never asked (a link minted ahead, or a number altered and signed again) grants nothing.
    expect(decideAccess(questionLink(5), 'read-submission-status', { caseFacts: facts(1, 1) }).allowed).toBe(false);
  });

  it('does not make the public actor the referrer of every public referral: without a link, as before', () => {
    const signedInReferrer: Viewer = { user: 'teacher-1', organisation: 'school-1', role: 'referrer' };
    const own = { ...facts(null, 0), submittedBy: { organisation: 'school-1', user: 'teacher-1' } };
    expect(decideAccess(signedInReferrer, 'read-submission-status', { caseFacts: own }).allowed).toBe(true);
    expect(decideAccess(signedInReferrer, 'read-submission-status', { caseFacts: facts(null, 0) }).allowed).toBe(false);
  });
});
