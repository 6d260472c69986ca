import { describe, expect, it } from 'vitest';
import { createReferralDecider } from '../../../domain/referral/index.js';
import { validateEvent } from '../../../events/catalogue.js';
import { sampleEvents } from '../../events/sample-events.js';
import { deciderSpecification } from './decider-specification.js';
import { actors, commands, events, happenedAt, histories, recorded, spec } from './referral-fixtures.js';

const person = sampleEvents.ReferralSubmitted.personal.person;
const { dateOfBirth: _dateOfBirth, ...personWithoutBirthDate } = person;

/** The Channel journey of someone with different personal details, up to a scheduled panel. */
function panelScheduledFor(personOverride: object, submittedAt = '2025-01-06T09:00:00Z') {
  const submitted = events.submitted({ personal: { person: { ...personWithoutBirthDate, ...personOverride } } });
  return [happenedAt(submittedAt, submitted), ...histories.panelScheduled.slice(1)];
}

const adult = panelScheduledFor({ dateOfBirth: '1990-05-01' });
const byPerson = { givenBy: 'person' } as const;

describe('ScheduleChannelPanel', () => {
  it('follows a gateway assessment that referred the case to Channel', () => {
    spec.given(histories.referredToChannel).when(commands.schedulePanel()).then([events.panelScheduled()]);
    expect(spec.given(histories.referredToChannel).when(commands.schedulePanel()).state().status).toBe('channel');
  });

  it('follows a hub assessment that returned the case to the police who had sent it there', () => {
    const returned = [
      ...histories.gatewayStarted,
      events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
      events.hubRequested(),
      events.hubCompleted({ data: { outcome: 'returned-to-police' } }),
    ];
    spec.given(returned).when(commands.schedulePanel()).then([events.panelScheduled()]);
  });

  it('refuses when the police did not refer the case to Channel', () => {
    spec.given(histories.gatewayStarted).when(commands.schedulePanel()).thenThrows('out-of-order');
    const noFurtherAction = [
      ...histories.gatewayStarted,
      events.gatewayCompleted({ data: { outcome: 'no-further-action' } }),
    ];
    spec.given(noFurtherAction).when(commands.schedulePanel()).thenThrows('out-of-order');
    const hubSupports = [
      ...histories.gatewayStarted,
      events.gatewayCompleted({ data: { outcome: 'referred-to-vulnerability-support-hub' } }),
      events.hubRequested(),
      events.hubCompleted(),
    ];
    spec.given(hubSupports).when(commands.schedulePanel()).thenThrows('out-of-order');
  });

  it('must be the local authority the referral is routed to', () => {
    spec
      .given(histories.referredToChannel)
      .when(commands.schedulePanel({ localAuthorityCode: 'E07000194' }))
      .thenThrows('wrong-local-authority');
  });

  it('may move the date before the panel decides, but not after', () => {
    const moved = { panelDate: '2025-01-27' };
    spec
      .given(histories.panelScheduled)
      .when(commands.schedulePanel(moved))
      .then([events.panelScheduled({ data: moved })]);
    spec.given(histories.adopted).when(commands.schedulePanel(moved)).thenThrows('panel-already-decided');
  });

  it('refuses a panel date that has passed', () => {
    spec
      .given(histories.referredToChannel)
      .when(commands.schedulePanel({ panelDate: '2025-01-09' }))
      .thenThrows('invalid-command');
  });
});

