// The one authorisation policy: access follows routing. An organisation may read and act on a
// referral only while it is one of the referral's current destinations, and only through the
// actions its role allows. Pure: the caller loads the case facts and records the decision.
import { type Role } from '../../events/envelope.js';
import { type Action, caseCommands, caseReads } from './actions.js';
import { regionOfRegionalHub } from '../routing/directory.js';
import {
  isCaseWorker,
  isRegionalHubOfficer,
  overseesEveryCase,
  readsCases,
  regionalAssessmentWork,
  roleAllows,
} from './roles.js';
import { type ReferrerLinkCheck, decideReferrerLink } from './referrer-link.js';

export interface Viewer {
  user: string;
  organisation: string;
  role: Role;
  /**
   * The referrer's link the caller presented instead of signing in, as checked against the
   * service's key (decision 0016, part 5): it alone decides what this viewer may do.
   */
  referrerLink?: ReferrerLinkCheck;
}

/** What the policy needs to know about a case; nothing personal. */
export interface CaseAccessFacts {
  currentDestinations: readonly string[];
  /**
   * Current destinations told only that the referral exists until the police have deconflicted it
   * and it involves them (decision 0016, part 1): they may read the existence facts, nothing more.
   */
  awaitingSharing?: readonly string[];
  submittedBy: { organisation: string; user: string };
  /** The referral's id, where the caller knows it (a referrer's link is bound to one). */
  referralId?: string;
  /** How many questions the police asked the referrer, and the one waiting for an answer (a question link lasts until answered). */
  referrerQuestions?: { asked: number; awaitingAnswer: number | null };
  /**
   * The Counter Terrorism Policing regions whose police forces hold the case now (decision 0018):
   * a regional Prevent hub sees the case while one of its region's forces is a current destination.
   */
  regions?: readonly string[];
}

/** Whether the case is held now by a police force of the regional hub `organisation` oversees. */
export function heldInRegionOf(facts: CaseAccessFacts, organisation: string): boolean {
  const region = regionOfRegionalHub(organisation);
  return region !== null && (facts.regions?.includes(region) ?? false);
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

const onCase = new Set<string>([...caseReads, ...caseCommands, 'find-case']);

/** The reason recorded when an organisation waiting for the referral tries to read or act on more than its existence. */
export const AWAITING_DECONFLICTION =
  'the referral awaits police deconfliction: this organisation sees only that it exists';

/** Whether this organisation holds the case but sees only that it exists, until it is shared. */
export function awaitsSharing(facts: CaseAccessFacts, organisation: string): boolean {
  return facts.awaitingSharing?.includes(organisation) ?? false;
}

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
  // The holder of a referrer's link is no one in particular: the link alone decides, and only on its referral.
  if (viewer.referrerLink)
    return decideReferrerLink(viewer.referrerLink, action, target.caseFacts?.referralId, target.caseFacts);
  if (onCase.has(action)) {
    const facts = target.caseFacts;
    if (!facts) return refuse('not-found', 'no such case');
    if (isRegionalHubOfficer(viewer.role)) {
      if (!heldInRegionOf(facts, viewer.organisation))
        return refuse('not-found', 'the case is not held by a police force of this region');
      if (
        (regionalAssessmentWork as readonly string[]).includes(action) &&
        !facts.currentDestinations.includes(viewer.organisation)
      )
        return refuse(
          'forbidden',
          "the case's gateway assessment is made by its police force, not by the regional hub",
        );
      return roleAllows(viewer.role, action) ? allowed : refuse('forbidden', `role ${viewer.role} may not ${action}`);
    }
    if (!isCaseWorker(viewer.role)) return refuse('not-found', `role ${viewer.role} does not work on cases`);
    if (!facts.currentDestinations.includes(viewer.organisation))
      return refuse('not-found', 'the case is not routed to this organisation');
    if (!roleAllows(viewer.role, action)) return refuse('forbidden', `role ${viewer.role} may not ${action}`);
    if (action !== 'read-case-notice' && awaitsSharing(facts, viewer.organisation))
      return refuse('forbidden', AWAITING_DECONFLICTION);
    return allowed;
  }
  if (!roleAllows(viewer.role, action)) {
    return refuse(
      action === 'read-submission-status' || action === 'answer-more-information' || action === 'erase-personal-data'
        ? 'not-found'
        : 'forbidden',
      `role ${viewer.role} may not ${action}`,
    );
  }

  switch (action) {
    // The referrer sees the status of what they sent and the question addressed to them, nothing else of the case.
    case 'read-submission-status':
    case 'answer-more-information': {
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
      return facts.currentDestinations.includes(viewer.organisation)
        ? allowed
        : refuse('not-found', 'the case is not routed to this organisation');
    }
    case 'read-triage-queue':
      return target.organisation === viewer.organisation
        ? allowed
        : refuse('forbidden', 'an organisation sees only its own queue');
    case 'read-access-audit': {
      // Oversight of every case; a lead only of a case routed to their organisation, and a case
      // they may not see answers exactly like one that does not exist.
      if (overseesEveryCase(viewer.role)) return allowed;
      const facts = target.caseFacts;
      if (!facts) return refuse('not-found', 'no such case');
      return facts.currentDestinations.includes(viewer.organisation)
        ? allowed
        : refuse('not-found', 'the case is not routed to this organisation');
    }
    case 'read-user-audit':
      return overseesEveryCase(viewer.role) || target.organisation === viewer.organisation
        ? allowed
        : refuse('forbidden', "an organisation administrator sees only what their own organisation's people read");
    case 'manage-people':
      return target.organisation === viewer.organisation
        ? allowed
        : refuse('forbidden', 'an organisation administrator manages only the people of their own organisation');
    default:
      return allowed;
  }
}

/** Whose figures are asked for: the nation's (every force and area), or one organisation's own referrals. */
export type StatisticsRequest = { scope: 'national' } | { scope: 'organisation'; organisation: string };

export type StatisticsAccess =
  /**
   * `live`: the organisation's own referrals (those routed to it now), counted as they stand,
   * without disclosure control: its people see those cases anyway. `extract`: the dated extracts
   * of closed periods, with disclosure control, never live counts that could be differenced.
   */
  | { allowed: true; source: 'live'; disclosureControl: false }
  | { allowed: true; source: 'extract'; disclosureControl: true }
  | { allowed: false; answer: 'forbidden'; reason: string };

/**
 * Statistics follow routing too: exact figures only of an organisation's own referrals, for its
 * case workers; everything else (the national tables, every other force and area) only from the
 * dated extracts, with small cells hidden. Analysts get the extracts alone.
 */
export function decideStatisticsAccess(viewer: Viewer, request: StatisticsRequest): StatisticsAccess {
  if (!roleAllows(viewer.role, 'read-statistics'))
    return { allowed: false, answer: 'forbidden', reason: `role ${viewer.role} may not read-statistics` };
  if (request.scope === 'national') return { allowed: true, source: 'extract', disclosureControl: true };
  // A regional Prevent hub's own figures are its region's: the referrals held by its forces (decision 0018).
  if (!readsCases(viewer.role))
    return { allowed: false, answer: 'forbidden', reason: `role ${viewer.role} sees only the dated extracts` };
  if (request.organisation !== viewer.organisation) {
    return {
      allowed: false,
      answer: 'forbidden',
      reason: "an organisation sees exact figures only of its own referrals; others' are in the extracts",
    };
  }
  return { allowed: true, source: 'live', disclosureControl: false };
}
