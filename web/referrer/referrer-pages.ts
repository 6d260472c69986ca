// The pages of the person who made a referral, opened with the link from their mail (the
// referrer's link, decision 0016, part 5: no sign-in, kept in the session for the next pages and
// checked again on each) or signed in as that referrer: its plain-language status (never a police decision or the outcome for the person), and, when the police asked for
// more information, the question, their answer, check your answer and the confirmation. Reads go
// through the same access guard as the API (only the referrer who made the referral, every read
// recorded); the answer through the same case command service (the decider refuses an answer
// given twice, to a question not waiting, or on a closed case).
import { referrerAnswerCommand } from '../../functions/api/case-commands/case-command-catalogue.js';
import { type ApiServices } from '../../functions/api/api.js';
import { openCase } from '../../functions/api/shared/case-reading.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { type ReferrerStatusAnswer, referrerStatusAnswer } from '../../functions/api/referrals/referrer-view.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { formatDate } from '../forms/answer-text.js';
import { type FieldSpec } from '../forms/field-spec.js';
import { fieldViews } from '../forms/field-view.js';
import { type FieldError, checkFields, errorsOnFields } from '../forms/field-validation.js';
import { viewerOf as signedInViewer } from '../http/page-access.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, type PageRoute, redirect, view } from '../http/page-route.js';
import { SIGN_IN_PATH } from '../http/page-handler.js';
import { REFERRER_LINK_PARAMETER } from '../../functions/messaging/notification-content.js';
import { referrerLinkViewer } from '../../functions/referrer-link/referrer-link-viewer.js';

/** No referrer's link and nobody signed in: the sign-in page, as for any page that needs it. */
class SignInFirst extends Error {}

const REFERRAL_ID = /^[0-9A-Za-z_-]{6,64}$/;
const BASE = '/referral-status';

const answerFields: readonly FieldSpec[] = [{ name: 'referrerAnswer', path: 'personal.answer', kind: 'textarea' }];

/** Why there is nothing to answer: the referral is closed, the question was answered, or none waits. */
type NothingToAnswer = 'closed' | 'alreadyAnswered' | 'nothing';

