// The referral form's pages: the start page (999 and the advice line), one page per step, the
// other agencies involved, check your answers, and the confirmation with the reference. Answers
// are kept in the session (sealed), never in the address; each step is checked with
// SubmitReferral's field schemas, and the whole form once more by the same submission service
// the API uses when it is sent.
import { OtherAgency } from '../../events/submission.js';
import { SubmitReferral } from '../../domain/referral/commands.js';
import { type ReferralSubmission } from '../../functions/api/referrals/referral-submission.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { answerLines } from '../forms/answer-text.js';
import { fieldViews } from '../forms/field-view.js';
import { type FieldError, checkFields, errorsOnFields } from '../forms/field-validation.js';
import { PageError, pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageRoute, redirect, view } from '../http/page-route.js';
import { type ReferralAnswers, checkReferral, emptyAnswers } from './referral-answers.js';
import {
  OTHER_AGENCIES_STEP,
  agencyFields,
  journey,
  nextAfter,
  previousBefore,
  referralSections,
  referralSteps,
  sectionFields,
  stepById,
  type ReferralStep,
} from './referral-steps.js';

export interface ReferralPagesDeps {
  submission: ReferralSubmission;
  /** A fresh key naming one submission attempt (random). */
  newSubmissionKey: () => string;
}

const BASE = '/referral';
const MAX_AGENCIES = 20;

function stepPath(id: string, returning = false): string {
  return `${BASE}/${id}${returning ? '?return=check' : ''}`;
}

function returningToCheck(request: PageRequest): boolean {
  return request.query.get('return') === 'check';
}

function answersOf(request: PageRequest, deps: ReferralPagesDeps): ReferralAnswers {
  return request.session.contents.referral ?? emptyAnswers(deps.newSubmissionKey());
}

function questionPage(request: PageRequest, step: ReferralStep, raw: RawAnswers, errors: FieldError[]) {
  const { t, locale } = request;
  const title = t(`steps.${step.id}.title`);
  const returning = returningToCheck(request);
  const previous = previousBefore(step.id);
  return view(
    'question',
    {
      title,
      caption: t('referral.caption'),
      intro: t(`steps.${step.id}.intro`),
      fields: fieldViews(step.fields, raw, errors, locale, t, { headingFor: title }),
      errors,
      action: stepPath(step.id, returning),
      backLink: returning ? `${BASE}/check-answers` : previous ? stepPath(previous) : '/',
    },
    errors.length > 0 ? 400 : 200,
  );
}

function agenciesPage(request: PageRequest, referral: ReferralAnswers, raw: RawAnswers, errors: FieldError[]) {
  const { t, locale } = request;
  return view(
    'other-agencies',
    {
      title: t('steps.other-agencies.title'),
      caption: t('referral.caption'),
      agencies: referral.otherAgencies,
      fields: fieldViews(agencyFields, raw, errors, locale, t),
      errors,
      canAdd: referral.otherAgencies.length < MAX_AGENCIES,
      action: stepPath(OTHER_AGENCIES_STEP, returningToCheck(request)),
      backLink: returningToCheck(request)
        ? `${BASE}/check-answers`
        : stepPath(previousBefore(OTHER_AGENCIES_STEP) as string),
    },
    errors.length > 0 ? 400 : 200,
  );
}

