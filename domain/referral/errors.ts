// Why the decider refused a command: a stable code for programs, plain English for people.
// Messages never contain values from the command, so they are safe to show and to log.

export const referralErrorMessages = {
  'invalid-command': 'The command is not valid.',
  'not-submitted': 'There is no referral with this id: it was never submitted.',
  'already-submitted': 'This referral has already been submitted.',
  'personal-data-erased': "This referral's personal data has been erased: nothing more can happen to it.",
  'case-closed': 'This referral is closed and accepts no new work.',
  'out-of-order': 'This step does not follow from what has happened to the referral so far.',
  'awaiting-routing': 'The referral is waiting to be routed (again) and has no destinations yet.',
  'not-a-destination': 'That organisation is not a current destination of this referral.',
  'not-routed-to-police': 'The referral has not been routed to a police Prevent hub.',
  'police-only':
    "Only a police Prevent officer can carry out the gateway assessment or police-led case management (or, where a region's referrals are assessed by its regional Prevent hub, the hub's officer the gateway assessment).",
  'urgent-required': 'A referral with an immediate risk must be routed as urgent.',
  'not-yet-due': 'That deadline or review date has not been reached yet.',
  'gateway-not-started': 'The gateway assessment has not been started.',
  'gateway-already-started': 'The gateway assessment has already been started.',
  'gateway-already-completed': 'The gateway assessment has already been completed.',
  'deconfliction-not-recorded':
    'The police have not recorded that the referral was checked against live investigations (deconfliction).',
  'deconfliction-already-recorded': 'Deconfliction has already been recorded for this referral.',
  'not-awaiting-sharing': 'That organisation is not waiting for this referral to be shared with it.',
  'already-urgent': 'This referral is already urgent.',
  'police-asks-referrer': 'Only a police Prevent officer can ask the referrer for more information.',
  'question-awaiting-answer':
    'The referrer has not answered the last request for more information yet: ask one question at a time.',
  'referrer-only': 'Only the referrer who made the referral can answer a request for more information.',
  'no-question-awaiting-answer': 'No request for more information is waiting for an answer.',
  'question-already-answered': 'That request for more information has already been answered.',
  'hub-assessment-in-progress': 'A Vulnerability Support Hub assessment is already in progress.',
  'hub-assessment-not-requested': 'No Vulnerability Support Hub assessment has been requested.',
  'panel-not-scheduled': 'No Channel panel has been scheduled for this referral.',
  'panel-already-decided': 'The Channel panel has already decided on this referral.',
  'wrong-local-authority': 'The Channel panel must be held by the local authority the referral is routed to.',
  'consent-required': 'Consent to Channel support has not been given.',
  'consent-from-parent-required':
    'The person is a child (or their age is not known), so consent must come from a parent or guardian.',
  'consent-from-person-required': 'The person is an adult, so consent must come from the person themselves.',
  'consent-refused-by-person':
    'The person refused consent themselves: only the person can change that answer, not anyone else on their behalf.',
  'consent-due-again':
    'Consent must be sought again (the person reached the consent age, or their age was corrected) before support continues.',
  'panel-not-yet-met': 'The Channel panel has not met yet: record its decision on or after the day of the panel.',
  'not-adopted': 'The Channel panel has not adopted this case.',
  'support-not-agreed': 'No support package has been agreed.',
  'risk-not-mitigated': 'The latest support review did not find the risk mitigated.',
  'already-left-channel': 'The person has already left Channel.',
  'not-left-channel': 'The person has not left Channel.',
  'review-not-due': 'That post-exit review has not fallen due.',
  'review-already-completed': 'That post-exit review has already been completed.',
  'outcome-inconsistent': 'That closing outcome does not match what happened to the referral.',
  'retention-period-not-ended': 'The retention period of this closed case has not ended.',
  'transfer-not-accepted': 'The case was transferred and its new area has not accepted it yet.',
  'no-transfer-to-accept': 'There is no transferred case waiting to be accepted.',
  'cannot-accept-transfer':
    "Only the receiving area's police Prevent hub, council Prevent team or national triage can accept a transfer.",
  'council-on-service':
    "The council is on the service: its own Prevent team records the Channel panel's work, not the police.",
  'not-in-case-management': 'The case is not in police-led case management.',
  'in-case-management': 'The case is in police-led case management: refer it back to Channel first.',
  'case-open': 'The case is still open: its personal data can be erased only as recorded in error until it is closed.',
  'regional-hub-only':
    "Only the regional Prevent hub of the region whose police force holds the case can move it between the region's forces.",
  'outside-region': 'A regional Prevent hub moves a case only to another police force of its own region.',
  'already-with-force': 'The case is already with that police force.',
} as const;

export type ReferralErrorCode = keyof typeof referralErrorMessages;

export interface ReferralError {
  code: ReferralErrorCode;
  /** Plain English, free of personal data. */
  message: string;
}

export function referralError(code: ReferralErrorCode, detail?: string): ReferralError {
  const message = referralErrorMessages[code];
  return { code, message: detail ? `${message} ${detail}` : message };
}

export const referralErrorCodes = Object.keys(referralErrorMessages) as ReferralErrorCode[];
