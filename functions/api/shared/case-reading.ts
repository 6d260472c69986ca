// Opening a case for a signed-in viewer, for the API's case reads and the case pages alike: load
// the stream, decide access on the stream itself (never on a projection that may lag behind a
// transfer), record the attempt, and give the case file only when access is allowed. A case the
// viewer may not see is refused exactly like one that does not exist.
import { type Action } from '../../../domain/access/index.js';
import { type ReferralDecider } from '../../../domain/referral/decider.js';
import { type EventStore } from '../../event-store/event-store.js';
import { type AuthenticatedViewer } from '../../identity/identity.js';
import { type AccessGuard, type AccessRefusal } from './access-guard.js';
import { type CaseFile, loadCaseFile } from './case-file.js';

export interface CaseReadingDeps {
  store: Pick<EventStore, 'read'>;
  decider: Pick<ReferralDecider, 'initialState' | 'evolve'>;
  guard: AccessGuard;
}

export interface CaseOpening {
  referralId: string;
  viewer: AuthenticatedViewer;
  action: Action;
  correlationId: string;
  /** Record an allowed attempt too (reads of a case); refusals are always recorded. */
  recordAllowed: boolean;
}

export type CaseReading = { allowed: true; file: CaseFile } | { allowed: false; refusal: AccessRefusal };

export async function openCase(deps: CaseReadingDeps, opening: CaseOpening): Promise<CaseReading> {
  const file = await loadCaseFile(deps, opening.referralId);
  const decision = await deps.guard.check({
    viewer: opening.viewer,
    action: opening.action,
    subject: file.streamId,
    caseFacts: file.facts,
    correlationId: opening.correlationId,
    recordAllowed: opening.recordAllowed,
  });
  return decision.allowed ? { allowed: true, file } : { allowed: false, refusal: decision };
}
