// The referral routes: the public national form (POST /referrals), the case and its timeline for
// organisations it is routed to, and the status (no personal data) for the referrer who
// submitted it. Every read of a case and every refusal is recorded in the access audit; a case
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

export interface ReferralRoutesDeps {
  store: EventStore;
  decider: ReferralDecider;
  submission: ReferralSubmission;
  guard: AccessGuard;
}

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

const StatusAnswer = z
  .object({ reference: z.string(), status: z.string(), submittedAt: z.string().nullable() })
  .meta({ id: 'SubmissionStatus', description: 'What a referrer may know about what it submitted: no personal data' });

const notFound = problemResponse('No such case, or you may not see it');

export function createReferralRoutes(deps: ReferralRoutesDeps): RouteDefinition[] {
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
      summary: 'The status of a referral you submitted (no personal data)',
      tags: ['referrals'],
      access: 'signed-in',
      params: ReferralParams,
      responses: {
        200: { description: 'Reference, status and when it was submitted', schema: StatusAnswer },
        404: notFound,
      },
      async handle(request) {
        const file = await allowedCase(request, 'read-submission-status', false);
        return {
          status: 200,
          body: {
            reference: file.state.reference ?? '',
            status: file.state.status,
            submittedAt: file.state.submittedAt,
          },
        };
      },
    }),
  ];
}
