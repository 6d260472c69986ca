// The one authorisation policy: access follows routing. An organisation may read and act on a
// referral only while it is one of the referral's current destinations, and only through the
// actions its role allows. Pure: the caller loads the case facts and records the decision.
import { type Role } from '../../events/envelope.js';
import { type Action, caseCommands, caseReads } from './actions.js';
import { isCaseWorker, roleAllows } from './roles.js';

export interface Viewer {
  user: string;
  organisation: string;
  role: Role;
}

/** What the policy needs to know about a case; nothing personal. */
export interface CaseAccessFacts {
  currentDestinations: readonly string[];
  submittedBy: { organisation: string; user: string };
}

export type AccessDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** 'not-found' when saying more would confirm that a case exists; 'forbidden' otherwise. */
      answer: 'not-found' | 'forbidden';
      reason: string;
    };

const allowed: AccessDecision = { allowed: true };

function refuse(answer: 'not-found' | 'forbidden', reason: string): AccessDecision {
  return { allowed: false, answer, reason };
}

const onCase = new Set<string>([...caseReads, ...caseCommands]);

/**
 * Decides whether `viewer` may do `action`. Case actions need `caseFacts` (null when there is
 * no such case, which is answered exactly like a case the viewer may not see); queue reads need
 * the organisation whose queue is asked for.
 */
export function decideAccess(
  viewer: Viewer,
  action: Action,
  target: { caseFacts?: CaseAccessFacts | null; organisation?: string } = {},
): AccessDecision {
  if (onCase.has(action)) {
    const facts = target.caseFacts;
    if (!facts) return refuse('not-found', 'no such case');
    if (!isCaseWorker(viewer.role)) return refuse('not-found', `role ${viewer.role} does not work on cases`);
    if (!facts.currentDestinations.includes(viewer.organisation)) return refuse('not-found', 'the case is not routed to this organisation');
    if (!roleAllows(viewer.role, action)) return refuse('forbidden', `role ${viewer.role} may not ${action}`);
    return allowed;
  }
  if (!roleAllows(viewer.role, action)) {
    return refuse(action === 'read-submission-status' || action === 'erase-personal-data' ? 'not-found' : 'forbidden', `role ${viewer.role} may not ${action}`);
  }
  switch (action) {
    case 'read-submission-status': {
      const facts = target.caseFacts;
      if (!facts || facts.submittedBy.organisation !== viewer.organisation || facts.submittedBy.user !== viewer.user) {
        return refuse('not-found', 'only the referrer who submitted it sees its status');
      }
      return allowed;
    }
    case 'erase-personal-data': {
      const facts = target.caseFacts;
      if (!facts) return refuse('not-found', 'no such case');
      if (viewer.role === 'administrator') return allowed;
      return facts.currentDestinations.includes(viewer.organisation) ? allowed : refuse('not-found', 'the case is not routed to this organisation');
    }
    case 'read-triage-queue':
      return target.organisation === viewer.organisation ? allowed : refuse('forbidden', "an organisation sees only its own queue");
    default:
      return allowed;
  }
}

/** Statistics without disclosure control only for people who already have case access. */
export function seesUnsuppressedStatistics(viewer: Viewer): boolean {
  return isCaseWorker(viewer.role);
}
