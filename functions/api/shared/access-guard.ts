// Every access decision of the API goes through here: the one policy (domain/access) decides, and
// the outcome is recorded in the access audit: every read of a case, and every refused attempt
// on a case, a queue, the statistics or the administration. A refusal becomes a 404 when saying
// more would confirm that a case exists, a 403 otherwise.
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
}

export interface AccessGuard {
  /** Decides, records, and throws the problem to answer when refused. */
  require(attempt: AccessAttempt): Promise<void>;
  /** Records an outcome decided elsewhere (by the decider wrapper of a case command). */
  record(
    attempt: Omit<AccessAttempt, 'caseFacts' | 'organisation' | 'recordAllowed'>,
    decision: AccessDecision,
  ): Promise<void>;
}

export function refusalProblem(decision: Extract<AccessDecision, { allowed: false }>): HttpProblem {
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
      correlationId: attempt.correlationId,
      at: deps.clock(),
    });
  }

  return {
    record,
    async require(attempt) {
      const decision = decideAccess(attempt.viewer, attempt.action, {
        ...(attempt.caseFacts !== undefined ? { caseFacts: attempt.caseFacts } : {}),
        ...(attempt.organisation !== undefined ? { organisation: attempt.organisation } : {}),
      });
      if (!decision.allowed || attempt.recordAllowed) await record(attempt, decision);
      if (!decision.allowed) throw refusalProblem(decision);
    },
  };
}
