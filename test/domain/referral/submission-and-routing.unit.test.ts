import { describe, expect, it } from 'vitest';
import { actors, commands, events, histories, spec } from './referral-fixtures.js';
import { sampleEvents } from '../../events/sample-events.js';

const person = sampleEvents.ReferralSubmitted.personal.person;
const { dateOfBirth: _dateOfBirth, ...personWithoutBirthDate } = person;

describe('SubmitReferral', () => {
  it('records the referral with the age band worked out from the date of birth on the day', () => {
    spec.given([]).when(commands.submit()).then([events.submitted()]);
  });

  it('works the age band out from an approximate age when there is no date of birth', () => {
    const personal = {
      ...sampleEvents.ReferralSubmitted.personal,
      person: { ...personWithoutBirthDate, approximateAge: 19 },
    };
    spec
      .given([])
      .when(commands.submit({ personal }))
      .then([events.submitted({ data: { ageBand: '18-20' }, personal })]);
  });

  it('counts the age band as unknown when no age is given', () => {
    const personal = { ...sampleEvents.ReferralSubmitted.personal, person: personWithoutBirthDate };
    spec
      .given([])
      .when(commands.submit({ personal }))
      .then([events.submitted({ data: { ageBand: 'unknown' }, personal })]);
  });

  it('counts a person whose birthday is the day after as the younger age', () => {
    const personal = { ...sampleEvents.ReferralSubmitted.personal, person: { ...person, dateOfBirth: '2007-01-07' } };
    spec
      .given([])
      .when(commands.submit({ personal }))
      .then([events.submitted({ data: { ageBand: '16-17' }, personal })]);
  });

  it('makes a referral with an immediate risk urgent, and others standard', () => {
    expect(
      spec
        .given([])
        .when(commands.submit({ immediateRisk: true }))
        .state().priority,
    ).toBe('urgent');
    const state = spec.given([]).when(commands.submit()).state();
    expect(state).toMatchObject({
      priority: 'standard',
      status: 'submitted',
      reference: 'PRV-7K3M-Q9TX',
      referrerOrganisation: 'Coventry Academy',
    });
  });

  it('refuses a second submission', () => {
    spec.given(histories.submitted).when(commands.submit()).thenThrows('already-submitted');
  });

  it('refuses a date of birth after the day of the referral, naming the field but not the date', () => {
    const personal = { ...sampleEvents.ReferralSubmitted.personal, person: { ...person, dateOfBirth: '2031-05-17' } };
    const refusal = spec.given([]).when(commands.submit({ personal })).refusal();
    expect(refusal.code).toBe('invalid-command');
    expect(refusal.message).toContain(
      'personal.person.dateOfBirth: a date of birth cannot be after the day of the referral',
    );
    expect(refusal.message).not.toContain('2031');
  });

  it('refuses a form with a field it does not know', () => {
    spec
      .given([])
      .when({ ...commands.submit(), favouriteColour: 'blue' } as ReturnType<typeof commands.submit>)
      .thenThrows('invalid-command');
  });
});

describe('RecordRouting', () => {
  it('records where the referral was routed, and when the gateway assessment falls due', () => {
    // Routed on Monday 6 January 2025: five working days later is Monday 13 January.
    spec.given(histories.submitted).when(commands.route()).then([events.routed(), events.gatewayDeadline()]);
  });

  it('makes the routed organisations the current destinations', () => {
    const state = spec.given(histories.submitted).when(commands.route()).state();
    expect(state).toMatchObject({
      status: 'routed',
      currentDestinations: ['police:E23000014', 'la:E08000026'],
      routing: { routedVersion: 2, localAuthorityCode: 'E08000026', jurisdiction: 'england-wales' },
    });
  });

  it('refuses to route a referral that was never submitted', () => {
    spec.given([]).when(commands.route()).thenThrows('not-submitted');
  });

  it('records nothing for a first routing of a referral already routed (the router ran again)', () => {
    spec.given(histories.routed).when(commands.route()).thenNothing();
  });

  it('refuses a re-routing for a transfer that did not happen', () => {
    spec
      .given(histories.routed)
      .when(commands.route({ reason: 'transferred' }))
      .thenThrows('out-of-order');
  });

  it('refuses a re-routing for a hub assessment nobody requested', () => {
    spec
      .given(histories.routed)
      .when(commands.route({ reason: 'hub-assessment-requested' }))
      .thenThrows('out-of-order');
  });

  it('refuses a standard routing of a referral with an immediate risk', () => {
    spec
      .given([events.submitted({ data: { immediateRisk: true } })])
      .when(commands.route())
      .thenThrows('urgent-required');
  });

  it('keeps a referral urgent when the router raises its priority', () => {
    const urgent = commands.route({ priority: 'urgent' });
    expect(spec.given(histories.submitted).when(urgent).state().priority).toBe('urgent');
  });
});

