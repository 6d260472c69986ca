// POST /referrals/{referralId}/<command>: one route per case command. Each names the version it
// changes (If-Match) and runs through the case command service (case-commands.ts: the guarded
// decider checks access, then version, then the referral's rules, on the state the command is
// decided on), and answers the new version as the ETag. Refusals: 404 (may not see the case, or
// none), 403 (role may not), 409 with the current version (stale), 422 with the decider's code
// (the case is not at that step).
import { type z } from 'zod';
import { fieldProblems, problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { refusalProblem } from '../shared/access-guard.js';
import { CommandAnswer, ReferralParams, problemResponse } from '../shared/api-schemas.js';
import { type CaseCommandRoute, caseCommandRoutes } from './case-command-catalogue.js';
import { type CaseCommands } from './case-commands.js';
import { etagOf, expectedVersionFrom, ifMatchHeader } from '../shared/case-version.js';
import { idempotencyKeyFrom, idempotencyKeyHeader, keyReusedProblem } from '../shared/idempotency-key.js';

/**
 * A case command whose request body is not the command's own fields: `body` is what the caller
 * sends, `prepare` turns it into the command's fields (throwing the problem when it cannot).
 */
export interface PreparedBody {
  body: z.ZodObject;
  prepare(body: Record<string, unknown>): Record<string, unknown>;
}

export function caseCommandRoute(
  spec: CaseCommandRoute,
  commands: CaseCommands,
  prepared?: PreparedBody,
): RouteDefinition {
  return defineRoute({
    method: 'POST',
    path: `/referrals/{referralId}/${spec.path}`,
    // The referral command's own name, camelCase: StartGatewayAssessment -> startGatewayAssessment.
    operationId: spec.commandType.charAt(0).toLowerCase() + spec.commandType.slice(1),
    summary: spec.summary,
    tags: ['case commands'],
    access: 'signed-in',
    params: ReferralParams,
    body: prepared?.body ?? spec.body,
    requestHeaders: [ifMatchHeader, idempotencyKeyHeader],
    responses: {
      200: { description: 'Recorded; the ETag is the new version', schema: CommandAnswer },
      403: problemResponse('Your role may not do this on a case your organisation can see'),
      404: problemResponse('No such case, or your organisation may not see it'),
      409: problemResponse('The case changed since the version in If-Match; currentVersion says where it is'),
      422: problemResponse(
        "The referral's rules refuse the command now (code says why), or the Idempotency-Key was already used for another request (code idempotency-key-reused)",
      ),
      428: problemResponse('If-Match is missing'),
    },
    async handle({ params, body, headers, viewer, correlationId }) {
      if (!viewer) throw problems.unauthenticated('sign in first');
      const expectedVersion = expectedVersionFrom(headers);
      const key = idempotencyKeyFrom(headers);
      const outcome = await commands.run({
        spec,
        referralId: params.referralId,
        body: prepared ? prepared.prepare(body as Record<string, unknown>) : body,
        viewer,
        expectedVersion,
        ...(key ? { idempotencyKey: key } : {}),
        correlationId,
      });
      switch (outcome.kind) {
        case 'invalid':
          throw problems.badRequest('Check the body: it does not make a valid command.', fieldProblems(outcome.error));
        case 'access-refused':
          throw refusalProblem(outcome.decision);
        case 'stale':
          throw problems.conflict(
            `The case is at version ${outcome.currentVersion}: load it again and decide on what it says now.`,
            outcome.currentVersion,
          );
        case 'refused':
          throw problems.unprocessable(outcome.error.message, undefined, outcome.error.code);
        case 'key-reused':
          throw keyReusedProblem();
        case 'recorded':
          return {
            status: 200,
            headers: { etag: etagOf(outcome.version) },
            body: {
              referralId: params.referralId,
              version: outcome.version,
              recordedEvents: outcome.recordedEvents,
              replayed: outcome.replayed,
            },
          };
      }
    },
  });
}

export function createCaseCommandRoutes(deps: { commands: CaseCommands }): RouteDefinition[] {
  return caseCommandRoutes.map((spec) => caseCommandRoute(spec, deps.commands));
}
