// The pages of people who work on cases: their organisation's triage queue (sortable, filtered
// by status and priority, overdue highlighted), a case with its timeline and the actions the
// viewer's role may take on it, and one form per action. Reads and changes go through the API's
// services: the access guard records every read of a case and every refusal; the case command
// service checks access, the version the page was loaded at, and the referral's rules.
import { randomBytes } from 'node:crypto';
import { type Action, decideAccess, isRegionalHubOfficer, roleAllows } from '../../domain/access/index.js';
import { type ApiServices } from '../../functions/api/api.js';
import { openCase } from '../../functions/api/shared/case-reading.js';
import { auditSubject } from '../../functions/audit/access-audit.js';
import { createCaseTimeline } from '../../functions/read-models/case-timeline.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { fieldViews } from '../forms/field-view.js';
import { type FieldError, checkFields, errorsOnFields } from '../forms/field-validation.js';
import { HiddenToken } from '../http/form-body.js';
import { PageError, pageErrors } from '../http/page-error.js';
import { refusalPage, requirePageAccess, viewerOf } from '../http/page-access.js';
import { type PageRequest, type PageRoute, redirect, view } from '../http/page-route.js';
import { hasTranslation } from '../i18n/translator.js';
import { type CaseActionForm, caseActionForm, caseActionForms } from './case-action-forms.js';
import { caseNoticeRows, caseSummaryRows, referralDetailSections } from './case-details.js';
import { queuePage } from './queue-page.js';
import { regionalWorkPage } from './regional-work-page.js';
import { regionOfRegionalHub } from '../../domain/routing/directory.js';
import { timelineEntries } from './timeline-entries.js';

const REFERRAL_ID = /^[0-9A-Za-z_-]{6,64}$/;

/** The form's questions as the signed-in person's organisation is asked them. */
function fieldsOf(form: CaseActionForm, request: PageRequest) {
  return form.fieldsFor && request.person ? form.fieldsFor(request.person.organisation) : form.fields;
}

function explanationOf(form: CaseActionForm, request: PageRequest): string[] {
  const { t } = request;
  const lines: string[] = [];
  for (let index = 1; hasTranslation(request.locale, `actions.${form.id}.explanation.${index}`); index += 1)
    lines.push(t(`actions.${form.id}.explanation.${index}`));
  return lines;
}