describe('RecordConsent', () => {
  it("records a parent's consent for a child", () => {
    spec
      .given(histories.panelScheduled)
      .when(commands.recordConsent())
      .then([events.consentRecorded(), events.consentDueAgainDateSet()]);
  });

  it("refuses a child's own consent", () => {
    spec
      .given(histories.panelScheduled)
      .when(commands.recordConsent(byPerson))
      .thenThrows('consent-from-parent-required');
  });

  it("records a child's own refusal", () => {
    const refusal = { given: false, givenBy: 'person' } as const;
    spec
      .given(histories.panelScheduled)
      .when(commands.recordConsent(refusal))
      .then([events.consentRecorded({ data: refusal })]);
  });

  it("records an adult's own consent and refuses a parent's", () => {
    spec
      .given(adult)
      .when(commands.recordConsent(byPerson))
      .then([events.consentRecorded({ data: byPerson })]);
    spec.given(adult).when(commands.recordConsent()).thenThrows('consent-from-person-required');
    spec
      .given(adult)
      .when(commands.recordConsent({ ...byPerson, givenBy: 'parent-or-guardian', given: false }))
      .thenThrows('consent-from-person-required');
  });

  it('counts age on the day of consent: someone who turned 18 since the referral consents for themselves', () => {
    const turned18 = panelScheduledFor({ dateOfBirth: '2007-01-10' });
    spec
      .given(turned18)
      .when(commands.recordConsent({ ...byPerson, at: '2025-01-09T23:00:00Z' }))
      .thenThrows('consent-from-parent-required');
    spec
      .given(turned18)
      .when(commands.recordConsent({ ...byPerson, at: '2025-01-10T09:00:00Z' }))
      .then([events.consentRecorded({ data: byPerson })]);
  });

  it('ages an approximate age from the day of the referral', () => {
    const seventeenAtReferral = panelScheduledFor({ approximateAge: 17 }, '2024-01-06T09:00:00Z');
    spec
      .given(seventeenAtReferral)
      .when(commands.recordConsent({ ...byPerson, at: '2025-01-05T09:00:00Z' }))
      .thenThrows('consent-from-parent-required');
    spec
      .given(seventeenAtReferral)
      .when(commands.recordConsent({ ...byPerson, at: '2025-01-06T09:00:00Z' }))
      .then([events.consentRecorded({ data: byPerson })]);
  });

  it('treats a person of unknown age as a child', () => {
    const unknownAge = panelScheduledFor({});
    spec.given(unknownAge).when(commands.recordConsent(byPerson)).thenThrows('consent-from-parent-required');
    spec.given(unknownAge).when(commands.recordConsent()).then([events.consentRecorded()]);
  });

  it('takes the age threshold from configuration', () => {
    const sixteenPlus = deciderSpecification(createReferralDecider({ childConsentAgeThreshold: 16 }), {
      record: recorded,
      validate: (event) => void validateEvent(event),
    });
    const seventeen = panelScheduledFor({ dateOfBirth: '2007-06-01' });
    sixteenPlus
      .given(seventeen)
      .when(commands.recordConsent(byPerson))
      .then([events.consentRecorded({ data: byPerson })]);
    spec.given(seventeen).when(commands.recordConsent(byPerson)).thenThrows('consent-from-parent-required');
  });

  it('refuses before a panel is scheduled, and after the person left Channel', () => {
    spec.given(histories.referredToChannel).when(commands.recordConsent()).thenThrows('panel-not-scheduled');
    spec.given(histories.leftChannel).when(commands.recordConsent()).thenThrows('already-left-channel');
  });
});

describe('RecordPanelDecision', () => {
  it('adopts a case with consent', () => {
    spec.given(histories.consented).when(commands.decidePanel()).then([events.panelDecided()]);
  });

  it('records a case not adopted, with its next step, without consent', () => {
    const notAdopted = { decision: 'not-adopted', nextStep: 'police-led-case-management' } as const;
    spec
      .given(histories.panelScheduled)
      .when(commands.decidePanel(notAdopted))
      .then([
        events.panelDecided({ data: notAdopted }),
        events.caseManagementStarted({ data: { from: 'channel-panel' } }),
        events.caseManagementReviewScheduled({ data: { dueOn: '2025-04-22' } }),
      ]);
  });

  it('refuses to adopt without consent, or after a refusal', () => {
    spec.given(histories.panelScheduled).when(commands.decidePanel()).thenThrows('consent-required');
    const refused = [...histories.panelScheduled, events.consentRecorded({ data: { given: false } })];
    spec.given(refused).when(commands.decidePanel()).thenThrows('consent-required');
  });

  it('refuses without a scheduled panel, and a second decision', () => {
    spec.given(histories.referredToChannel).when(commands.decidePanel()).thenThrows('panel-not-scheduled');
    spec.given(histories.adopted).when(commands.decidePanel()).thenThrows('panel-already-decided');
  });

  it('refuses a next step that does not match the decision', () => {
    spec
      .given(histories.consented)
      .when(commands.decidePanel({ nextStep: 'signposted' }))
      .thenThrows('invalid-command');
    spec
      .given(histories.consented)
      .when(commands.decidePanel({ decision: 'not-adopted' }))
      .thenThrows('invalid-command');
  });
});

