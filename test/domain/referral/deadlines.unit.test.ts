// Deadlines from routing, escalation to urgent, support reviews that fall due by themselves and
// post-exit reviews at the configured months: the decider works the dates out from the triage
// policy (decision 0016), nobody types them in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReferralDecider } from '../../../domain/referral/index.js';
import { triagePolicy } from '../../../domain/triage/index.js';
import { deciderSpecification } from './decider-specification.js';
import { validateEvent } from '../../../events/catalogue.js';
import { commands, events, histories, recorded, spec } from './referral-fixtures.js';
import { sampleEvents } from '../../events/sample-events.js';

const urgentRouting = { priority: 'urgent' as const };
const lichfield = {
  localAuthority: { code: 'E07000194', name: 'Lichfield' },
  policeForce: { code: 'E23000015', name: 'Staffordshire' },
};

describe('the gateway assessment deadline', () => {
  it('is set when the referral is routed to a police hub: the same working day when urgent', () => {
    spec
      .given([events.submitted({ data: { immediateRisk: true } })])
      .when(commands.route(urgentRouting))
      .then([events.routed({ data: urgentRouting }), events.gatewayDeadline({ data: { dueBy: '2025-01-06' } })]);
  });

  it('counts working days, leaving out weekends and bank holidays', () => {
    spec
      .given(histories.submitted)
      // Friday 19 December 2025: Christmas Day and Boxing Day are not counted.
      .when(commands.route({ at: '2025-12-19T10:00:00Z' }))
      .then([events.routed(), events.gatewayDeadline({ data: { dueBy: '2025-12-30' } })]);
  });

  it('is not set for a referral held by national triage', () => {
    const triage = commands.route({
      jurisdiction: 'scotland',
      localAuthority: null,
      policeForce: null,
      destinations: [{ kind: 'national-triage', id: 'national-triage', name: 'National triage' }],
    });
    const { type: _type, at: _at, actor: _actor, personal, ...data } = triage;
    spec
      .given(histories.submitted)
      .when(triage)
      .then([{ type: 'ReferralRouted', data, personal }]);
  });

  it('stands when the assessment is started, whenever that is', () => {
    spec
      .given(histories.routed)
      .when(commands.startGateway({ at: '2025-01-10T09:00:00Z' }))
      .then([events.gatewayStarted({ data: { dueBy: '2025-01-13' } })]);
  });

  it('is not moved by a later routing', () => {
    const hub = [...histories.routed, events.hubRequested({ data: { requestedBy: 'referrer' } })];
    const routing = commands.route({ reason: 'hub-assessment-requested', at: '2025-01-08T10:00:00Z' });
    const { type: _type, at: _at, actor: _actor, personal, ...data } = routing;
    spec
      .given(hub)
      .when(routing)
      .then([{ type: 'ReferralRouted', data, personal }]);
  });

  it('follows the configured target', () => {
    const threeDays = deciderSpecification(
      createReferralDecider({ triage: triagePolicy({ gatewayAssessment: { standardWorkingDays: 3 } }) }),
      { record: recorded, validate: (event) => void validateEvent(event) },
    );
    threeDays
      .given(histories.submitted)
      .when(commands.route())
      .then([events.routed(), events.gatewayDeadline({ data: { dueBy: '2025-01-09' } })]);
  });

  it('is falling due the day after, started or not', () => {
    spec
      .given(histories.routed)
      .when(commands.markGatewayOverdue({ at: '2025-01-13T20:00:00Z' }))
      .thenThrows('not-yet-due');
    spec.given(histories.routed).when(commands.markGatewayOverdue()).then([events.gatewayOverdue()]);
  });
});

