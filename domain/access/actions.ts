// What a person may try to do through the service, in the domain's words.

/** Commands on a case: each needs the caller's organisation to be one of the case's current destinations. */
export const caseCommands = [
  'start-gateway-assessment',
  'complete-gateway-assessment',
  'escalate',
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
  'close',
] as const;
export type CaseCommand = (typeof caseCommands)[number];

/** Reads of a case. */
export const caseReads = ['read-case', 'read-timeline'] as const;
export type CaseRead = (typeof caseReads)[number];

export const actions = [
  ...caseReads,
  ...caseCommands,
  'read-submission-status',
  'erase-personal-data',
  'read-triage-queue',
  'read-statistics',
  'manage-organisations',
  'read-access-audit',
  'submit-referral',
] as const;
export type Action = (typeof actions)[number];
