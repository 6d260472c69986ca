// Opening a case for a signed-in viewer, for the API's case reads and the case pages alike: load
// the stream, decide access on the stream itself (never on a projection that may lag behind a
// transfer), record the attempt, and give the case file only when access is allowed. A case the
// viewer may not see is refused exactly like one that does not exist.
import { AWAITING_DECONFLICTION, type Action, awaitsSharing } from '../../../domain/access/index.js';
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

/** What an organisation waiting for the police to deconflict a referral may know of it. */
export interface CaseNotice {
  reference: string;
  priority: 'urgent' | 'standard';
  typesOfConcern: string[];
  /** When it was submitted, and the area it was routed to. */
  submittedAt: string | null;
  localAuthorityCode: string | null;
}

export type CaseReading =
  | { allowed: true; file: CaseFile }
  /** `notice`: the viewer's organisation awaits the referral; it read the existence facts alone (recorded). */
  | { allowed: false; refusal: AccessRefusal; notice?: CaseNotice };

/**
 * Opens a case. An organisation that holds the case but waits for the police to deconflict it
 * reads its existence facts instead (recorded as `read-case-notice`), and the whole case is
 * refused to it; every other refusal is as the policy decides.
 */
export async function openCase(deps: CaseReadingDeps, opening: CaseOpening): Promise<CaseReading> {
  const file = await loadCaseFile(deps, opening.referralId);
  if (opening.action === 'read-case' && file.facts && awaitsSharing(file.facts, opening.viewer.organisation)) {
    const decision = await deps.guard.check({
      viewer: opening.viewer,
      action: 'read-case-notice',
      subject: file.streamId,
      caseFacts: file.facts,
      correlationId: opening.correlationId,
      recordAllowed: true,
    });
    const refusal: AccessRefusal = { allowed: false, answer: 'forbidden', reason: AWAITING_DECONFLICTION };
    if (!decision.allowed) return { allowed: false, refusal: decision };
    const { state } = file;
    return {
      allowed: false,
      refusal,
      notice: {
        reference: state.reference ?? '',
        priority: state.priority ?? 'standard',
        typesOfConcern: [...state.suspectedConcernTypes],
        submittedAt: state.submittedAt,
        localAuthorityCode: state.routing?.localAuthorityCode ?? null,
      },
    };
  }
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