export function createReferralPages(deps: ReferralPagesDeps): PageRoute[] {
  return [
    {
      method: 'GET',
      path: '/',
      access: 'public',
      handle: async (request) =>
        view('start', { title: request.t('start.title'), startHref: stepPath(journey[0] as string) }),
    },
    {
      method: 'GET',
      path: `${BASE}/check-answers`,
      access: 'public',
      async handle(request) {
        const referral = request.session.contents.referral;
        if (!referral) return redirect(stepPath(journey[0] as string));
        const { incomplete } = checkReferral(referral, request.locale, request.t);
        if (incomplete) return redirect(stepPath(incomplete.step.id));
        return checkAnswersPage(request, referral);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/check-answers`,
      access: 'public',
      async handle(request) {
        const referral = request.session.contents.referral;
        if (!referral) return redirect(stepPath(journey[0] as string));
        const { form, incomplete } = checkReferral(referral, request.locale, request.t);
        if (incomplete)
          return questionPage(request, incomplete.step, referral.answers as RawAnswers, incomplete.errors);
        const outcome = await deps.submission.submit({
          form: form as never,
          viewer: request.person,
          correlationId: request.correlationId,
          idempotencyKey: referral.submissionKey,
        });
        switch (outcome.kind) {
          case 'invalid': {
            // The whole form's rules (across fields) are checked on submission: show them on their page.
            for (const step of referralSteps) {
              const errors = errorsOnFields(
                step.fields,
                outcome.error.issues,
                referral.answers as RawAnswers,
                request.locale,
                request.t,
              );
              if (errors.length > 0) return questionPage(request, step, referral.answers as RawAnswers, errors);
            }
            throw pageErrors.badForm();
          }
          case 'access-refused':
            throw pageErrors.forbidden();
          case 'refused':
          case 'key-reused-with-another-body':
            throw new PageError(409, 'errors.page.submissionRefused');
          case 'submitted':
            request.session.update((contents) => {
              const { referral: _sent, ...rest } = contents;
              return {
                ...rest,
                submitted: {
                  reference: outcome.answer.reference,
                  immediateRisk: Boolean(outcome.answer.immediateRisk),
                },
              };
            });
            return redirect(`${BASE}/confirmation`);
        }
      },
    },
    {
      method: 'GET',
      path: `${BASE}/confirmation`,
      access: 'public',
      async handle(request) {
        const submitted = request.session.contents.submitted;
        if (!submitted) return redirect('/');
        return view('confirmation', {
          title: request.t('confirmation.title'),
          reference: submitted.reference,
          immediateRisk: submitted.immediateRisk,
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/${OTHER_AGENCIES_STEP}`,
      access: 'public',
      handle: async (request) => agenciesPage(request, answersOf(request, deps), {}, []),
    },
    {
      method: 'POST',
      path: `${BASE}/${OTHER_AGENCIES_STEP}`,
      access: 'public',
      async handle(request) {
        const referral = answersOf(request, deps);
        const action = request.form.get('action') ?? 'continue';
        const removal = /^remove-([0-9]{1,2})$/.exec(action);
        if (removal) {
          const index = Number(removal[1]);
          saveReferral(request, deps, {
            ...referral,
            otherAgencies: referral.otherAgencies.filter((_, position) => position !== index),
          });
          return redirect(stepPath(OTHER_AGENCIES_STEP, returningToCheck(request)));
        }
        if (action === 'add') {
          const raw = readAnswers(agencyFields, request.form);
          const { command, errors } = checkFields(agencyFields, raw, OtherAgency, request.locale, request.t);
          if (errors.length > 0 || referral.otherAgencies.length >= MAX_AGENCIES)
            return agenciesPage(request, referral, raw, errors);
          const added = {
            agency: String(command.agency),
            contact: typeof command.contact === 'string' ? command.contact : '',
          };
          saveReferral(request, deps, { ...referral, otherAgencies: [...referral.otherAgencies, added] });
          return redirect(stepPath(OTHER_AGENCIES_STEP, returningToCheck(request)));
        }
        if (!request.session.contents.referral) saveReferral(request, deps, referral);
        return redirect(`${BASE}/check-answers`);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{step}`,
      access: 'public',
      async handle(request) {
        const step = stepById(request.params.step ?? '');
        if (!step) throw pageErrors.notFound();
        return questionPage(request, step, (request.session.contents.referral?.answers ?? {}) as RawAnswers, []);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/{step}`,
      access: 'public',
      async handle(request) {
        const step = stepById(request.params.step ?? '');
        if (!step) throw pageErrors.notFound();
        const raw = readAnswers(step.fields, request.form);
        const { errors } = checkFields(step.fields, raw, SubmitReferral, request.locale, request.t);
        if (errors.length > 0) return questionPage(request, step, raw, errors);
        const referral = answersOf(request, deps);
        saveReferral(request, deps, { ...referral, answers: { ...referral.answers, ...raw } });
        return redirect(returningToCheck(request) ? `${BASE}/check-answers` : stepPath(nextAfter(step.id)));
      },
    },
  ];
}

/** Keeps the answers; any change makes a new submission key (a retry of the same answers keeps it). */
function saveReferral(request: PageRequest, deps: ReferralPagesDeps, referral: ReferralAnswers): void {
  request.session.update((contents) => {
    const { submitted: _previous, ...rest } = contents;
    return { ...rest, referral: { ...referral, submissionKey: deps.newSubmissionKey() } };
  });
}

function checkAnswersPage(request: PageRequest, referral: ReferralAnswers) {
  const { t, locale } = request;
  const raw = referral.answers as RawAnswers;
  const sections = referralSections.map((section) => ({
    heading: t(`check.sections.${section.id}`),
    rows: sectionFields(section).map(({ step, field }) => ({
      key: t(`fields.${field.name}.label`),
      lines: answerLines(field, raw, locale, t),
      href: stepPath(step.id, true),
      hiddenText: t(`fields.${field.name}.label`),
    })),
  }));
  return view('check-answers', {
    title: t('check.title'),
    sections,
    agencies: referral.otherAgencies,
    agenciesHref: stepPath(OTHER_AGENCIES_STEP, true),
  });
}