describe('AgreeSupportPackage', () => {
  it('agrees support for an adopted case', () => {
    spec
      .given(histories.adopted)
      .when(commands.agreeSupport())
      .then([events.supportAgreed(), events.supportReviewScheduled()]);
    expect(spec.given(histories.adopted).when(commands.agreeSupport()).state().status).toBe('supported');
  });

  it('refuses a case the panel did not adopt', () => {
    spec.given(histories.consented).when(commands.agreeSupport()).thenThrows('not-adopted');
    const notAdopted = [
      ...histories.consented,
      events.panelDecided({ data: { decision: 'not-adopted', nextStep: 'signposted' } }),
    ];
    spec.given(notAdopted).when(commands.agreeSupport()).thenThrows('not-adopted');
  });

  it('refuses once consent is withdrawn, and after the person left', () => {
    const withdrawn = [...histories.adopted, events.consentRecorded({ data: { given: false } })];
    spec.given(withdrawn).when(commands.agreeSupport()).thenThrows('consent-required');
    spec.given(histories.leftChannel).when(commands.agreeSupport()).thenThrows('already-left-channel');
  });
});

describe('ReviewSupport', () => {
  it('records a review of the support', () => {
    spec
      .given(histories.supported)
      .when(commands.reviewSupport())
      .then([events.supportReviewed(), events.supportReviewScheduled({ data: { dueOn: '2025-07-28' } })]);
  });

  it('refuses without a support package, or without adoption', () => {
    spec.given(histories.adopted).when(commands.reviewSupport()).thenThrows('support-not-agreed');
    spec.given(histories.consented).when(commands.reviewSupport()).thenThrows('not-adopted');
  });
});

describe('RecordChannelExit', () => {
  it('records a person leaving with no further concern once a review found the risk mitigated', () => {
    spec.given(histories.riskMitigated).when(commands.exitChannel()).then([events.leftChannel()]);
    expect(spec.given(histories.riskMitigated).when(commands.exitChannel()).state().status).toBe('post-exit');
  });

  it('refuses "no further concern" while the risk is not mitigated', () => {
    spec.given(histories.supported).when(commands.exitChannel()).thenThrows('risk-not-mitigated');
    const notYet = [...histories.riskMitigated, events.supportReviewed({ data: { riskMitigated: false } })];
    spec.given(notYet).when(commands.exitChannel()).thenThrows('risk-not-mitigated');
  });

  it('records other exits from a supported case', () => {
    const escalated = { reason: 'escalated-to-police' } as const;
    spec
      .given(histories.supported)
      .when(commands.exitChannel(escalated))
      .then([events.leftChannel({ data: escalated })]);
  });

  it('refuses other exits before support is agreed', () => {
    spec
      .given(histories.adopted)
      .when(commands.exitChannel({ reason: 'other' }))
      .thenThrows('support-not-agreed');
  });

  it('records a withdrawal of consent, even before support, once the withdrawal is recorded', () => {
    const withdrawn = { reason: 'consent-withdrawn' } as const;
    spec.given(histories.adopted).when(commands.exitChannel(withdrawn)).thenThrows('out-of-order');
    const refused = [...histories.adopted, events.consentRecorded({ data: { given: false } })];
    spec
      .given(refused)
      .when(commands.exitChannel(withdrawn))
      .then([events.leftChannel({ data: withdrawn })]);
  });

  it('refuses a case not adopted, a second exit, and an exit dated in the future', () => {
    spec.given(histories.consented).when(commands.exitChannel()).thenThrows('not-adopted');
    spec.given(histories.leftChannel).when(commands.exitChannel()).thenThrows('already-left-channel');
    spec
      .given(histories.riskMitigated)
      .when(commands.exitChannel({ exitDate: '2025-07-01' }))
      .thenThrows('invalid-command');
  });

  it('leaves role checks beyond the gateway assessment to the API', () => {
    spec
      .given(histories.riskMitigated)
      .when(commands.exitChannel({ actor: actors.referrer }))
      .then([events.leftChannel()]);
  });
});