describe('EscalateReferral', () => {
  it('raises a live case to urgent and brings the gateway deadline forward to the same working day', () => {
    spec
      .given(histories.routed)
      .when(commands.escalate())
      .then([events.escalated(), events.gatewayDeadline({ data: { dueBy: '2025-01-07', because: 'escalated' } })]);
    const state = spec.given(histories.routed).when(commands.escalate()).state();
    expect(state.priority).toBe('urgent');
    expect(state.gateway.dueBy).toBe('2025-01-07');
  });

  it('keeps an earlier deadline, and sets none once the gateway assessment is complete', () => {
    spec
      .given(histories.routed)
      .when(commands.escalate({ at: '2025-01-20T10:00:00Z' }))
      .then([events.escalated()]);
    spec.given(histories.supported).when(commands.escalate()).then([events.escalated()]);
  });

  it('refuses a case that is already urgent', () => {
    spec
      .given([...histories.routed, events.escalated()])
      .when(commands.escalate())
      .thenThrows('already-urgent');
    spec
      .given([events.submitted({ data: { immediateRisk: true } }), events.routed({ data: urgentRouting })])
      .when(commands.escalate())
      .thenThrows('already-urgent');
  });

  it('refuses while nobody holds the case, on a closed case and before submission', () => {
    spec
      .given([...histories.routed, events.transferred()])
      .when(commands.escalate())
      .thenThrows('awaiting-routing');
    spec.given(histories.closed).when(commands.escalate()).thenThrows('case-closed');
    spec.given([]).when(commands.escalate()).thenThrows('not-submitted');
  });

  it('keeps the case urgent through a later routing the router calls standard', () => {
    const escalated = [...histories.routed, events.escalated(), events.transferred()];
    const state = spec
      .given(escalated)
      .when(commands.route({ reason: 'transferred', ...lichfield }))
      .state();
    expect(state.priority).toBe('urgent');
  });
});

describe('support reviews', () => {
  it('fall due by themselves on the date the policy set', () => {
    spec
      .given(histories.supported)
      .when(commands.markSupportReviewDue({ at: '2025-04-27T06:00:00Z' }))
      .thenThrows('not-yet-due');
    spec.given(histories.supported).when(commands.markSupportReviewDue()).then([events.supportReviewDue()]);
    const due = [...histories.supported, events.supportReviewDue()];
    spec.given(due).when(commands.markSupportReviewDue()).thenNothing();
    const reviewed = spec.given(due).when(commands.reviewSupport()).state();
    expect(reviewed.support).toMatchObject({ reviewDue: false, nextReviewDue: '2025-07-28' });
  });

  it('record nothing once the person has left Channel or the case is closed', () => {
    spec.given(histories.leftChannel).when(commands.markSupportReviewDue()).thenNothing();
    spec.given(histories.closed).when(commands.markSupportReviewDue()).thenNothing();
  });

  it('follow the configured interval', () => {
    const monthly = deciderSpecification(createReferralDecider({ triage: triagePolicy({ supportReviewMonths: 1 }) }), {
      record: recorded,
    });
    monthly
      .given(histories.adopted)
      .when(commands.agreeSupport())
      .then([events.supportAgreed(), events.supportReviewScheduled({ data: { dueOn: '2025-02-27' } })]);
  });
});

describe('post-exit reviews at the configured months', () => {
  const threeAndNine = deciderSpecification(
    createReferralDecider({ triage: triagePolicy({ postExitReviewMonths: { sixMonth: 3, twelveMonth: 9 } }) }),
    { record: recorded },
  );

  it('fall due at the configured months instead of being refused', () => {
    threeAndNine
      .given(histories.leftChannel)
      .when(commands.markReviewDue({ at: '2025-09-30T06:00:00Z' }))
      .then([events.reviewDue({ data: { review: 'six-month', dueOn: '2025-09-30' } })]);
    threeAndNine
      .given(histories.leftChannel)
      .when(commands.markReviewDue({ at: '2025-09-29T06:00:00Z' }))
      .thenThrows('not-yet-due');
  });

  it('accept whatever months the policy allows, as a property', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 35 }), fc.integer({ min: 1, max: 35 }), (first, extra) => {
        const second = Math.min(36, first + extra);
        const decider = createReferralDecider({
          triage: triagePolicy({ postExitReviewMonths: { sixMonth: first, twelveMonth: second } }),
        });
        const configured = deciderSpecification(decider, { record: recorded });
        const exit = sampleEvents.LeftChannel.data.exitDate;
        const [year, month] = exit.split('-').map(Number) as [number, number];
        const dueYear = year + Math.floor((month - 1 + first) / 12);
        const dueMonth = ((month - 1 + first) % 12) + 1;
        const lastDay = new Date(Date.UTC(dueYear, dueMonth, 0)).getUTCDate();
        const dueOn = `${dueYear}-${String(dueMonth).padStart(2, '0')}-${String(Math.min(30, lastDay)).padStart(2, '0')}`;
        configured
          .given(histories.leftChannel)
          .when(commands.markReviewDue({ at: `${dueOn}T06:00:00Z` }))
          .then([events.reviewDue({ data: { review: 'six-month', dueOn } })]);
      }),
      { numRuns: 60 },
    );
  });
});