export function createCasePages(deps: { services: ApiServices }): PageRoute[] {
  const { services } = deps;

  /**
   * The case, once the guard allowed `action` on it: reading it (recorded), or opening one of its
   * action forms (the form's own action, so an administrator may open erasure without reading it).
   */
  async function openCasePage(request: PageRequest, action: Action, recordAllowed: boolean) {
    const { referralId, viewer, reading } = await readCase(request, action, recordAllowed);
    if (!reading.allowed) throw refusalPage(reading.refusal);
    return { referralId, viewer, file: reading.file };
  }

  /** Opens the case through the guard (recorded as asked); the caller answers a refusal. */
  async function readCase(request: PageRequest, action: Action, recordAllowed: boolean) {
    const referralId = request.params.referralId ?? '';
    if (!REFERRAL_ID.test(referralId)) throw pageErrors.notFound();
    const viewer = viewerOf(request.person);
    const reading = await openCase(services, {
      referralId,
      viewer,
      action,
      correlationId: request.correlationId,
      recordAllowed,
    });
    return { referralId, viewer, reading };
  }

  function actionPage(
    request: PageRequest,
    referralId: string,
    form: CaseActionForm,
    raw: RawAnswers,
    errors: FieldError[],
    hidden: { version: number; key: string },
    reference: string | null,
  ) {
    const { t, locale } = request;
    const title = t(`actions.${form.id}.title`);
    return view(
      'case-action',
      {
        title,
        caption: reference ? t('case.caption', { reference }) : undefined,
        // A change that cannot be undone keeps its heading and explanation above the question.
        fields: fieldViews(
          fieldsOf(form, request),
          raw,
          errors,
          locale,
          t,
          form.cannotBeUndone ? {} : { headingFor: title },
        ),
        cannotBeUndone: form.cannotBeUndone ?? false,
        explanation: form.cannotBeUndone ? explanationOf(form, request) : [],
        errors,
        action: `/cases/${referralId}/actions/${form.id}`,
        backLink: request.person && roleAllows(request.person.role, 'read-case') ? `/cases/${referralId}` : '/',
        version: hidden.version,
        commandKey: hidden.key,
        buttonText: t(`actions.${form.id}.button`),
      },
      errors.length > 0 ? 400 : 200,
    );
  }

  /** The signed-in person, once the guard allowed them their own organisation's queue (refusals recorded). */
  async function ownQueueReader(request: PageRequest): Promise<AuthenticatedViewer> {
    const viewer = viewerOf(request.person);
    await requirePageAccess(services.guard, {
      viewer,
      action: 'read-triage-queue',
      subject: auditSubject('queue', viewer.organisation),
      organisation: viewer.organisation,
      correlationId: request.correlationId,
      recordAllowed: false,
    });
    return viewer;
  }

  return [
    {
      method: 'GET',
      path: '/queue',
      access: 'signed-in',
      async handle(request) {
        const viewer = await ownQueueReader(request);
        return queuePage(request, services.queues, viewer.organisation);
      },
    },
    {
      // A regional Prevent hub's overdue and urgent work across its forces (decision 0018).
      method: 'GET',
      path: '/regional-work',
      access: 'signed-in',
      async handle(request) {
        const viewer = await ownQueueReader(request);
        const region = regionOfRegionalHub(viewer.organisation);
        if (region === null || !isRegionalHubOfficer(viewer.role)) throw pageErrors.notFound();
        return regionalWorkPage(
          request,
          { work: services.regionalWork, queues: services.queues },
          { ctpRegion: region, organisation: viewer.organisation },
        );
      },
    },
    {
      method: 'GET',
      path: '/cases/{referralId}',
      access: 'signed-in',
      async handle(request) {
        const { referralId, viewer, reading } = await readCase(request, 'read-case', true);
        if (!reading.allowed) {
          // An organisation waiting for the police to deconflict the referral sees that it exists (recorded as such).
          if (!reading.notice) throw refusalPage(reading.refusal);
          return view('case-notice', {
            title: request.t('case.title', { reference: reading.notice.reference }),
            summaryRows: caseNoticeRows(reading.notice, request),
            backLink: '/queue',
          });
        }
        const { file } = reading;
        await requirePageAccess(services.guard, {
          viewer,
          action: 'read-timeline',
          subject: file.streamId,
          caseFacts: file.facts,
          correlationId: request.correlationId,
          recordAllowed: false,
        });
        const entries = await createCaseTimeline({ store: { read: async () => file.history } }).forViewer(
          file.streamId,
          true,
        );
        const actions = caseActionForms
          .filter(
            (form) =>
              (form.offeredWhile?.(file.state, viewer.role) ?? true) &&
              decideAccess(viewer, form.command.action, { caseFacts: file.facts }).allowed,
          )
          .map((form) => ({
            href: `/cases/${referralId}/actions/${form.id}`,
            text: request.t(`actions.${form.id}.title`),
          }));
        return view('case', {
          title: request.t('case.title', { reference: file.state.reference ?? '' }),
          state: file.state,
          summaryRows: caseSummaryRows(file.state, request),
          detailSections: referralDetailSections(file.history, request),
          erased: file.state.erased,
          timeline: timelineEntries(entries, file.history, request),
          actions,
          auditHref: roleAllows(viewer.role, 'read-access-audit') ? `/cases/${referralId}/access-audit` : undefined,
          backLink: isRegionalHubOfficer(viewer.role) ? '/regional-work' : '/queue',
        });
      },
    },
    {
      method: 'GET',
      path: '/cases/{referralId}/actions/{action}',
      access: 'signed-in',
      async handle(request) {
        const form = caseActionForm(request.params.action ?? '');
        if (!form) throw pageErrors.notFound();
        const { referralId, file } = await openCasePage(request, form.command.action, false);
        return actionPage(
          request,
          referralId,
          form,
          form.prefill?.(file.state) ?? {},
          [],
          { version: file.version, key: randomBytes(24).toString('base64url') },
          file.state.reference,
        );
      },
    },
    {
      method: 'POST',
      path: '/cases/{referralId}/actions/{action}',
      access: 'signed-in',
      async handle(request) {
        const form = caseActionForm(request.params.action ?? '');
        const referralId = request.params.referralId ?? '';
        if (!form || !REFERRAL_ID.test(referralId)) throw pageErrors.notFound();
        const viewer = viewerOf(request.person);
        const version = Number(request.form.get('version'));
        const key = HiddenToken.safeParse(request.form.get('commandKey'));
        if (!Number.isInteger(version) || version < 0 || !key.success) throw pageErrors.badForm();
        const hidden = { version, key: key.data };
        const fields = fieldsOf(form, request);
        const raw = readAnswers(fields, request.form);
        const { command, errors } = checkFields(fields, raw, form.command.command, request.locale, request.t);
        if (errors.length > 0) return actionPage(request, referralId, form, raw, errors, hidden, null);
        const outcome = await services.caseCommands.run({
          spec: form.command,
          referralId,
          body: form.complete ? form.complete(command) : command,
          viewer,
          expectedVersion: version,
          idempotencyKey: key.data,
          correlationId: request.correlationId,
        });
        switch (outcome.kind) {
          case 'recorded':
            // Someone who may not read the case (an administrator erasing it) is told it was done.
            if (roleAllows(viewer.role, 'read-case')) return redirect(`/cases/${referralId}`);
            return view('case-action-done', { title: request.t(`actions.${form.id}.done`), backLink: '/' });
          case 'invalid': {
            const found = errorsOnFields(fields, outcome.error.issues, raw, request.locale, request.t);
            return actionPage(
              request,
              referralId,
              form,
              raw,
              found.length ? found : [{ name: '', href: '#main-content', text: request.t('case.errors.invalid') }],
              hidden,
              null,
            );
          }
          case 'stale':
            return actionPage(
              request,
              referralId,
              form,
              raw,
              [{ name: '', href: `/cases/${referralId}`, text: request.t('case.errors.stale') }],
              hidden,
              null,
            );
          case 'refused':
            return actionPage(
              request,
              referralId,
              form,
              raw,
              [{ name: '', href: `/cases/${referralId}`, text: request.t(`referralErrors.${outcome.error.code}`) }],
              hidden,
              null,
            );
          case 'key-reused':
            return actionPage(
              request,
              referralId,
              form,
              raw,
              [{ name: '', href: `/cases/${referralId}`, text: request.t('case.errors.keyReused') }],
              hidden,
              null,
            );
          case 'access-refused':
            throw outcome.decision.answer === 'not-found'
              ? pageErrors.notFound()
              : new PageError(403, 'errors.page.forbidden');
        }
      },
    },
  ];
}
