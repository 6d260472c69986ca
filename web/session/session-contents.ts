// What a session holds in its sealed (encrypted) part: who is signed in, the referral form's
// answers so far, the reference of the referral just submitted, a referrer's answer to a request
// for more information before it is sent, an OAuth sign-in in progress, an organisation
// administrator's invitation before it is confirmed, and a subject access request being prepared.
// Validated on the way out of storage like any other boundary.
import * as z from 'zod';
import { Role } from '../../events/envelope.js';
import { ChannelPanel } from '../../events/organisation.js';
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
  /** An administrator's change to an organisation of the directory, before they confirm it (check page). */
  directoryChange: z
    .strictObject({
      organisationId: z.string(),
      /** The form's answers as entered, to show the form again. */
      answers: z.record(z.string(), z.string()),
      requested: z.strictObject({
        mailbox: z.string().optional(),
        onboarded: z.boolean().optional(),
        sharing: z.enum(['on-submission', 'after-deconfliction']).optional(),
        assessedBy: z.enum(['force', 'regional-hub']).optional(),
        channelPanel: ChannelPanel.optional(),
      }),
      reason: z.string(),
      /** Names one attempt at confirming, kept across retries so a double confirmation records one change. */
      key: z.string(),
    })
    .optional(),
  /** The organisation whose change was just recorded (its page says so once). */
  directoryChanged: z.strictObject({ organisationId: z.string() }).optional(),
  /** An organisation administrator's invitation, before they confirm it (check your answers). */
  invitation: z.strictObject({ name: z.string(), email: z.string(), role: Role }).optional(),
  /** What an organisation administrator just did to one of their people (the confirmation page). */
  peopleDone: z
    .strictObject({ kind: z.enum(['invited', 'role-changed', 'removed']), name: z.string(), role: Role })
    .optional(),
  /** The data protection officer's subject access request, built up page by page, then produced. */
  subjectAccess: z
    .strictObject({
      person: z.strictObject({ name: z.string(), dateOfBirth: z.string() }),
      references: z.array(z.string()),
      exemptions: z.array(z.strictObject({ reference: z.string(), ground: z.string(), explanation: z.string() })),
    })
    .optional(),
});
export type SessionContents = z.infer<typeof SessionContents>;