describe('RecordDelivery', () => {
  it('records that a destination has the referral', () => {
    spec.given(histories.routed).when(commands.deliver()).then([events.delivered()]);
  });

  it('records nothing when the same destination confirms the same routing again', () => {
    spec
      .given([...histories.routed, events.delivered()])
      .when(commands.deliver({ messageId: 'msg-redelivered' }))
      .thenNothing();
  });

  it('records a second destination separately', () => {
    const second = commands.deliver({ destinationId: 'la:E08000026' });
    spec
      .given([...histories.routed, events.delivered()])
      .when(second)
      .then([events.delivered({ data: { destinationId: 'la:E08000026' } })]);
  });

  it('refuses a delivery to an organisation that is not a destination', () => {
    spec
      .given(histories.routed)
      .when(commands.deliver({ destinationId: 'vsh:WEST-MIDLANDS' }))
      .thenThrows('not-a-destination');
  });

  it('records a confirmation of an earlier routing as history, apart from the latest routing', () => {
    const rerouted = [
      ...histories.routed,
      events.hubRequested(),
      events.routed({ data: { reason: 'hub-assessment-requested' } }),
    ];
    spec
      .given(rerouted)
      .when(commands.deliver({ routedVersion: 2 }))
      .then([events.delivered()]);
    spec
      .given([...rerouted, events.delivered()])
      .when(commands.deliver({ routedVersion: 2 }))
      .thenNothing();
    spec
      .given(rerouted)
      .when(commands.deliver({ routedVersion: 5 }))
      .then([events.delivered({ data: { routedVersion: 5 } })]);
  });

  it('refuses a confirmation of a routing that has not happened', () => {
    spec
      .given(histories.routed)
      .when(commands.deliver({ routedVersion: 9 }))
      .thenThrows('out-of-order');
  });

  it('records a confirmation from an old destination after a transfer (it did receive the referral)', () => {
    spec
      .given([...histories.routed, events.transferred()])
      .when(commands.deliver())
      .then([events.delivered()]);
  });
});

describe('MarkDeliveryOverdue', () => {
  it('records that a destination has not confirmed in time', () => {
    spec.given(histories.routed).when(commands.markDeliveryOverdue()).then([events.deliveryOverdue()]);
  });

  it('records nothing the second time', () => {
    spec
      .given([...histories.routed, events.deliveryOverdue()])
      .when(commands.markDeliveryOverdue())
      .thenNothing();
  });

  it('records nothing when the destination has confirmed', () => {
    const delivered = events.delivered({ data: { destinationId: 'la:E08000026' } });
    spec
      .given([...histories.routed, delivered])
      .when(commands.markDeliveryOverdue())
      .thenNothing();
  });

  it('refuses before the deadline', () => {
    spec
      .given(histories.routed)
      .when(commands.markDeliveryOverdue({ at: '2025-01-06T09:59:59Z' }))
      .thenThrows('not-yet-due');
  });

  it('refuses for an organisation that is not a destination', () => {
    spec
      .given(histories.routed)
      .when(commands.markDeliveryOverdue({ destinationId: 'national-triage', actor: actors.system }))
      .thenThrows('not-a-destination');
  });
});