export function createReferrerPages(deps: { services: ApiServices; newKey: () => string }): PageRoute[] {
  const { services } = deps;

  function referralIdOf(request: PageRequest): string {
    const referralId = request.params.referralId ?? '';
    if (!REFERRAL_ID.test(referralId)) throw pageErrors.notFound();
    return referralId;
  }

  /**
   * The referrer: whoever holds the link from their mail (in the address, or kept in the session
   * once it held for this referral), or else the person signed in. The policy lets a link decide
   * alone; one that does not hold is refused like a referral that does not exist (recorded).
   */
  async function viewerOf(request: PageRequest, referralId: string): Promise<AuthenticatedViewer> {
    const presented = request.query.get(REFERRER_LINK_PARAMETER);
    if (presented !== null) {
      const viewer = await referrerLinkViewer(services.referrerLinks, referralId, presented);
      if (viewer.referrerLink?.holds)
        request.session.update((contents) => ({ ...contents, referrerLink: { referralId, link: presented } }));
      return viewer;
    }
    const kept = request.session.contents.referrerLink;
    if (kept?.referralId === referralId) return referrerLinkViewer(services.referrerLinks, referralId, kept.link);
    if (!request.person) throw new SignInFirst();
    return signedInViewer(request.person);
  }

  /** What the referrer may see of the referral, once the guard allowed it (every read recorded). */
  async function referrerView(request: PageRequest, referralId: string): Promise<ReferrerStatusAnswer> {
    const reading = await openCase(services, {
      referralId,
      viewer: await viewerOf(request, referralId),
      action: 'read-submission-status',
      correlationId: request.correlationId,
      recordAllowed: true,
    });
    // Anyone but the referrer who made it is told there is no such page, as for a referral that does not exist.
    if (!reading.allowed) throw pageErrors.notFound();
    return referrerStatusAnswer(reading.file);
  }

  function nothingToAnswer(request: PageRequest, referralId: string, why: NothingToAnswer) {
    const { t } = request;
    return view('referrer-message', {
      title: t(`referrerStatus.answer.${why}Title`),
      body: t(`referrerStatus.answer.${why}`),
      statusHref: `${BASE}/${referralId}`,
    });
  }

  /** The question waiting for the referrer's answer, or the page saying there is none to answer. */
  async function openQuestion(request: PageRequest): Promise<
    | PageResult
    | {
        referralId: string;
        status: ReferrerStatusAnswer;
        question: NonNullable<ReferrerStatusAnswer['question']>;
      }
  > {
    const referralId = referralIdOf(request);
    const status = await referrerView(request, referralId);
    if (status.status === 'closed') return nothingToAnswer(request, referralId, 'closed');
    if (!status.question) return nothingToAnswer(request, referralId, 'nothing');
    return { referralId, status, question: status.question };
  }

  function questionPage(
    request: PageRequest,
    referralId: string,
    status: ReferrerStatusAnswer,
    question: NonNullable<ReferrerStatusAnswer['question']>,
    raw: RawAnswers,
    errors: FieldError[],
  ) {
    const { t, locale } = request;
    return view(
      'referrer-question',
      {
        title: t('referrerStatus.answer.title'),
        caption: t('referrerStatus.caption', { reference: status.reference }),
        question: question.text,
        requestNumber: question.requestNumber,
        fields: fieldViews(answerFields, raw, errors, locale, t),
        errors,
        action: `${BASE}/${referralId}/more-information`,
        backLink: `${BASE}/${referralId}`,
      },
      errors.length > 0 ? 400 : 200,
    );
  }

  const pages: PageRoute[] = [
    {
      method: 'GET',
      path: `${BASE}/{referralId}`,
      access: 'public',
      async handle(request) {
        const referralId = referralIdOf(request);
        const status = await referrerView(request, referralId);
        const { t, locale } = request;
        return view('referrer-status', {
          title: t('referrerStatus.title', { reference: status.reference }),
          status: status.status,
          statusText: t(`referrerStatus.status.${status.status}`),
          explanation: t(`referrerStatus.explanation.${status.status}`),
          submitted: status.submittedAt
            ? t('referrerStatus.submitted', { date: formatDate(status.submittedAt, locale, t) })
            : null,
          answerHref: status.question ? `${BASE}/${referralId}/more-information` : null,
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{referralId}/more-information`,
      access: 'public',
      async handle(request) {
        const opened = await openQuestion(request);
        if ('kind' in opened) return opened;
        const { referralId, status, question } = opened;
        const draft = request.session.contents.referrerAnswer;
        const raw: RawAnswers =
          draft?.referralId === referralId && draft.requestNumber === question.requestNumber
            ? { referrerAnswer: draft.answer }
            : {};
        return questionPage(request, referralId, status, question, raw, []);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/{referralId}/more-information`,
      access: 'public',
      async handle(request) {
        const opened = await openQuestion(request);
        if ('kind' in opened) return opened;
        const { referralId, status, question } = opened;
        // The answer goes with the question the page showed; a question changed since is shown again.
        if (Number(request.form.get('requestNumber')) !== question.requestNumber) {
          const expired = [{ name: '', href: '#referrerAnswer', text: request.t('referrerStatus.answer.expired') }];
          return questionPage(request, referralId, status, question, {}, expired);
        }
        const raw = readAnswers(answerFields, request.form);
        const { command, errors } = checkFields(
          answerFields,
          raw,
          referrerAnswerCommand.command,
          request.locale,
          request.t,
        );
        if (errors.length > 0) return questionPage(request, referralId, status, question, raw, errors);
        const answer = String((command.personal as { answer: string }).answer);
        const { requestNumber } = question;
        request.session.update((contents) => ({
          ...contents,
          referrerAnswer: { referralId, requestNumber, answer, key: deps.newKey() },
        }));
        return redirect(`${BASE}/${referralId}/more-information/check`);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{referralId}/more-information/check`,
      access: 'public',
      async handle(request) {
        const referralId = referralIdOf(request);
        const status = await referrerView(request, referralId);
        const draft = request.session.contents.referrerAnswer;
        if (status.status === 'closed') return nothingToAnswer(request, referralId, 'closed');
        if (
          !status.question ||
          draft?.referralId !== referralId ||
          draft.requestNumber !== status.question.requestNumber
        )
          return redirect(`${BASE}/${referralId}/more-information`);
        const { t } = request;
        return view('referrer-check-answer', {
          title: t('referrerStatus.answer.checkTitle'),
          caption: t('referrerStatus.caption', { reference: status.reference }),
          question: status.question.text,
          answer: draft.answer,
          changeHref: `${BASE}/${referralId}/more-information`,
          action: `${BASE}/${referralId}/more-information/check`,
          backLink: `${BASE}/${referralId}/more-information`,
        });
      },
    },
    {
      method: 'POST',
      path: `${BASE}/{referralId}/more-information/check`,
      access: 'public',
      async handle(request) {
        const referralId = referralIdOf(request);
        const draft = request.session.contents.referrerAnswer;
        if (draft?.referralId !== referralId) return redirect(`${BASE}/${referralId}/more-information`);
        // Read before answering: a question's link grants nothing once its question is answered.
        const before = await referrerView(request, referralId);
        const outcome = await services.caseCommands.run({
          spec: referrerAnswerCommand,
          referralId,
          body: { requestNumber: draft.requestNumber, personal: { answer: draft.answer } },
          viewer: await viewerOf(request, referralId),
          expectedVersion: 'any',
          idempotencyKey: draft.key,
          correlationId: request.correlationId,
        });
        switch (outcome.kind) {
          case 'recorded': {
            request.session.update((contents) => {
              const { referrerAnswer: _sent, ...rest } = contents;
              return { ...rest, referrerAnswered: { referralId, reference: before.reference } };
            });
            return redirect(`${BASE}/${referralId}/more-information/confirmation`);
          }
          case 'refused': {
            const why: NothingToAnswer =
              outcome.error.code === 'case-closed' || outcome.error.code === 'personal-data-erased'
                ? 'closed'
                : outcome.error.code === 'question-already-answered'
                  ? 'alreadyAnswered'
                  : 'nothing';
            return nothingToAnswer(request, referralId, why);
          }
          case 'invalid': {
            if (!before.question) return nothingToAnswer(request, referralId, 'nothing');
            const raw = { referrerAnswer: draft.answer };
            const found = errorsOnFields(answerFields, outcome.error.issues, raw, request.locale, request.t);
            return questionPage(request, referralId, before, before.question, raw, found);
          }
          case 'access-refused':
            throw pageErrors.notFound();
          case 'key-reused':
          case 'stale':
            throw pageErrors.badForm();
        }
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{referralId}/more-information/confirmation`,
      access: 'public',
      async handle(request) {
        const referralId = referralIdOf(request);
        const answered = request.session.contents.referrerAnswered;
        if (answered?.referralId !== referralId) return redirect(`${BASE}/${referralId}`);
        const { t } = request;
        return view('referrer-answer-sent', {
          title: t('referrerStatus.answer.sentTitle'),
          body: t('referrerStatus.answer.sentBody', { reference: answered.reference }),
          statusHref: `${BASE}/${referralId}`,
        });
      },
    },
  ];
  // Neither a referrer's link nor anyone signed in: the sign-in page, as for pages that need it.
  return pages.map((page) => ({
    ...page,
    async handle(request: PageRequest) {
      try {
        return await page.handle(request);
      } catch (error) {
        if (error instanceof SignInFirst) return redirect(SIGN_IN_PATH);
        throw error;
      }
    },
  }));
}
