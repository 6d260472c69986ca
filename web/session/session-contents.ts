// What a session holds in its sealed (encrypted) part: who is signed in, the referral form's
// answers so far, the reference of the referral just submitted, a referrer's answer to a request
// for more information before it is sent, and an OAuth sign-in in progress.
// Validated on the way out of storage like any other boundary.
import * as z from 'zod';
import { SignedInPerson } from './signed-in-person.js';

export const SignInInProgress = z.strictObject({
  state: z.string().min(16).max(128),
  codeVerifier: z.string().min(43).max(128),
  nonce: z.string().min(16).max(128),
});

export const SessionContents = z.strictObject({
  person: SignedInPerson.optional(),
  /** The referral form's answers as entered, by field name; agencies added one by one. */
  referral: z
    .strictObject({
      answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
      otherAgencies: z.array(z.strictObject({ agency: z.string(), contact: z.string() })),
      /** Names one attempt at submitting, kept across retries so a double submission records one referral. */
      submissionKey: z.string(),
    })
    .optional(),
  submitted: z.strictObject({ reference: z.string(), immediateRisk: z.boolean() }).optional(),
  /** The referrer's answer to a request for more information, before they send it (check your answer). */
  referrerAnswer: z
    .strictObject({
      referralId: z.string(),
      requestNumber: z.number().int(),
      answer: z.string(),
      /** Names one attempt at sending, kept across retries so a double send records one answer. */
      key: z.string(),
    })
    .optional(),
  /**
   * The referrer's link from their mail, once it held (decision 0016, part 5): the referrer's pages
   * of that referral open with it without signing in; it is checked again on every page.
   */
  referrerLink: z.strictObject({ referralId: z.string().max(64), link: z.string().max(100) }).optional(),
  /** The referral whose answer was just sent (the confirmation page). */
  referrerAnswered: z.strictObject({ referralId: z.string(), reference: z.string() }).optional(),
  signIn: SignInInProgress.optional(),
});
export type SessionContents = z.infer<typeof SessionContents>;
