// Valid bodies for every write route of the API, built from the catalogue's sample events so
// they follow the schemas as those change. Dates are relative to the day given.
import { type CaseCommand, type CaseCommandBody } from '../../api-client/api-client.js';
import { type components } from '../../api-client/prevent-referrals-api.js';
import { sampleEvents } from '../../events/sample-events.js';

const submitted = sampleEvents.ReferralSubmitted;

/**
 * The national referral form for a person living at `postcode`, typed as the API document
 * describes it. The sample event types its codes (sector, indicators, concern types) as strings,
 * as the reference data files give them; the values are the form's, and
 * api-building-blocks.unit.test.ts checks the form against the schema.
 */
export function referralForm(
  postcode = 'CV1 2NJ',
  options: { immediateRisk?: boolean } = {},
): components['schemas']['ReferralForm'] {
  const { ageBand: _ageBand, reference: _reference, ...data } = submitted.data;
  return {
    ...data,
    immediateRisk: options.immediateRisk ?? false,
    personal: { ...submitted.personal, person: { ...submitted.personal.person, postcode } },
  } as components['schemas']['ReferralForm'];
}

export function isoDateAfter(today: Date, days: number): string {
  return new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** One valid body per case command path (valid for its schema; whether the case is at that step is the decider's business). */
export function caseCommandBodies(today: Date): Record<string, Record<string, unknown>> {
  return documentedCaseCommandBodies(today);
}

/** The same bodies typed as the API document describes them: what the typed client sends (test/api-client/). */
export function documentedCaseCommandBodies(today: Date): { [Command in CaseCommand]: CaseCommandBody<Command> } {
  return {
    'gateway-assessment/start': {},
    deconfliction: {},
    sharing: {},
    escalation: { personal: { reason: 'The school reported new information: an immediate risk.' } },
    'more-information/request': { personal: { question: 'When did you first notice the change?' } },
    'gateway-assessment/complete': {
      outcome: 'referred-to-channel',
      confirmedConcernType: 'extreme-right-wing',
      deconflicted: true,
      signpostedTo: [],
      personal: { rationale: 'Vulnerable to influence; needs multi-agency support.' },
    },
    'hub-assessment/request': {
      requestedBy: 'gateway-assessment',
      personal: { reason: 'Possible unmet mental health needs.' },
    },
    'hub-assessment/complete': {
      outcome: 'support-offered',
      personal: { clinicalSummary: 'Low mood; support offered.', clinician: 'Dr Nadia Patel' },
    },
    'panel/schedule': { panelDate: isoDateAfter(today, 0), localAuthorityCode: 'E08000026' },
    consent: { given: true, givenBy: 'parent-or-guardian', personal: { consenterName: 'Parent of the person' } },
    'panel/decision': {
      decision: 'adopted',
      vulnerabilityAssessment: { engagement: 4, intent: 1, capability: 0 },
      nextStep: null,
      personal: { minutes: 'Panel agreed to adopt; mentor to be found.' },
    },
    'support/agree': { providers: ['intervention-provider'], personal: { details: 'Weekly mentoring sessions.' } },
    'support/review': { riskMitigated: true, personal: { notes: 'Engaging well.' } },
    exit: { reason: 'no-further-concern', exitDate: isoDateAfter(today, 0) },
    'post-exit-review/complete': { review: 'six-month', concernIdentified: false, personal: { notes: 'No concerns.' } },
    transfer: { reason: 'person-moved', personal: { address: '2 New Road, Lichfield', postcode: 'WS13 6AA' } },
    'transfer/accept': {},
    'case-management/review': { riskMitigated: true, personal: { notes: 'Engaging with the officer.' } },
    'case-management/end': { reason: 'no-further-concern', personal: { rationale: 'Risk managed.' } },
    close: { outcome: 'no-further-action' },
    age: { personal: { dateOfBirth: '2010-03-15', reason: 'Date of birth confirmed by the school.' } },
    erasure: { reason: 'recorded-in-error', grounds: 'mistaken-or-test-submission' },
    // A regional Prevent hub's move to another force of its region (decision 0018): not the command's own fields.
    'regional-move': { toPoliceForce: 'E23000015', reason: 'Staffordshire Police already know the person.' },
  };
}
