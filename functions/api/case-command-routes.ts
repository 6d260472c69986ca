// POST /referrals/{referralId}/<command>: one route per case command. Each names the version it
// changes (If-Match), runs through the command handler with the guarded decider (access, then
// version, then the referral's rules, all on the state the command is decided on), and answers
// the new version as the ETag. Refusals: 404 (may not see the case, or none), 403 (role may not),
// 409 with the current version (stale), 422 with the decider's code (the case is not at that step).
// Erasure destroys the referral's data key after PersonalDataErased is recorded.
import { type ReferralCommand } from '../../domain/referral/commands.js';
import { type ReferralDecider } from '../../domain/referral/decider.js';
import { createCommandHandler } from '../command-handler/command-handler.js';
import { type EventStore } from '../event-store/event-store.js';
import { fieldProblems, problems } from '../http/problem.js';
import { type RouteDefinition, defineRoute } from '../http/route.js';
import { type AccessGuard, refusalProblem } from './access-guard.js';
import { CommandAnswer, ReferralParams, problemResponse } from './api-schemas.js';
import { type CaseCommandRoute, caseCommandRoutes } from './case-command-catalogue.js';
import { referralStreamId } from './case-file.js';
import { etagOf, expectedVersionFrom, ifMatchHeader } from './case-version.js';
import { guardedReferralDecider } from './guarded-referral-decider.js';
import { idempotencyKeyFrom, idempotencyKeyHeader, scopedKey } from './idempotency-key.js';

export interface CaseCommandDeps {
  store: EventStore;
  decider: ReferralDecider;
  guard: AccessGuard;
  clock: () => Date;
  newId: () => string;
}

function caseCommandRoute(spec: CaseCommandRoute, deps: CaseCommandDeps): RouteDefinition {
  return defineRoute({
    method: 'POST',
    path: `/referrals/{referralId}/${spec.path}`,
    summary: spec.summary,
    tags: ['case commands'],
    access: 'signed-in',
    params: ReferralParams,
    body: spec.body,
    requestHeaders: [ifMatchHeader, idempotencyKeyHeader],
    responses: {
      200: { description: 'Recorded; the ETag is the new version', schema: CommandAnswer },
      403: problemResponse('Your role may not do this on a case your organisation can see'),
      404: problemResponse('No such case, or your organisation may not see it'),
      409: problemResponse('The case changed since the version in If-Match; currentVersion says where it is'),
      422: problemResponse("The referral's rules refuse the command now; code says why"),
      428: problemResponse('If-Match is missing'),
    },
    async handle({ params, body, headers, viewer, correlationId }) {
      if (!viewer) throw problems.unauthenticated('sign in first');
      const expectedVersion = expectedVersionFrom(headers);
      const key = idempotencyKeyFrom(headers);
      const actor = { organisation: viewer.organisation, user: viewer.user, role: viewer.role };
      const at = deps.clock().toISOString();
      const parsed = spec.command.safeParse({ ...(body as object), type: spec.commandType, at, actor });
      if (!parsed.success) throw problems.badRequest('Check the body: it does not make a valid command.', fieldProblems(parsed.error));
      const streamId = referralStreamId(params.referralId);
      const commands = createCommandHandler({ store: deps.store, decider: guardedReferralDecider(deps.decider, { viewer, action: spec.action, expectedVersion }) });
      const result = await commands.handle({
        streamId,
        commandId: `http:${key ? scopedKey(`${viewer.organisation}\n${viewer.user}`, key) : deps.newId()}`,
        command: parsed.data as ReferralCommand,
        actor,
        correlationId,
        occurredAt: at,
      });
      if (!result.ok) {
        const refusal = result.error;
        if (refusal.kind === 'access') {
          await deps.guard.record({ viewer, action: spec.action, subject: streamId, correlationId }, refusal.decision);
          throw refusalProblem(refusal.decision);
        }
        if (refusal.kind === 'stale') throw problems.conflict(`The case is at version ${refusal.currentVersion}: load it again and decide on what it says now.`, refusal.currentVersion);
        // Erasure already recorded (a retry after a failure between recording and destroying the key): destroy it now.
        if (spec.commandType === 'ErasePersonalData' && refusal.error.code === 'personal-data-erased') {
          await deps.store.erase(streamId);
          return { status: 200, headers: { etag: etagOf(result.version) }, body: { referralId: params.referralId, version: result.version, recordedEvents: 0, replayed: true } };
        }
        throw problems.unprocessable(refusal.error.message, undefined, refusal.error.code);
      }
      if (spec.commandType === 'ErasePersonalData') await deps.store.erase(streamId);
      return {
        status: 200,
        headers: { etag: etagOf(result.lastVersion) },
        body: { referralId: params.referralId, version: result.lastVersion, recordedEvents: result.eventCount, replayed: result.replayed },
      };
    },
  });
}

export function createCaseCommandRoutes(deps: CaseCommandDeps): RouteDefinition[] {
  return caseCommandRoutes.map((spec) => caseCommandRoute(spec, deps));
}
