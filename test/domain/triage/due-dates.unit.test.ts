import { describe, expect, it } from 'vitest';
import {
  deliveryDueBy,
  dueDateOf,
  englandCalendar,
  postExitReviewDates,
  priorityOf,
  triagePolicy,
  walesCalendar,
} from '../../../domain/triage/index.js';

const policy = triagePolicy();
const england = { policy, calendar: englandCalendar };

describe('gateway assessment due dates', () => {
  it('are 5 working days after submission by default', () => {
    expect(dueDateOf('gateway-assessment', '2025-12-18T10:15:00Z', 'standard', england)).toBe('2025-12-29');
    expect(
      dueDateOf('gateway-assessment', '2026-04-01T09:00:00+01:00', 'standard', { policy, calendar: walesCalendar }),
    ).toBe('2026-04-10');
  });

  it('are the same day when urgent, weekend or not', () => {
    expect(dueDateOf('gateway-assessment', '2025-12-18T10:15:00Z', 'urgent', england)).toBe('2025-12-18');
    expect(dueDateOf('gateway-assessment', '2025-12-25T10:15:00Z', 'urgent', england)).toBe('2025-12-25');
  });

  it('count from the date in England and Wales, not in UTC', () => {
    // 23:30 UTC on Thursday 9 October 2025 is 00:30 on Friday 10 October in British Summer Time.
    expect(dueDateOf('gateway-assessment', '2025-10-09T23:30:00Z', 'urgent', england)).toBe('2025-10-10');
    expect(dueDateOf('gateway-assessment', '2025-10-09T23:30:00Z', 'standard', england)).toBe('2025-10-17');
  });

  it('follow a configured target', () => {
    const sevenDays = triagePolicy({ gatewayAssessment: { standardWorkingDays: 7 } });
    expect(
      dueDateOf('gateway-assessment', '2025-12-18T10:15:00Z', 'standard', {
        policy: sevenDays,
        calendar: englandCalendar,
      }),
    ).toBe('2025-12-31');
  });
});

describe('hub assessment and Channel panel due dates', () => {
  it('use their own targets', () => {
    expect(dueDateOf('hub-assessment', '2025-12-18T10:15:00Z', 'standard', england)).toBe(
      // 10 working days: 19, 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6 Jan
      '2026-01-06',
    );
    expect(dueDateOf('hub-assessment', '2025-12-24T10:15:00Z', 'urgent', england)).toBe('2025-12-29');
    expect(dueDateOf('channel-panel', '2026-03-30T10:00:00+01:00', 'standard', england)).toBe(
      // 20 working days from Mon 30 Mar 2026, skipping Good Friday and Easter Monday
      '2026-04-29',
    );
  });
});

describe('delivery and post-exit review timers', () => {
  it('make a delivery overdue 60 minutes after routing by default', () => {
    expect(deliveryDueBy('2025-12-18T10:15:00.000Z', policy)).toBe('2025-12-18T11:15:00.000Z');
    expect(deliveryDueBy('2025-12-18T10:15:00Z', triagePolicy({ deliveryConfirmationMinutes: 15 }))).toBe(
      '2025-12-18T10:30:00.000Z',
    );
  });

  it('put the reviews 6 and 12 months after exit, on the next working day when needed', () => {
    expect(postExitReviewDates('2025-06-25', england)).toEqual([
      { review: 'six-month', dueOn: '2025-12-29' }, // 25 Dec -> Mon 29 Dec
      { review: 'twelve-month', dueOn: '2026-06-25' },
    ]);
    // 31 Aug + 6 months is the last day of February, 28 Feb 2026, a Saturday: due Monday 2 March
    expect(postExitReviewDates('2025-08-31', england)[0]).toEqual({ review: 'six-month', dueOn: '2026-03-02' });
  });
});

describe('priority', () => {
  it('is urgent for an immediate risk and standard otherwise', () => {
    expect(priorityOf({ immediateRisk: true, suspectedConcernTypes: ['islamist'] }, policy)).toBe('urgent');
    expect(priorityOf({ immediateRisk: false, suspectedConcernTypes: ['islamist'] }, policy)).toBe('standard');
  });

  it('is urgent for a type of concern the policy names', () => {
    const strict = triagePolicy({ urgentConcernTypes: ['fascination-with-extreme-violence'] });
    expect(
      priorityOf(
        { immediateRisk: false, suspectedConcernTypes: ['other', 'fascination-with-extreme-violence'] },
        strict,
      ),
    ).toBe('urgent');
    expect(priorityOf({ immediateRisk: false, suspectedConcernTypes: ['other'] }, strict)).toBe('standard');
  });
});

describe('the triage policy', () => {
  it('has the documented defaults', () => {
    expect(policy.gatewayAssessment).toEqual({ standardWorkingDays: 5, urgentWorkingDays: 0 });
    expect(policy.deliveryConfirmationMinutes).toBe(60);
    expect(policy.postExitReviewMonths).toEqual({ sixMonth: 6, twelveMonth: 12 });
  });

  it('rejects nonsense in plain words', () => {
    expect(() => triagePolicy({ gatewayAssessment: { standardWorkingDays: -2 } })).toThrow(
      /gatewayAssessment.standardWorkingDays/,
    );
    expect(() => triagePolicy({ gatewayAssessment: { urgentWorkingDays: 9 } })).toThrow(
      /urgent target cannot be longer/,
    );
    expect(() => triagePolicy({ postExitReviewMonths: { sixMonth: 12, twelveMonth: 6 } })).toThrow(
      /first post-exit review/,
    );
    expect(() => triagePolicy({ urgentConcernTypes: ['not-a-type'] })).toThrow(/urgentConcernTypes/);
    expect(() => triagePolicy({ gatewayTarget: 5 })).toThrow(/not valid/);
  });
});
