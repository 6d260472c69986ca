// The referral form's answers kept in the session, and the form they make: every step's answers
// checked with SubmitReferral's own field schemas, collected into the shape POST /referrals takes.
import { SubmitReferral } from '../../domain/referral/commands.js';
import { OtherAgency } from '../../events/submission.js';
import { type RawAnswers } from '../forms/field-answers.js';
import { type FieldError, checkFields } from '../forms/field-validation.js';
import { setAtPath } from '../forms/schema-at-path.js';
import { type Locale, type Translator } from '../i18n/translator.js';
import { type SessionContents } from '../session/session-contents.js';
import { OTHER_AGENCIES_PATH, type ReferralStep, referralSteps } from './referral-steps.js';

export type ReferralAnswers = NonNullable<SessionContents['referral']>;

export function emptyAnswers(submissionKey: string): ReferralAnswers {
  return { answers: {}, otherAgencies: [], submissionKey };
}

export interface ReferralCheck {
  /** The form as the API takes it (complete only when there are no errors). */
  form: Record<string, unknown>;
  /** The first step whose answers are missing or not valid. */
  incomplete?: { step: ReferralStep; errors: FieldError[] };
}

export function checkReferral(referral: ReferralAnswers, locale: Locale, t: Translator): ReferralCheck {
  const form: Record<string, unknown> = {};
  let incomplete: ReferralCheck['incomplete'];
  for (const step of referralSteps) {
    const { errors } = checkFields(step.fields, referral.answers as RawAnswers, SubmitReferral, locale, t, form);
    if (errors.length > 0 && !incomplete) incomplete = { step, errors };
  }
  setAtPath(
    form,
    OTHER_AGENCIES_PATH,
    referral.otherAgencies.map((entry) =>
      OtherAgency.parse({ agency: entry.agency, ...(entry.contact ? { contact: entry.contact } : {}) }),
    ),
  );
  return incomplete ? { form, incomplete } : { form };
}
