// Consent done right (issue 12, part 4): a person's refusal nobody else overrides, the age
// corrected, consent sought again at the consent age, a decision only once the panel has met, and
// a second panel for the same person.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comesOfAgeOn, ageOn, createReferralDecider } from '../../../domain/referral/index.js';
import { validateEvent } from '../../../events/catalogue.js';
import { sampleEvents } from '../../events/sample-events.js';
import { deciderSpecification } from './decider-specification.js';
import { commands, events, happenedAt, histories, recorded, spec } from './referral-fixtures.js';

const person = sampleEvents.ReferralSubmitted.personal.person;
const { dateOfBirth: _dateOfBirth, ...personWithoutBirthDate } = person;

function panelScheduledFor(personOverride: object) {
  const submitted = events.submitted({ personal: { person: { ...personWithoutBirthDate, ...personOverride } } });
  return [happenedAt('2025-01-06T09:00:00Z', submitted), ...histories.panelScheduled.slice(1)];
}

const adult = panelScheduledFor({ dateOfBirth: '1990-05-01' });
const personRefuses = { given: false, givenBy: 'person' } as const;
const personConsents = { given: true, givenBy: 'person' } as const;

describe("the person's own refusal", () => {
  it("is not overridden by a parent's or guardian's later record", () => {
    const refused = [...histories.panelScheduled, events.consentRecorded({ data: personRefuses })];
    spec.given(refused).when(commands.recordConsent()).thenThrows('consent-refused-by-person');
    spec
      .given(refused)
      .when(commands.recordConsent({ given: false }))
      .thenThrows('consent-refused-by-person');
  });

  it('is not overridden after an adult refused and their age is corrected to a child', () => {
    const refused = [...adult, events.consentRecorded({ data: personRefuses })];
    const nowAChild = [...refused, events.ageCorrected({ personal: { dateOfBirth: '2012-01-01', reason: 'x' } })];
    spec.given(nowAChild).when(commands.recordConsent()).thenThrows('consent-refused-by-person');
  });

  it('may be changed by the person themself: an adult consents, which counts', () => {
    const refused = [...adult, events.consentRecorded({ data: personRefuses })];
    spec
      .given(refused)
      .when(commands.recordConsent(personConsents))
      .then([events.consentRecorded({ data: personConsents })]);
    const consented = [...refused, events.consentRecorded({ data: personConsents })];
    spec.given(consented).when(commands.decidePanel()).then([events.panelDecided()]);
  });

  it("may be lifted by a child, whose agreement still needs a parent's consent to count", () => {
    const refused = [...histories.panelScheduled, events.consentRecorded({ data: personRefuses })];
    spec
      .given(refused)
      .when(commands.recordConsent(personConsents))
      .then([events.consentRecorded({ data: personConsents })]);
    const lifted = [...refused, events.consentRecorded({ data: personConsents })];
    spec.given(lifted).when(commands.decidePanel()).thenThrows('consent-required');
    const parent = [...lifted, events.consentRecorded(), events.consentDueAgainDateSet()];
    spec.given(parent).when(commands.decidePanel()).then([events.panelDecided()]);
  });

  it("stops support a child's parent consented to", () => {
    const refused = [...histories.adopted, events.consentRecorded({ data: personRefuses })];
    spec.given(refused).when(commands.agreeSupport()).thenThrows('consent-required');
  });
});

