// What a person may try to do through the service, in the domain's words.

/** Commands on a case: each needs the caller's organisation to be one of the case's current destinations. */
export const caseCommands = [
  'start-gateway-assessment',
  'complete-gateway-assessment',
  'escalate',
  'request-more-information',
  'record-deconfliction',
  'share-referral',
  'request-hub-assessment',
  'complete-hub-assessment',
  'schedule-panel',
  'record-consent',
  'correct-age',
  'record-panel-decision',
  'agree-support',
  'review-support',
  'record-exit',
  'complete-post-exit-review',
  'transfer',
  'accept-transfer',
  'review-case-management',
  'end-case-management',
  'close',
  'move-case-within-region',
] as const;
export type CaseCommand = (typeof caseCommands)[number];

/**
 * Reads of a case. `read-case-notice` reads the existence facts alone (reference, urgency, type
 * of concern, when and where it was routed): what an organisation waiting for the police to
 * deconflict the referral may see (decision 0016, part 1). `find-case` (a search by reference or by
 * the person's blind index) answers with a case only where `read-case` would; `read-access-audit` is
 * who read or changed a case.
 */
export const caseReads = ['read-case', 'read-timeline', 'read-case-notice'] as const;
export type CaseRead = (typeof caseReads)[number];

export const actions = [
  ...caseReads,
  ...caseCommands,
  'read-submission-status',
  'answer-more-information',
  'erase-personal-data',
  'read-triage-queue',
  'read-statistics',
  /** Take a dated extract of the national statistics, or a revision of one already kept (issue 13). */
  'produce-statistics-extract',
  'manage-organisations',
  'read-access-audit',
  'submit-referral',
  'find-case',
  'read-user-audit',
  'manage-people',
  'subject-access-request',
] as const;
export type Action = (typeof actions)[number];
