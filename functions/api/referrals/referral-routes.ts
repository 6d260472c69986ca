// The referral routes: the public national form (POST /referrals), the case and its timeline for
// organisations it is routed to, and for the referrer who submitted it the plain-language status,
// the question waiting for their answer, and their answer. Every read of a case and every refusal is recorded in the access audit; a case
// the caller may not see is answered exactly like one that does not exist.
import * as z from 'zod';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { type EventStore } from '../../event-store/event-store.js';
import { fieldProblems, problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { createCaseTimeline } from '../../read-models/case-timeline.js';
import { type AccessGuard, refusalProblem } from '../shared/access-guard.js';
import { ReferralParams, problemResponse } from '../shared/api-schemas.js';
import { CaseSummary, caseSummary } from './case-summary.js';
import { type CaseFile } from '../shared/case-file.js';
import { openCase } from '../shared/case-reading.js';
import { type Action } from '../../../domain/access/index.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { etagOf } from '../shared/case-version.js';
import { idempotencyKeyFrom, idempotencyKeyHeader } from '../shared/idempotency-key.js';
import { ReferralForm, SubmissionAnswer } from './referral-form.js';
import { type ReferralSubmission } from './referral-submission.js';
import { ReferrerStatusAnswer, referrerStatusAnswer } from './referrer-view.js';
import { type CaseCommands } from '../case-commands/case-commands.js';
import { referrerAnswerCommand } from '../case-commands/case-command-catalogue.js';
import { keyReusedProblem } from '../shared/idempotency-key.js';
import { type ReferrerLinks } from '../../referrer-link/referrer-links.js';
import { REFERRER_LINK_MAX_LENGTH, referrerLinkViewer } from '../../referrer-link/referrer-link-viewer.js';

export interface ReferralRoutesDeps {
  store: EventStore;
  decider: ReferralDecider;
  submission: ReferralSubmission;
  guard: AccessGuard;
  commands: CaseCommands;
  /** Checks the referrer's link that opens the status and the answer without signing in. */
  referrerLinks: Pick<ReferrerLinks, 'check'>;
}

/** The referrer's link from their mail (`?link=`): the status and the answer without signing in. */
const ReferrerLinkQuery = z.strictObject({
  link: z.string().min(1).max(REFERRER_LINK_MAX_LENGTH).optional().meta({
    description:
      "The link from the referrer's mail: opens the referral's status (and answers its question) without signing in. Wrong, expired or another referral's: 404",
  }),
});

const TimelineAnswer = z
  .object({
    referralId: z.string(),
    version: z.number().int(),
    entries: z.array(
      z.object({
        version: z.number().int(),
        type: z.string(),
        describes: z.string(),
        occurredAt: z.string(),
        actor: z.unknown(),
        data: z.unknown(),
        personal: z.unknown().optional(),
      }),
    ),
  })
  .meta({ id: 'CaseTimeline' });

const ReferrerAnswerRecorded = z
  .object({ referralId: z.string(), requestNumber: z.number().int(), replayed: z.boolean() })
  .meta({
    id: 'ReferrerAnswerRecorded',
    description: 'Your answer is part of the case (no version: the case is not yours to follow)',
  });

const notFound = problemResponse('No such case, or you may not see it');

const noReferrer = problemResponse("Neither signed in nor holding the link from the referrer's mail");

export function createReferralRoutes(deps: ReferralRoutesDeps): RouteDefinition[] {
  /** The referrer: whoever holds the link from their mail, or else the signed-in caller. */
  async function referrerOf(request: {
    params: { referralId: string };
    query: { link?: string | undefined };
    viewer: AuthenticatedViewer | null;
  }): Promise<AuthenticatedViewer> {
    const { link } = request.query;
    if (link !== undefined) return referrerLinkViewer(deps.referrerLinks, request.params.referralId, link);
    if (!request.viewer) throw problems.unauthenticated('sign in, or open the link in the mail you received');
    return request.viewer;
  }

  /** The case file once the guard allowed `action` on it; a refusal answers as the API does. */
  async function allowedCase(
    request: { params: { referralId: string }; viewer: AuthenticatedViewer | null; correlationId: string },
    action: Action,
    recordAllowed: boolean,
  ): Promise<CaseFile> {
    const reading = await openCase(deps, {
      referralId: request.params.referralId,
      viewer: request.viewer!,
      action,
      correlationId: request.correlationId,
      recordAllowed,
    });
    if (!reading.allowed) throw refusalProblem(reading.refusal);
    return reading.file;
  }

  return [
    defineRoute({
      method: 'POST',
      path: '/referrals',
      operationId: 'submitReferral',
      summary: 'Submit the national referral form',
      tags: ['referrals'],
      access: 'public',
      body: ReferralForm,
      requestHeaders: [idempotencyKeyHeader],
      responses: {
        201: {
          description: 'Recorded; quote the reference. If someone is at immediate risk, the answer says to call 999.',
          schema: SubmissionAnswer,
        },
        403: problemResponse('Your role may not submit referrals'),
        422: problemResponse('The Idempotency-Key was used before with a different form'),
      },
      async handle({ body, headers, viewer, correlationId }) {
        const key = idempotencyKeyFrom(headers);
        const outcome = await deps.submission.submit({
          form: body,
          viewer,
          correlationId,
          ...(key ? { idempotencyKey: key } : {}),
        });
        switch (outcome.kind) {
          case 'invalid':
            throw problems.badRequest('Check the form: it is not complete or not valid.', fieldProblems(outcome.error));
          case 'refused':
            throw problems.unprocessable(outcome.error.message, undefined, outcome.error.code);
          case 'access-refused':
            throw refusalProblem(outcome.decision);
          case 'key-reused-with-another-body':
            throw problems.unprocessable(
              'This Idempotency-Key was already used for a different referral form. Use a new key for a new referral.',
              undefined,
              'idempotency-key-reused',
            );
          case 'submitted':
            return {
              status: 201,
              headers: { location: `/referrals/${outcome.answer.referralId}/status` },
              body: outcome.answer,
            };
        }
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/referrals/{referralId}',
      operationId: 'getCase',
      summary: 'Read a case (organisations it is routed to)',
      tags: ['referrals'],
      access: 'signed-in',
      params: ReferralParams,
      responses: { 200: { description: 'The case; the ETag is its version', schema: CaseSummary }, 404: notFound },
      async handle(request) {
        const { params } = request;
        const file = await allowedCase(request, 'read-case', true);
        return {
          status: 200,
          headers: { etag: etagOf(file.version) },
          body: caseSummary(params.referralId, file.state, file.history, file.version),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/referrals/{referralId}/timeline',
      operationId: 'getCaseTimeline',
      summary: "Read a case's timeline: every event, in order",
      tags: ['referrals'],
      access: 'signed-in',
      params: ReferralParams,
      responses: {
        200: { description: 'The timeline; the ETag is the version', schema: TimelineAnswer },
        404: notFound,
      },
      async handle(request) {
        const { params } = request;
        const file = await allowedCase(request, 'read-timeline', true);
        const entries = await createCaseTimeline({ store: { read: async () => file.history } }).forViewer(
          file.streamId,
          true,
        );
        return {
          status: 200,
          headers: { etag: etagOf(file.version) },
          body: { referralId: params.referralId, version: file.version, entries },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/referrals/{referralId}/status',
      operationId: 'getSubmissionStatus',
      summary:
        'The status of a referral you submitted, in plain words, and the question waiting for your answer (never a police decision or the outcome for the person)',
      tags: ['referrals'],
      access: 'public',
      params: ReferralParams,
      query: ReferrerLinkQuery,
      responses: {
        200: {
          description: 'Reference, status, when it was submitted and the question waiting for your answer',
          schema: ReferrerStatusAnswer,
        },
        401: noReferrer,
        404: notFound,
      },
      async handle(request) {
        const viewer = await referrerOf(request);
        // Recorded: the question addressed to the referrer is personal data.
        const file = await allowedCase({ ...request, viewer }, 'read-submission-status', true);
        return { status: 200, body: referrerStatusAnswer(file) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/referrals/{referralId}/more-information/answer',
      operationId: 'answerMoreInformation',
      summary: referrerAnswerCommand.summary,
      tags: ['referrals'],
      access: 'public',
      params: ReferralParams,
      query: ReferrerLinkQuery,
      body: referrerAnswerCommand.body,
      requestHeaders: [idempotencyKeyHeader],
      responses: {
        200: { description: 'Your answer is recorded, sealed like all personal data', schema: ReferrerAnswerRecorded },
        401: noReferrer,
        404: notFound,
        422: problemResponse(
          'Nothing to answer now: the request was already answered, none is waiting, or the referral is closed (code says which); or the Idempotency-Key was already used for another request',
        ),
      },
      async handle(request) {
        const { params, body, headers, correlationId } = request;
        const viewer = await referrerOf(request);
        const key = idempotencyKeyFrom(headers);
        const outcome = await deps.commands.run({
          spec: referrerAnswerCommand,
          referralId: params.referralId,
          body,
          viewer,
          expectedVersion: 'any',
          ...(key ? { idempotencyKey: key } : {}),
          correlationId,
        });
        switch (outcome.kind) {
          case 'invalid':
            throw problems.badRequest('Check the body: it is not a valid answer.', fieldProblems(outcome.error));
          case 'access-refused':
            throw refusalProblem(outcome.decision);
          case 'refused':
            throw problems.unprocessable(outcome.error.message, undefined, outcome.error.code);
          case 'key-reused':
            throw keyReusedProblem();
          case 'stale':
            throw new Error('the referrer answer is decided without a version check');
          case 'recorded':
            return {
              status: 200,
              body: { referralId: params.referralId, requestNumber: body.requestNumber, replayed: outcome.replayed },
            };
        }
      },
    }),
  ];
}