describe('CorrectAge', () => {
  it('records the corrected age, with the age band on the day of the referral', () => {
    spec
      .given(histories.gatewayStarted)
      .when(commands.correctAge({ personal: { dateOfBirth: '2007-01-10', reason: 'Passport seen.' } }))
      .then([
        events.ageCorrected({
          data: { ageBand: '16-17', correctedOn: '2025-01-13' },
          personal: { dateOfBirth: '2007-01-10', reason: 'Passport seen.' },
        }),
      ]);
  });

  it('records an approximate age as stated on the day, counted back to the referral', () => {
    const correction = commands.correctAge({
      at: '2026-02-01T10:00:00Z',
      personal: { approximateAge: 19, reason: 'Said so.' },
    });
    spec
      .given(histories.gatewayStarted)
      .when(correction)
      .then([
        {
          type: 'AgeCorrected',
          data: { ageBand: '18-20', correctedOn: '2026-02-01' },
          personal: { approximateAge: 19, reason: 'Said so.' },
        },
      ]);
    const state = spec.given(histories.gatewayStarted).when(correction).state();
    expect(state.ageBasis).toEqual({ kind: 'approximate', approximateAge: 19, statedOn: '2026-02-01' });
  });

  it('lets an adult whose age was unknown consent for themselves', () => {
    const unknown = panelScheduledFor({});
    spec.given(unknown).when(commands.recordConsent(personConsents)).thenThrows('consent-from-parent-required');
    const corrected = [...unknown, events.ageCorrected({ personal: { dateOfBirth: '1990-01-01', reason: 'x' } })];
    spec
      .given(corrected)
      .when(commands.recordConsent(personConsents))
      .then([events.consentRecorded({ data: personConsents })]);
  });

  it("asks for consent again when the correction shows the parent's consent no longer counts", () => {
    const consented = [...histories.consented, events.consentDueAgainDateSet()];
    spec
      .given(consented)
      .when(commands.correctAge({ personal: { dateOfBirth: '1999-01-01', reason: 'ID checked.' } }))
      .then([
        events.ageCorrected({
          data: { ageBand: '21-30', correctedOn: '2025-01-13' },
          personal: { dateOfBirth: '1999-01-01', reason: 'ID checked.' },
        }),
        events.consentDueAgain({ data: { because: 'age-corrected' } }),
      ]);
  });

  it("moves the day consent falls due again when a child's date of birth is corrected", () => {
    spec
      .given(histories.consented)
      .when(commands.correctAge({ personal: { dateOfBirth: '2009-06-30', reason: 'Birth certificate.' } }))
      .then([
        events.ageCorrected({ personal: { dateOfBirth: '2009-06-30', reason: 'Birth certificate.' } }),
        events.consentDueAgainDateSet({ personal: { dueOn: '2027-06-30' } }),
      ]);
  });

  it('refuses a date of birth in the future, both an age and a date, or neither', () => {
    const refuse = (personal: object) =>
      spec
        .given(histories.gatewayStarted)
        .when(commands.correctAge({ personal: { reason: 'x', ...personal } as never }))
        .thenThrows('invalid-command');
    refuse({ dateOfBirth: '2030-01-01' });
    refuse({ dateOfBirth: '2000-01-01', approximateAge: 25 });
    refuse({});
  });
});

