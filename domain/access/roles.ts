// Which role may attempt which action, before any question of which case or organisation.
import { type Role } from '../../events/envelope.js';
import { type Action, type CaseCommand } from './actions.js';

/** The Channel panel's work, from scheduling to the post-exit reviews: the council's Prevent lead and the panel's chair both do it. */
const channelWork: readonly CaseCommand[] = [
  'schedule-panel',
  'record-consent',
  'record-panel-decision',
  'agree-support',
  'review-support',
  'record-exit',
  'complete-post-exit-review',
];

const caseWork: Record<
  'police-prevent-officer' | 'local-authority-prevent-lead' | 'channel-chair' | 'hub-clinician',
  readonly CaseCommand[]
> = {
  // The police also record the Channel work of a council that is not on the service (the decider
  // refuses it for a council that is), and run police-led case management.
  'police-prevent-officer': [
    'start-gateway-assessment',
    'complete-gateway-assessment',
    'record-deconfliction',
    'share-referral',
    'escalate',
    'correct-age',
    'request-more-information',
    'request-hub-assessment',
    ...channelWork,
    'review-case-management',
    'end-case-management',
    'transfer',
    'accept-transfer',
    'close',
  ],
  'local-authority-prevent-lead': [
    ...channelWork,
    'escalate',
    'correct-age',
    'request-hub-assessment',
    'transfer',
    'accept-transfer',
    'close',
  ],
  'channel-chair': channelWork,
  'hub-clinician': ['complete-hub-assessment'],
};

const caseWorkers = Object.keys(caseWork) as (keyof typeof caseWork)[];

export function isCaseWorker(role: Role): role is keyof typeof caseWork {
  return (caseWorkers as string[]).includes(role);
}

/**
 * A regional Prevent hub officer (decision 0018) oversees every case held by a police force of
 * their CTP region: they read it as the force does, and move it between the region's forces.
 */
export function isRegionalHubOfficer(role: Role): role is 'regional-prevent-hub-officer' {
  return role === 'regional-prevent-hub-officer';
}

/** What a regional Prevent hub officer may do on a case of their region. */
const regionalCaseWork: readonly Action[] = [
  'read-case',
  'read-timeline',
  'read-case-notice',
  'find-case',
  'move-case-within-region',
];

/**
 * What a regional Prevent hub officer may also do where their region's referrals are assessed by
 * the regional hub and the hub is a destination of the case: the gateway assessment.
 */
export const regionalAssessmentWork: readonly CaseCommand[] = [
  'start-gateway-assessment',
  'complete-gateway-assessment',
  'record-deconfliction',
];

/** Roles that read cases (the case workers of the destinations, and the regional hubs over the police). */
export function readsCases(role: Role): boolean {
  return isCaseWorker(role) || isRegionalHubOfficer(role);
}

/**
 * Who may read a case's access audit: the platform's administrator and the data protection
 * officer (any case); the leads of the organisations that hold the case: a council's Prevent
 * lead, and the organisation administrator of a police hub, council or hub (only while the case
 * is routed to their organisation).
 */
export function isAuditReader(role: Role): boolean {
  return (
    role === 'administrator' ||
    role === 'data-protection-officer' ||
    role === 'local-authority-prevent-lead' ||
    role === 'organisation-administrator'
  );
}

/** Roles that oversee every case (not through routing): they are not refused for a case's destinations. */
export function overseesEveryCase(role: Role): boolean {
  return role === 'administrator' || role === 'data-protection-officer';
}

/** The actions each role may attempt at all. */
export function roleAllows(role: Role, action: Action): boolean {
  switch (action) {
    case 'submit-referral':
      return role !== 'analyst' && role !== 'system';
    case 'read-case':
    case 'read-timeline':
    case 'read-case-notice':
    case 'read-triage-queue':
    case 'find-case':
      return readsCases(role);
    case 'move-case-within-region':
      return isRegionalHubOfficer(role);
    case 'read-submission-status':
    case 'answer-more-information':
      return role === 'referrer';
    case 'erase-personal-data':
      return role === 'police-prevent-officer' || role === 'administrator';
    case 'read-statistics':
      return readsCases(role) || role === 'analyst';
    case 'produce-statistics-extract':
      return role === 'analyst';
    case 'manage-organisations':
      return role === 'administrator';
    case 'read-access-audit':
      return isAuditReader(role);
    case 'read-user-audit':
      return role === 'organisation-administrator' || role === 'data-protection-officer' || role === 'administrator';
    case 'manage-people':
      return role === 'organisation-administrator';
    case 'subject-access-request':
      return role === 'data-protection-officer';
    default:
      if (isRegionalHubOfficer(role))
        return regionalCaseWork.includes(action) || (regionalAssessmentWork as readonly Action[]).includes(action);
      return isCaseWorker(role) && caseWork[role].includes(action);
  }
}
