// Every access decision of the API and the pages goes through here: the one policy
// (domain/access) decides, and the outcome is recorded in the access audit: every read of a case,
// and every refused attempt on a case, a queue, the statistics or the administration. The guard
// returns the decision; each caller answers a refusal in its own terms: the API with a 404 when
// saying more would confirm that a case exists and a 403 otherwise (refusalProblem), the pages
// with the matching page.
import { type Action, type CaseAccessFacts, type AccessDecision, decideAccess } from '../../../domain/access/index.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type AccessAudit } from '../../audit/access-audit.js';
import { type HttpProblem, problems } from '../../http/problem.js';

export interface AccessAttempt {
  viewer: AuthenticatedViewer;
  action: Action;
  /** The audit subject: the referral's stream id, or auditSubject('queue' | 'statistics' | 'organisation', id). */
  subject: string;
  correlationId: string;
  caseFacts?: CaseAccessFacts | null;
  organisation?: string;
  /** Record an allowed attempt too (reads of a case); refusals are always recorded. */
  recordAllowed: boolean;
  /** Why, in the service's words (never personal data): kept with the record. */
  purpose?: string;
}

export interface AccessGuard {
  /** Decides and records (refusals always, allowed attempts when asked); the caller answers a refusal. */
  check(attempt: AccessAttempt): Promise<AccessDecision>;
  /** Records an outcome decided elsewhere (by the decider wrapper of a case command). */
  record(
    attempt: Omit<AccessAttempt, 'caseFacts' | 'organisation' | 'recordAllowed'>,
    decision: AccessDecision,
  ): Promise<void>;
}

export type AccessRefusal = Extract<AccessDecision, { allowed: false }>;

/** How the API answers a refusal. */
export function refusalProblem(decision: AccessRefusal): HttpProblem {
  return decision.answer === 'not-found'
    ? problems.notFound()
    : problems.forbidden('Your organisation or role may not do this.');
}

export function createAccessGuard(deps: { audit: AccessAudit; clock: () => Date }): AccessGuard {
  async function record(
    attempt: Omit<AccessAttempt, 'caseFacts' | 'organisation' | 'recordAllowed'>,
    decision: AccessDecision,
  ): Promise<void> {
    const { viewer } = attempt;
    await deps.audit.record({
      caseId: attempt.subject,
      user: viewer.user,
      organisation: viewer.organisation,
      role: viewer.role,
      action: attempt.action,
      outcome: decision.allowed ? 'allowed' : 'refused',
      ...(decision.allowed ? {} : { reason: decision.reason }),
      ...(attempt.purpose !== undefined ? { purpose: attempt.purpose } : {}),
      correlationId: attempt.correlationId,
      at: deps.clock(),
    });
  }

  return {
    record,
    async check(attempt) {
      const decision = decideAccess(attempt.viewer, attempt.action, {
        ...(attempt.caseFacts !== undefined ? { caseFacts: attempt.caseFacts } : {}),
        ...(attempt.organisation !== undefined ? { organisation: attempt.organisation } : {}),
      });
      if (!decision.allowed || attempt.recordAllowed) await record(attempt, decision);
      return decision;
    },
  };
}

/** For the API's routes: decides and records through the guard, and throws the problem a refusal is answered with. */
export async function requireAccess(guard: AccessGuard, attempt: AccessAttempt): Promise<void> {
  const decision = await guard.check(attempt);
  if (!decision.allowed) throw refusalProblem(decision);
}