describe('consent sought again when a supported child comes of age', () => {
  const supported = [
    ...histories.supported.slice(0, 6),
    events.consentDueAgainDateSet(),
    ...histories.supported.slice(6),
  ];

  it('falls due on the 18th birthday, not before', () => {
    spec
      .given(supported)
      .when(commands.markConsentDueAgain({ at: '2028-03-14T23:00:00Z' }))
      .thenThrows('not-yet-due');
    spec.given(supported).when(commands.markConsentDueAgain()).then([events.consentDueAgain()]);
  });

  it('stops support reviews until the person consents for themselves', () => {
    const due = [...supported, events.consentDueAgain()];
    const review = commands.reviewSupport({ at: '2028-04-01T10:00:00Z' });
    spec.given(due).when(review).thenThrows('consent-due-again');
    spec
      .given(due)
      .when(commands.recordConsent({ at: '2028-03-20T10:00:00Z' }))
      .thenThrows('consent-from-person-required');
    const ownConsent = happenedAt('2028-03-20T10:00:00Z', events.consentRecorded({ data: personConsents }));
    spec
      .given([...due, ownConsent])
      .when(review)
      .then([events.supportReviewed(), events.supportReviewScheduled({ data: { dueOn: '2028-07-03' } })]);
  });

  it('lets the person who came of age leave Channel by refusing', () => {
    const due = [...supported, events.consentDueAgain(), events.consentRecorded({ data: personRefuses })];
    spec
      .given(due)
      .when(commands.exitChannel({ reason: 'consent-withdrawn', at: '2028-04-01T10:00:00Z', exitDate: '2028-04-01' }))
      .then([events.leftChannel({ data: { reason: 'consent-withdrawn', exitDate: '2028-04-01' } })]);
  });

  it('records nothing twice, nor once the person left Channel or no parent consented', () => {
    spec
      .given([...supported, events.consentDueAgain()])
      .when(commands.markConsentDueAgain())
      .thenNothing();
    spec
      .given([...histories.leftChannel])
      .when(commands.markConsentDueAgain())
      .thenNothing();
    spec.given(adult).when(commands.markConsentDueAgain()).thenNothing();
  });

  it('takes the consent age from configuration (16, as one seed page has it)', () => {
    const sixteen = deciderSpecification(createReferralDecider({ childConsentAgeThreshold: 16 }), {
      record: recorded,
      validate: (event) => void validateEvent(event),
    });
    sixteen
      .given(histories.panelScheduled)
      .when(commands.recordConsent())
      .then([events.consentRecorded(), events.consentDueAgainDateSet({ personal: { dueOn: '2026-03-15' } })]);
  });

  it('works the day out as the decider counts age, 29 February included', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2024-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 25 }),
        (born, threshold) => {
          const basis = { kind: 'date-of-birth' as const, dateOfBirth: born.toISOString().slice(0, 10) };
          const day = comesOfAgeOn(basis, threshold) as string;
          const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
          expect(ageOn(basis, day)).toBeGreaterThanOrEqual(threshold);
          expect(ageOn(basis, before)).toBeLessThan(threshold);
        },
      ),
    );
  });
});

describe('the Channel panel', () => {
  it('cannot decide before it has met', () => {
    spec
      .given(histories.consented)
      .when(commands.decidePanel({ at: '2025-01-19T16:00:00Z' }))
      .thenThrows('panel-not-yet-met');
    spec
      .given(histories.consented)
      .when(commands.decidePanel({ at: '2025-01-20T09:00:00Z' }))
      .then([events.panelDecided()]);
  });

  it('may discuss the person again after deciding not to adopt', () => {
    const notAdopted = [
      ...histories.consented,
      events.panelDecided({ data: { decision: 'not-adopted', nextStep: 'police-led-case-management' } }),
    ];
    const second = commands.schedulePanel({ at: '2025-03-01T10:00:00Z', panelDate: '2025-03-20' });
    spec
      .given(notAdopted)
      .when(second)
      .then([events.panelScheduled({ data: { panelDate: '2025-03-20' } })]);
    const state = spec.given(notAdopted).when(second).state();
    expect(state.panel).toMatchObject({ status: 'scheduled', decision: null, nextStep: null });
    const again = [...notAdopted, events.panelScheduled({ data: { panelDate: '2025-03-20' } })];
    spec
      .given(again)
      .when(commands.close({ outcome: 'channel-not-adopted' }))
      .thenThrows('outcome-inconsistent');
    spec
      .given(again)
      .when(commands.decidePanel({ at: '2025-03-20T12:00:00Z' }))
      .then([events.panelDecided()]);
  });

  it('may discuss the person again after they left Channel: a new episode, consent sought again', () => {
    const second = commands.schedulePanel({ at: '2026-09-01T10:00:00Z', panelDate: '2026-09-20' });
    const state = spec.given(histories.sixMonthDone).when(second).state();
    expect(state).toMatchObject({
      status: 'channel',
      channelExit: null,
      support: { status: 'not-agreed', reviews: 0 },
      consent: { status: 'not-recorded', person: null, parentOrGuardian: null },
    });
  });

  it('refuses a second panel while the person is in Channel', () => {
    spec.given(histories.supported).when(commands.schedulePanel()).thenThrows('panel-already-decided');
  });
});
